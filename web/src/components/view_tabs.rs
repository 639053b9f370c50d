use crate::hooks::use_app;
use crate::state::{Action, View};
use yew::prelude::*;

/// The view switcher: one tab per view.
#[component]
pub fn ViewTabs() -> Html {
    let app = use_app();
    let tabs = View::ALL.into_iter().map(|view| {
        let selected = app.view == view;
        let onclick = {
            let dispatcher = app.dispatcher();
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetView(view)))
        };
        html! {
            <button
                type="button"
                role="tab"
                id={format!("tab-{}", view.as_str())}
                class={classes!("tab", selected.then_some("selected"))}
                aria-selected={if selected { "true" } else { "false" }}
                aria-controls="view"
                {onclick}
            >
                { view.label() }
            </button>
        }
    });
    html! {
        <nav class="tabs" role="tablist" aria-label="Views">{ for tabs }</nav>
    }
}
