use super::events::{on_check, on_click, on_select, on_text};
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::fleet::{
    attribute_problem, type_groups, type_summary, InstanceEdit, MAX_ATTRIBUTES, ZONES,
};
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// One instance's props.
#[derive(Properties, PartialEq)]
pub struct InstanceRowProps {
    /// Its index in the fleet.
    pub index: usize,
}

/// One instance of the fleet editor: id, type (with what it registers), zone, purchase
/// option, agent, DRAINING, custom attributes; duplicate and remove.
#[component]
pub fn InstanceRow(props: &InstanceRowProps) -> Html {
    let app = use_app();
    let send = use_place();
    let index = props.index;
    let Some(inst) = app.place.fleet.instances.get(index) else {
        return Html::default();
    };
    let trunking = app.place.fleet.trunking;
    let edit = {
        let send = send.clone();
        Callback::from(move |e: InstanceEdit| send.emit(PlaceAction::EditInstance(index, e)))
    };
    let known = inst.facts().is_some();
    let groups = type_groups().into_iter().map(|(family, types)| {
        html! {
            <optgroup label={family}>
                { for types.into_iter().map(|t| html! {
                    <option value={t.name} selected={t.name == inst.instance_type} title={type_summary(t, trunking)}>
                        { t.name }
                    </option>
                }) }
            </optgroup>
        }
    });
    let mut zones: Vec<String> = ZONES.iter().map(|z| (*z).to_owned()).collect();
    if !zones.contains(&inst.zone) {
        zones.push(inst.zone.clone());
    }
    let zone_options = zones.iter().map(|z| {
        html! { <option value={z.clone()} selected={*z == inst.zone}>{ z.clone() }</option> }
    });
    let summary = inst.facts().map_or_else(
        || "not in the catalogue".to_owned(),
        |t| type_summary(t, trunking),
    );
    let attributes = inst.attributes.iter().enumerate().map(|(a, (k, v))| {
        let problem = attribute_problem(k.trim(), v);
        html! {
            <li class={classes!("attribute", problem.is_some().then_some("invalid"))}>
                <input class="attr-name" value={k.clone()} placeholder="name" aria-label={format!("attribute {} name", a + 1)}
                    oninput={on_text(&edit, move |t| InstanceEdit::AttributeName(a, t))} />
                <span aria-hidden="true">{ "=" }</span>
                <input class="attr-value" value={v.clone()} placeholder="value" aria-label={format!("attribute {} value", a + 1)}
                    oninput={on_text(&edit, move |t| InstanceEdit::AttributeValue(a, t))} />
                <button type="button" class="icon-button small" aria-label={format!("remove attribute {}", a + 1)}
                    onclick={on_click(&edit, InstanceEdit::RemoveAttribute(a))}>{ "×" }</button>
                if let Some(p) = problem {
                    <span class="hint warn">{ p }</span>
                }
            </li>
        }
    });
    let id = format!("inst-{index}");
    html! {
        <li class={classes!("instance-row", inst.draining.then_some("draining"), (!inst.agent_connected).then_some("disconnected"))}
            data-testid={format!("instance-row-{index}")}>
            <div class="row-line">
                <input class="inst-id" value={inst.id.clone()} aria-label="instance id" id={id.clone()}
                    oninput={on_text(&edit, InstanceEdit::Id)} />
                <select class="inst-type" aria-label={format!("instance type of {}", inst.id)}
                    onchange={on_select(&edit, |v| Some(InstanceEdit::Type(v)))}>
                    if !known {
                        <option value={inst.instance_type.clone()} selected=true>{ inst.instance_type.clone() }</option>
                    }
                    { for groups }
                </select>
                <select class="inst-zone" aria-label={format!("Availability Zone of {}", inst.id)}
                    onchange={on_select(&edit, |v| Some(InstanceEdit::Zone(v)))}>
                    { for zone_options }
                </select>
            </div>
            <p class="type-summary muted small">{ summary }</p>
            <div class="row-line">
                <select class="purchase" aria-label={format!("purchase option of {}", inst.id)}
                    onchange={on_select(&edit, |v| Some(InstanceEdit::Spot(v == "spot")))}>
                    <option value="on-demand" selected={!inst.spot}>{ "On-Demand" }</option>
                    <option value="spot" selected={inst.spot}>{ "Spot" }</option>
                </select>
                <label class="check">
                    <input type="checkbox" checked={inst.agent_connected} title="The ECS agent is connected (AGENT otherwise)"
                        onchange={on_check(&edit, InstanceEdit::AgentConnected)} />
                    <span>{ "agent" }</span>
                </label>
                <label class="check">
                    <input type="checkbox" checked={inst.draining}
                        onchange={on_check(&edit, InstanceEdit::Draining)} />
                    <span>{ "DRAINING" }</span>
                </label>
                <span class="spacer" />
                <button type="button" class="icon-button text" title="Duplicate" aria-label={format!("duplicate {}", inst.id)}
                    onclick={on_click(&send, PlaceAction::DuplicateInstance(index))}>{ "copy" }</button>
                <button type="button" class="icon-button" title="Remove" aria-label={format!("remove {}", inst.id)}
                    onclick={on_click(&send, PlaceAction::RemoveInstance(index))}>{ "✕" }</button>
            </div>
            <ul class="attributes" aria-label={format!("custom attributes of {}", inst.id)}>
                { for attributes }
                if inst.attributes.len() < MAX_ATTRIBUTES {
                    <li>
                        <button type="button" class="link-button small" onclick={on_click(&edit, InstanceEdit::AddAttribute)}>
                            { "+ attribute" }
                        </button>
                    </li>
                }
            </ul>
        </li>
    }
}
