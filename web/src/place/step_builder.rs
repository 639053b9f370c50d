use super::events::on_click;
use super::step_card::StepCard;
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::steps::StepKind;
use crate::state::place::timeline::timeline;
use crate::state::place::{PlaceAction, MAX_STEPS};
use yew::prelude::*;

/// The step builder: the scenario's steps in order, and the calls a step can make.
#[component]
pub fn StepBuilder() -> Html {
    let app = use_app();
    let send = use_place();
    let steps = &app.place.steps;
    let full = steps.len() >= MAX_STEPS;
    let entries = timeline(&app.place);
    let add = StepKind::ALL.into_iter().map(|kind| {
        html! {
            <button type="button" class="chip-button" disabled={full}
                onclick={on_click(&send, PlaceAction::AddStep(kind))}
                data-testid={format!("add-{}", kind.id())}>
                { format!("+ {}", kind.label()) }
            </button>
        }
    });
    html! {
        <section class="panel step-builder" aria-labelledby="steps-title">
            <header class="panel-head">
                <h2 id="steps-title">{ format!("Steps · {}", steps.len()) }</h2>
            </header>
            <ol class="step-cards">
                { for (0..steps.len()).map(|index| {
                    let outcome = entries.get(index + 1).map(|e| (e.title.clone(), e.status.as_str(), e.badge.clone()));
                    html! { <StepCard key={index} {index} {outcome} /> }
                }) }
            </ol>
            <div class="add-steps" role="group" aria-label="Add a step">{ for add }</div>
            <p class="muted small">
                { "Services, capacity providers and Spot interruptions are not simulated yet." }
            </p>
        </section>
    }
}
