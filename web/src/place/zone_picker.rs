use super::events::on_check;
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::steps::{StepEdit, TdRef};
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// The subnet picker's props.
#[derive(Properties, PartialEq)]
pub struct ZonePickerProps {
    /// The step's index.
    pub index: usize,
    /// The chosen zones (`None`: all).
    pub zones: Option<Vec<String>>,
    /// The step's task definition (the picker shows for awsvpc ones).
    pub task_definition: TdRef,
    /// The step launches on Fargate (which always needs subnets).
    pub fargate: bool,
}

/// For awsvpc tasks: the subnets of the request's networkConfiguration, one per zone.
#[component]
pub fn ZonePicker(props: &ZonePickerProps) -> Html {
    let app = use_app();
    let send = use_place();
    let awsvpc = app
        .place
        .task_definition(props.task_definition)
        .is_some_and(|e| e.awsvpc);
    if !awsvpc && !props.fargate {
        return Html::default();
    }
    let index = props.index;
    let all = app.place.fleet.zones();
    let boxes = app.place.fleet.subnets().into_iter().map(|(subnet, zone)| {
        let on = props.zones.as_ref().is_none_or(|z| z.contains(&zone));
        let (all, z) = (all.clone(), zone.clone());
        let onchange = on_check(&send, move |c| {
            PlaceAction::EditStep(
                index,
                StepEdit::Zone {
                    zone: z.clone(),
                    on: c,
                    all: all.clone(),
                },
            )
        });
        html! {
            <label class="check">
                <input type="checkbox" checked={on} {onchange} />
                <span>{ zone }<span class="muted small">{ format!(" ({subnet})") }</span></span>
            </label>
        }
    });
    html! {
        <fieldset class="field targets">
            <legend>{ "Subnets (awsvpc: the task may only land in these zones, else LOCATION)" }</legend>
            <div class="checks">{ for boxes }</div>
        </fieldset>
    }
}
