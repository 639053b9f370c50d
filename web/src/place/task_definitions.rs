use super::events::on_click;
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::scenario::TdSource;
use crate::state::place::PlaceAction;
use crate::state::{Action, View};
use yew::prelude::*;

/// The task definitions the scenario registers, in order: the scenario's own, then the Lint
/// view's document (edit it there, place it here).
#[component]
pub fn TaskDefinitions() -> Html {
    let app = use_app();
    let send = use_place();
    let to_lint = {
        let dispatcher = app.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetView(View::Lint)))
    };
    let items = app.place.catalog.iter().map(|e| {
        let source = match e.source() {
            TdSource::Scenario => html! { <span class="badge info">{ "scenario" }</span> },
            TdSource::Editor => html! {
                <button type="button" class="badge ok link-badge" onclick={to_lint.clone()}
                    title="Edit it in the Lint view">{ "Lint view" }</button>
            },
        };
        html! {
            <li class="td-item" data-testid={format!("td-{}", e.reference.key())}>
                <div class="row-line">
                    <code class="td-name">{ e.name() }</code>
                    { source }
                    <span class="spacer" />
                    <button type="button" class="button small" onclick={on_click(&send, PlaceAction::PlaceTaskDefinition(e.reference))}
                        title={format!("Add a RunTask step of {}", e.name())} data-testid="run-td">
                        { "Run it" }
                    </button>
                </div>
                <p class="muted small">{ e.summary.clone() }</p>
            </li>
        }
    });
    html! {
        <section class="panel" aria-labelledby="td-title">
            <header class="panel-head">
                <h2 id="td-title">{ "Task definitions" }</h2>
            </header>
            <ul class="td-list">{ for items }</ul>
            { for app.place.editor_notes.iter().map(|n| html! { <p class="muted small">{ n.clone() }</p> }) }
        </section>
    }
}
