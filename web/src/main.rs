//! The ecsplay web playground: a yew app over `ecsplay-core`, built by Trunk from the root
//! `index.html`. State lives in `state/` (a reducer tested natively); components only render
//! and dispatch; the CodeMirror editor is reached through `bridge`.

mod app;
mod bridge;
mod clock;
mod components;
mod docs;
mod examples;
mod hooks;
mod markdown;
mod panic;
mod place;
mod state;

fn main() {
    panic::install_hook();
    yew::Renderer::<app::App>::new().render();
}
