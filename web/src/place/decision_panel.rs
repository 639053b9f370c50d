use super::decision_matrix::DecisionMatrix;
use super::events::on_click;
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::matrix::{decision, Body};
use crate::state::place::{PlaceAction, Selection};
use yew::prelude::*;

/// The decision of the selected task or unplaced task: why it landed where it did, or why it
/// could not land; Close (or Escape anywhere in the view) closes it.
#[component]
pub fn DecisionPanel() -> Html {
    let app = use_app();
    let send = use_place();
    let place = &app.place;
    let panel = use_node_ref();
    // Bring the panel into view when a decision opens (the focus stays where it was).
    {
        let panel = panel.clone();
        use_effect_with(place.selected.clone(), move |selected| {
            if selected.is_some() {
                if let Some(el) = panel.cast::<web_sys::Element>() {
                    el.scroll_into_view_with_bool(false);
                }
            }
        });
    }
    let Some(d) = decision(place) else {
        let first = place
            .run
            .ok()
            .and_then(|r| r.steps.iter().flat_map(|s| s.tasks.iter()).next())
            .map(|t| t.task_id.clone());
        return html! {
            <section class="panel decision empty" ref={panel} aria-labelledby="decision-title" data-testid="decision">
                <h2 id="decision-title">{ "Decision" }</h2>
                <p class="muted">{ "Select a task (or an unplaced one) to see each instance × check, how the strategies ranked the candidates, and why the winner won." }</p>
                if let Some(id) = first {
                    <button type="button" class="button" onclick={on_click(&send, PlaceAction::Select(Some(Selection::Task(id.clone()))))}>
                        { format!("Explain {id}") }
                    </button>
                }
            </section>
        };
    };
    let body = match &d.body {
        Body::Explained(m) => html! { <DecisionMatrix matrix={(**m).clone()} /> },
        Body::Direct { text } => html! { <p>{ text.clone() }</p> },
        Body::Fargate { zone } => html! {
            <p>{ format!("Fargate has no instances to choose between: ECS spreads the group's tasks over the Availability Zones of the request's subnets, and this one went to {zone}. Placement strategies and constraints do not apply.") }</p>
        },
    };
    html! {
        <section class="panel decision" ref={panel} aria-labelledby="decision-title" data-testid="decision">
            <header class="panel-head">
                <h2 id="decision-title">{ d.title.clone() }</h2>
                <button type="button" class="button" onclick={on_click(&send, PlaceAction::Select(None))} data-testid="close-decision">
                    { "Close" }
                </button>
            </header>
            <p class="meta">
                <span>{ format!("Step {} · {}", d.step, d.action) }</span>
                if let Some(n) = &d.note {
                    <span>{ n.clone() }</span>
                }
                if let Some(Selection::Task(id)) = &place.selected {
                    <button type="button" class="link-button small"
                        onclick={on_click(&send, PlaceAction::StopTask(id.clone()))}
                        title="What-if: adds a StopTask step at the end of the scenario">
                        { format!("Stop {id} (new step)") }
                    </button>
                }
            </p>
            { body }
        </section>
    }
}
