use super::events::{on_check, on_click};
use super::instance_row::InstanceRow;
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::fleet::{FleetPreset, MAX_INSTANCES};
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// The fleet editor: presets, the trunking account setting, and one row per instance.
#[component]
pub fn FleetEditor() -> Html {
    let app = use_app();
    let send = use_place();
    let fleet = &app.place.fleet;
    let presets = FleetPreset::ALL.into_iter().map(|p| {
        html! {
            <button type="button" class="chip-button" title={p.description()}
                onclick={on_click(&send, PlaceAction::Preset(p))}
                data-testid={format!("preset-{}", p.id())}>
                { p.title() }
            </button>
        }
    });
    let rows = fleet
        .instances
        .iter()
        .enumerate()
        .map(|(index, _)| html! { <InstanceRow key={index} {index} /> });
    let full = fleet.instances.len() >= MAX_INSTANCES;
    html! {
        <section class="panel fleet-editor" aria-labelledby="fleet-title">
            <header class="panel-head">
                <h2 id="fleet-title">{ format!("Fleet · {} instances", fleet.instances.len()) }</h2>
                <button type="button" class="button" disabled={full}
                    onclick={on_click(&send, PlaceAction::AddInstance)} data-testid="add-instance">
                    { "+ Instance" }
                </button>
            </header>
            <div class="presets" role="group" aria-label="Fleet presets">{ for presets }</div>
            <label class="check">
                <input type="checkbox" checked={fleet.trunking}
                    onchange={on_check(&send, PlaceAction::Trunking)} data-testid="trunking" />
                <span>
                    { "awsvpcTrunking account setting" }
                    <span class="muted small">{ " — supported types get a trunk ENI and many more awsvpc task slots" }</span>
                </span>
            </label>
            <ol class="instance-rows">{ for rows }</ol>
            if full {
                <p class="muted small">{ format!("The editor stops at {MAX_INSTANCES} instances.") }</p>
            }
        </section>
    }
}
