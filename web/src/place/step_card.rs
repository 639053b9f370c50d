use super::events::{on_click, on_number, on_select, on_text};
use super::run_task_form::RunTaskForm;
use super::step_targets::StepTargets;
use super::td_picker::TdPicker;
use super::use_place;
use super::zone_picker::ZonePicker;
use crate::hooks::use_app;
use crate::state::place::steps::{StepEdit, StepSpec};
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// One step's props.
#[derive(Properties, PartialEq)]
pub struct StepCardProps {
    /// Its index in the scenario (the step number less one).
    pub index: usize,
    /// What the latest run says of it: title, status class, badge.
    pub outcome: Option<(String, &'static str, String)>,
}

/// One step of the builder: its number and outcome, move / copy / remove, and its form.
#[component]
pub fn StepCard(props: &StepCardProps) -> Html {
    let app = use_app();
    let send = use_place();
    let place = &app.place;
    let index = props.index;
    let Some(step) = place.steps.get(index) else {
        return Html::default();
    };
    let edit = {
        let send = send.clone();
        Callback::from(move |e: StepEdit| send.emit(PlaceAction::EditStep(index, e)))
    };
    let body = match step {
        StepSpec::RunTask(_) => html! { <RunTaskForm {index} /> },
        StepSpec::StartTask(s) => html! {
            <>
                <TdPicker {index} value={s.task_definition} />
                <StepTargets {index} chosen={s.instances.clone()} label="On the instances (one task each, at most 10)" />
                <label class="field">
                    <span>{ "Group" }</span>
                    <input value={s.group.clone()} placeholder="family:<family> (default)"
                        oninput={on_text(&edit, StepEdit::Group)} />
                </label>
                <ZonePicker {index} zones={s.zones.clone()} task_definition={s.task_definition} fargate=false />
            </>
        },
        StepSpec::StopTask { task } => {
            let before = place
                .run
                .state_at(index)
                .map(|s| s.tasks.clone())
                .unwrap_or_default();
            let known = before.iter().any(|t| &t.task_id == task);
            html! {
                <label class="field">
                    <span>{ "Task" }</span>
                    <select onchange={on_select(&edit, |v| Some(StepEdit::Task(v)))} data-testid="stop-task">
                        if !known {
                            <option value={task.clone()} selected=true>{ format!("{task} (not running here)") }</option>
                        }
                        { for before.iter().map(|t| html! {
                            <option value={t.task_id.clone()} selected={&t.task_id == task}>
                                { format!("{} on {} ({})", t.task_id, t.container_instance.clone().unwrap_or_else(|| "Fargate".to_owned()), t.task_definition) }
                            </option>
                        }) }
                    </select>
                </label>
            }
        }
        StepSpec::UpdateState {
            instances,
            draining,
        } => html! {
            <>
                <StepTargets {index} chosen={instances.clone()} label="Instances (at most 10)" />
                <label class="field">
                    <span>{ "Status" }</span>
                    <select onchange={on_select(&edit, |v| Some(StepEdit::Draining(v == "DRAINING")))}>
                        <option value="DRAINING" selected={*draining}>{ "DRAINING: receive no new tasks" }</option>
                        <option value="ACTIVE" selected={!*draining}>{ "ACTIVE" }</option>
                    </select>
                </label>
            </>
        },
        StepSpec::AdvanceTime { seconds } => html! {
            <label class="field">
                <span>{ "Seconds" }</span>
                <input type="number" value={seconds.to_string()} oninput={on_number(&edit, StepEdit::Seconds)} />
            </label>
        },
    };
    let (title, status, badge) = props
        .outcome
        .clone()
        .unwrap_or_else(|| (step.action().to_owned(), "start", String::new()));
    let shown = place.at == index + 1;
    html! {
        <li class={classes!("step-card", shown.then_some("shown"))} data-testid={format!("step-{}", index + 1)}>
            <header class="step-head">
                <button type="button" class={classes!("step-number", status)}
                    onclick={on_click(&send, PlaceAction::GoTo(index + 1))}
                    aria-label={format!("show the fleet after step {}", index + 1)}
                    title="Show the fleet after this step">
                    { index + 1 }
                </button>
                <span class="step-title">
                    <strong>{ title }</strong>
                    <span class={classes!("step-badge", status)}>{ badge }</span>
                </span>
                <span class="step-tools">
                    <button type="button" class="icon-button" disabled={index == 0} title="Move up"
                        aria-label={format!("move step {} up", index + 1)}
                        onclick={on_click(&send, PlaceAction::RaiseStep(index))}>{ "↑" }</button>
                    <button type="button" class="icon-button text" title="Duplicate"
                        aria-label={format!("duplicate step {}", index + 1)}
                        onclick={on_click(&send, PlaceAction::DuplicateStep(index))}>{ "copy" }</button>
                    <button type="button" class="icon-button" title="Remove"
                        aria-label={format!("remove step {}", index + 1)}
                        onclick={on_click(&send, PlaceAction::RemoveStep(index))}>{ "✕" }</button>
                </span>
            </header>
            <div class="step-body">{ body }</div>
        </li>
    }
}
