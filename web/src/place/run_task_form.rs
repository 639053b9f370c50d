use super::constraint_row::ConstraintRow;
use super::events::{on_click, on_number, on_select, on_text};
use super::strategy_row::StrategyRow;
use super::td_picker::TdPicker;
use super::use_place;
use super::zone_picker::ZonePicker;
use crate::hooks::use_app;
use crate::state::place::steps::{
    ConstraintKind, LaunchType, StepEdit, StepSpec, StrategyPreset, MAX_CONSTRAINTS, MAX_STRATEGIES,
};
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// The RunTask form's props.
#[derive(Properties, PartialEq)]
pub struct RunTaskFormProps {
    /// The step's index.
    pub index: usize,
}

/// A RunTask request: task definition, count, launch type, group, the console's placement
/// templates, strategies (up to 5, in order), constraints, and subnets for awsvpc.
#[component]
pub fn RunTaskForm(props: &RunTaskFormProps) -> Html {
    let app = use_app();
    let send = use_place();
    let index = props.index;
    let Some(StepSpec::RunTask(r)) = app.place.steps.get(index) else {
        return Html::default();
    };
    let edit = {
        let send = send.clone();
        Callback::from(move |e: StepEdit| send.emit(PlaceAction::EditStep(index, e)))
    };
    let preset = StrategyPreset::detect(&r.strategies, &r.constraints);
    let fargate = r.launch_type == LaunchType::Fargate;
    let count_ok = (1..=10).contains(&r.count);
    let default_group = app.place.task_definition(r.task_definition).map_or_else(
        || "family:<family>".to_owned(),
        |e| format!("family:{}", e.family),
    );
    let presets = StrategyPreset::ALL.into_iter().map(|p| {
        html! { <option value={p.id()} selected={p == preset}>{ p.title() }</option> }
    });
    let strategies =
        (0..r.strategies.len()).map(|at| html! { <StrategyRow key={at} {index} {at} /> });
    let constraints =
        (0..r.constraints.len()).map(|at| html! { <ConstraintRow key={at} {index} {at} /> });
    html! {
        <div class="run-task">
            <TdPicker {index} value={r.task_definition} />
            <div class="row-line">
                <label class="field inline">
                    <span>{ "Count" }</span>
                    <input type="number" class="count" value={r.count.to_string()}
                        oninput={on_number(&edit, StepEdit::Count)} data-testid="count"
                        aria-invalid={(!count_ok).then_some("true")} />
                </label>
                <label class="field inline">
                    <span>{ "Launch type" }</span>
                    <select onchange={on_select(&edit, |v| LaunchType::parse(&v).map(StepEdit::LaunchType))} data-testid="launch-type">
                        <option value="EC2" selected={!fargate}>{ "EC2" }</option>
                        <option value="FARGATE" selected={fargate}>{ "FARGATE" }</option>
                    </select>
                </label>
            </div>
            if !count_ok {
                <p class="hint warn">{ "ECS accepts a count of 1 to 10; it refuses this call (see the timeline)." }</p>
            }
            <label class="field">
                <span>{ "Task group" }</span>
                <input value={r.group.clone()} placeholder={format!("{default_group} (default)")}
                    oninput={on_text(&edit, StepEdit::Group)} />
            </label>
            <div class={classes!("placement", fargate.then_some("unsupported"))}>
                if fargate {
                    <p class="hint warn">{ "Fargate spreads tasks over the subnets' zones: ECS refuses placement strategies and constraints with the FARGATE launch type." }</p>
                }
                <label class="field">
                    <span>{ "Placement template" }</span>
                    <select onchange={on_select(&edit, |v| StrategyPreset::parse(&v).map(StepEdit::Preset))} data-testid="preset">
                        { for presets }
                    </select>
                    <span class="muted small">{ preset.description() }</span>
                </label>
                <fieldset class="field">
                    <legend>{ format!("Strategies, applied in order ({}/{MAX_STRATEGIES})", r.strategies.len()) }</legend>
                    <ol class="rule-rows">{ for strategies }</ol>
                    <button type="button" class="link-button small" disabled={r.strategies.len() >= MAX_STRATEGIES}
                        onclick={on_click(&edit, StepEdit::AddStrategy)} data-testid="add-strategy">{ "+ strategy" }</button>
                </fieldset>
                <fieldset class="field">
                    <legend>{ "Constraints (hard: an instance failing one is out)" }</legend>
                    <ol class="rule-rows">{ for constraints }</ol>
                    <span class="row-line">
                        <button type="button" class="link-button small" disabled={r.constraints.len() >= MAX_CONSTRAINTS}
                            onclick={on_click(&edit, StepEdit::AddConstraint(ConstraintKind::MemberOf))} data-testid="add-member-of">
                            { "+ memberOf" }
                        </button>
                        <button type="button" class="link-button small" disabled={r.constraints.len() >= MAX_CONSTRAINTS}
                            onclick={on_click(&edit, StepEdit::AddConstraint(ConstraintKind::DistinctInstance))}>
                            { "+ distinctInstance" }
                        </button>
                    </span>
                </fieldset>
            </div>
            <ZonePicker {index} zones={r.zones.clone()} task_definition={r.task_definition} {fargate} />
        </div>
    }
}
