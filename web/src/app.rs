//! The root component: creates the reducer, provides it, syncs the permalink and the theme, and
//! lays out the shell (header, the selected view, the examples gallery, the status line).

use crate::components::{Gallery, Header, LintView, StatusLine};
use crate::hooks::{initial_state, use_permalink, AppHandle};
use crate::place::PlaceView;
use crate::state::{Action, View};
use yew::prelude::*;

/// The playground.
#[component]
pub fn App() -> Html {
    let app = use_reducer_eq(|| {
        let (mut state, error) = initial_state();
        if let Some(text) = error {
            state.apply(Action::Notify { text, error: true });
        }
        state
    });
    use_permalink(&app);

    // The theme is an attribute of <html>, where the style sheet's variables are chosen.
    use_effect_with(app.theme, |theme| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = match theme.as_str() {
                Some(name) => root.set_attribute("data-theme", name),
                None => root.remove_attribute("data-theme"),
            };
        }
    });

    // The first rendered lint result marks the page interactive (scripts/web-budget.mjs reads
    // this mark to measure the time to interactive).
    use_effect_with((), |_| {
        if let Some(performance) = gloo::utils::window().performance() {
            let _ = performance.mark("ecsplay-interactive");
        }
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("data-ready", "");
        }
    });

    let view = match app.view {
        View::Lint => html! { <LintView /> },
        View::Place => html! { <PlaceView /> },
    };
    html! {
        <ContextProvider<AppHandle> context={app.clone()}>
            <div class="app">
                <Header />
                <main id="view" class="view" role="tabpanel" aria-labelledby={format!("tab-{}", app.view.as_str())}>
                    { view }
                </main>
                <StatusLine />
                if app.gallery_open { <Gallery /> }
            </div>
        </ContextProvider<AppHandle>>
    }
}
