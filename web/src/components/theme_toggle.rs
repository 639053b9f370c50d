use crate::hooks::use_app;
use crate::state::{Action, Theme};
use yew::prelude::*;

fn system_prefers_dark() -> bool {
    gloo::utils::window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Switches between the light and dark themes (the system's until first used).
#[component]
pub fn ThemeToggle() -> Html {
    let app = use_app();
    let theme = app.theme;
    let onclick = {
        let dispatcher = app.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::SetTheme(theme.toggled(system_prefers_dark())))
        })
    };
    let (label, icon) = match theme {
        Theme::System => ("Theme: system. Switch theme", "◐"),
        Theme::Light => ("Theme: light. Switch to dark", "☀"),
        Theme::Dark => ("Theme: dark. Switch to light", "☾"),
    };
    html! {
        <button type="button" class="button icon-button" {onclick} aria-label={label} title={label} data-testid="theme">
            <span aria-hidden="true">{ icon }</span>
        </button>
    }
}
