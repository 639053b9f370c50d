use super::{ShareMenu, ThemeToggle, ViewTabs};
use crate::hooks::use_app;
use crate::state::{Action, LintAction};
use yew::prelude::*;

/// The top bar: the name, the view switcher, Examples, Reset, the share menu and the theme.
#[component]
pub fn Header() -> Html {
    let app = use_app();
    let open_gallery = {
        let dispatcher = app.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Gallery(true)))
    };
    let reset = {
        let dispatcher = app.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Lint(LintAction::Reset)))
    };
    html! {
        <header class="topbar">
            <h1 class="brand">
                <span class="logo" aria-hidden="true">{ "▣" }</span>
                { "ecsplay" }
                <span class="tagline">{ "ECS task definition playground" }</span>
            </h1>
            <ViewTabs />
            <div class="actions">
                <button type="button" class="button" onclick={open_gallery} aria-haspopup="dialog" data-testid="open-examples">
                    { "Examples" }
                </button>
                <button type="button" class="button" onclick={reset} title="Back to the example you started from" data-testid="reset">
                    { "Reset" }
                </button>
                <ShareMenu />
                <ThemeToggle />
            </div>
        </header>
    }
}
