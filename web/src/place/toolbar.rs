use super::events::{on_click, on_number, on_select};
use super::use_place;
use crate::bridge;
use crate::hooks::use_app;
use crate::state::place::export::{RESULT_FILE, SCENARIO_FILE};
use crate::state::place::{ColorBy, PlaceAction};
use yew::prelude::*;

/// The run's controls: the seed and Reshuffle, the task colouring, the simulation time, the
/// downloads and Reset; and, when the scenario cannot run, why.
#[component]
pub fn Toolbar() -> Html {
    let app = use_app();
    let send = use_place();
    let place = &app.place;
    let download = |name: &'static str, scenario: bool| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let text = if scenario {
                app.place.run.scenario_text()
            } else {
                app.place.run.result_text()
            };
            bridge::download(name, "application/json", &text);
        })
    };
    let seed = on_number(&send, |n| PlaceAction::Seed(n.max(0) as u64));
    let color_by = on_select(&send, |v| ColorBy::parse(&v).map(PlaceAction::ColorBy));
    let problems: Html = match &place.run.result {
        Ok(_) => Html::default(),
        Err(errors) => html! {
            <div class="place-errors" role="alert" data-testid="scenario-errors">
                <strong>{ "The scenario cannot run:" }</strong>
                <ul>
                    { for errors.iter().map(|e| html! {
                        <li><code>{ if e.pointer.is_empty() { "/".to_owned() } else { e.pointer.clone() } }</code>{ " " }{ e.message.clone() }</li>
                    }) }
                </ul>
            </div>
        },
    };
    let fleet_problems = place.fleet.problems();
    html! {
        <section class="panel place-toolbar" aria-label="Run">
            <div class="toolbar-row">
                <label class="field inline">
                    <span>{ "Seed" }</span>
                    <input
                        type="number"
                        min="0"
                        class="seed"
                        value={place.seed.to_string()}
                        oninput={seed}
                        data-testid="seed"
                        aria-describedby="seed-help"
                    />
                </label>
                <button type="button" class="button" onclick={on_click(&send, PlaceAction::Reshuffle)} data-testid="reshuffle"
                    title="Pick another seed: ties between equally good instances may go elsewhere">
                    { "Reshuffle" }
                </button>
                <span id="seed-help" class="sr-only">{ "The seed of the RNG that breaks ties between equally good instances" }</span>
                <label class="field inline">
                    <span>{ "Colour by" }</span>
                    <select onchange={color_by} data-testid="color-by">
                        <option value="taskDefinition" selected={place.color_by == ColorBy::TaskDefinition}>{ "task definition" }</option>
                        <option value="group" selected={place.color_by == ColorBy::Group}>{ "task group" }</option>
                    </select>
                </label>
                <span class="spacer" />
                <span class="muted small" data-testid="sim-ms" data-ms={format!("{:.3}", place.run.sim_ms)} data-revision={place.revision.to_string()}
                    aria-live="off">
                    { if place.stale { "updating…".to_owned() } else { format!("simulated in {:.1} ms", place.run.sim_ms) } }
                </span>
                <button type="button" class="button" onclick={download(SCENARIO_FILE, true)} data-testid="download-scenario"
                    title="The scenario as a file that `ecsplay place` runs the same way">
                    { "Scenario JSON" }
                </button>
                <button type="button" class="button" onclick={download(RESULT_FILE, false)} data-testid="download-result"
                    title="What `ecsplay place --format json` prints for this scenario">
                    { "Result JSON" }
                </button>
                <button type="button" class="button" onclick={on_click(&send, PlaceAction::Reset)} data-testid="place-reset"
                    title="Back to the sample fleet and scenario">
                    { "Reset scenario" }
                </button>
            </div>
            if !fleet_problems.is_empty() {
                <ul class="place-warnings" data-testid="fleet-problems">
                    { for fleet_problems.into_iter().map(|p| html! { <li>{ p }</li> }) }
                </ul>
            }
            { problems }
        </section>
    }
}
