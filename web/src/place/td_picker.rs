use super::events::on_select;
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::steps::{StepEdit, TdRef};
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// The task-definition picker's props.
#[derive(Properties, PartialEq)]
pub struct TdPickerProps {
    /// The step's index.
    pub index: usize,
    /// The chosen task definition.
    pub value: TdRef,
}

/// Picks the task definition a step launches, among the scenario's and the Lint view's.
#[component]
pub fn TdPicker(props: &TdPickerProps) -> Html {
    let app = use_app();
    let send = use_place();
    let index = props.index;
    let catalog = &app.place.catalog;
    let missing = !catalog.iter().any(|e| e.reference == props.value);
    let summary = catalog
        .iter()
        .find(|e| e.reference == props.value)
        .map(|e| e.summary.clone());
    let onchange = on_select(&send, move |v| {
        TdRef::parse(&v).map(|r| PlaceAction::EditStep(index, StepEdit::TaskDefinition(r)))
    });
    html! {
        <label class="field">
            <span>{ "Task definition" }</span>
            <select {onchange} data-testid="task-definition">
                if missing {
                    <option value={props.value.key()} selected=true>{ "(missing: TaskDefinition not found)" }</option>
                }
                { for catalog.iter().map(|e| html! {
                    <option value={e.reference.key()} selected={e.reference == props.value}>{ e.label() }</option>
                }) }
            </select>
            if let Some(s) = summary {
                <span class="muted small">{ s }</span>
            }
        </label>
    }
}
