//! The placement view: where the tasks of the scenario (and of the task definition in the Lint
//! view) land on a mock EC2 fleet, and why. The left column edits the scenario (fleet, task
//! definitions, steps); the right one shows the run: the timeline, the fleet picture after the
//! selected step, and the decision of the selected task. State lives in `state/place.rs`; these
//! components render it and dispatch [`PlaceAction`]s, one component per file.

mod constraint_row;
mod decision_matrix;
mod decision_panel;
mod events;
mod fleet_editor;
mod fleet_picture;
mod instance_card;
mod instance_row;
mod run_task_form;
mod step_builder;
mod step_card;
mod step_targets;
mod strategy_row;
mod task_chip;
mod task_definitions;
mod td_picker;
mod timeline;
mod toolbar;
mod unplaced_lane;
mod usage_bar;
mod zone_picker;

use crate::hooks::use_app;
use crate::state::place::TYPING_PAUSE_MS;
use crate::state::{Action, PlaceAction};
use decision_panel::DecisionPanel;
use fleet_editor::FleetEditor;
use fleet_picture::FleetPicture;
use gloo::timers::callback::Timeout;
use step_builder::StepBuilder;
use task_definitions::TaskDefinitions;
use timeline::Timeline;
use toolbar::Toolbar;
use yew::prelude::*;

/// A callback that dispatches placement actions.
#[hook]
pub fn use_place() -> Callback<PlaceAction> {
    let app = use_app();
    let dispatcher = app.dispatcher();
    Callback::from(move |a: PlaceAction| dispatcher.dispatch(Action::Place(a)))
}

/// The placement view.
#[component]
pub fn PlaceView() -> Html {
    let app = use_app();
    let place = &app.place;
    // Typed edits wait for a pause before the simulation runs again; each keystroke restarts
    // the timer (dropping a Timeout cancels it).
    {
        let dispatcher = app.dispatcher();
        use_effect_with((place.stale, place.edits), move |(stale, _)| {
            let timer = stale.then(|| {
                Timeout::new(TYPING_PAUSE_MS, move || {
                    dispatcher.dispatch(Action::Place(PlaceAction::Run))
                })
            });
            move || drop(timer)
        });
    }
    let examples = place.fleet.query_examples();
    let onkeydown = {
        let dispatcher = app.dispatcher();
        let open = place.selected.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if open && e.key() == "Escape" {
                dispatcher.dispatch(Action::Place(PlaceAction::Select(None)));
            }
        })
    };
    html! {
        <div class="place-view" data-testid="place-view" {onkeydown}>
            <datalist id="place-query-examples">
                { for examples.into_iter().map(|e| html! { <option value={e} /> }) }
            </datalist>
            <div class="place-side" aria-label="Scenario">
                <FleetEditor />
                <TaskDefinitions />
                <StepBuilder />
            </div>
            <div class="place-main">
                <Toolbar />
                <Timeline />
                <FleetPicture />
                <DecisionPanel />
            </div>
        </div>
    }
}
