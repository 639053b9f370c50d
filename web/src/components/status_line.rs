use crate::hooks::use_app;
use yew::prelude::*;

/// The latest status message, announced politely to screen readers.
#[component]
pub fn StatusLine() -> Html {
    let app = use_app();
    let (text, error) = app
        .notice
        .as_ref()
        .map_or((String::new(), false), |n| (n.text.clone(), n.error));
    html! {
        <footer class="statusbar">
            <p class={classes!("notice", error.then_some("error"))} role="status" aria-live="polite" data-testid="notice">
                { text }
            </p>
            <p class="version">
                { format!("ecsplay {} · {} rules · runs in your browser, nothing is uploaded", ecsplay_core::VERSION, ecsplay_core::lint::all_rules().len()) }
            </p>
        </footer>
    }
}
