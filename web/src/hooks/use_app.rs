use crate::state::AppState;
use yew::prelude::*;

/// The app's reducer handle, provided by [`crate::app::App`] to every component.
pub type AppHandle = UseReducerHandle<AppState>;

/// The app state and its dispatcher. Only valid under the `App`'s `ContextProvider`.
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("use_app is called under App's ContextProvider<AppHandle>")
}
