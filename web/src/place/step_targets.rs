use super::events::on_check;
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::steps::{StepEdit, MAX_NAMED_INSTANCES};
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// The instance checklist's props.
#[derive(Properties, PartialEq)]
pub struct StepTargetsProps {
    /// The step's index.
    pub index: usize,
    /// The instances the step names.
    pub chosen: Vec<String>,
    /// The group's label.
    pub label: AttrValue,
}

/// Which instances a StartTask or UpdateContainerInstancesState step names.
#[component]
pub fn StepTargets(props: &StepTargetsProps) -> Html {
    let app = use_app();
    let send = use_place();
    let index = props.index;
    let mut ids: Vec<String> = app
        .place
        .fleet
        .instances
        .iter()
        .map(|i| i.id.clone())
        .collect();
    for c in &props.chosen {
        if !ids.contains(c) {
            ids.push(c.clone());
        }
    }
    let full = props.chosen.len() >= MAX_NAMED_INSTANCES;
    let boxes = ids.into_iter().map(|id| {
        let on = props.chosen.contains(&id);
        let name = id.clone();
        let onchange = on_check(&send, move |c| {
            PlaceAction::EditStep(index, StepEdit::Instance(name.clone(), c))
        });
        html! {
            <label class="check">
                <input type="checkbox" checked={on} disabled={full && !on} {onchange} />
                <span>{ id }</span>
            </label>
        }
    });
    html! {
        <fieldset class="field targets">
            <legend>{ props.label.clone() }</legend>
            <div class="checks">{ for boxes }</div>
        </fieldset>
    }
}
