use super::events::{on_click, on_select};
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::steps::{StepEdit, StepSpec, StrategyKind, AZ_FIELD};
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// A strategy row's props.
#[derive(Properties, PartialEq)]
pub struct StrategyRowProps {
    /// The step's index.
    pub index: usize,
    /// The strategy's position.
    pub at: usize,
}

/// One placement strategy: its type and field; move it earlier or remove it.
#[component]
pub fn StrategyRow(props: &StrategyRowProps) -> Html {
    let app = use_app();
    let send = use_place();
    let (index, at) = (props.index, props.at);
    let Some(StepSpec::RunTask(r)) = app.place.steps.get(index) else {
        return Html::default();
    };
    let Some(s) = r.strategies.get(at) else {
        return Html::default();
    };
    let edit = {
        let send = send.clone();
        Callback::from(move |e: StepEdit| send.emit(PlaceAction::EditStep(index, e)))
    };
    let mut fields: Vec<String> = match s.kind {
        StrategyKind::Binpack => vec!["memory".into(), "cpu".into()],
        StrategyKind::Spread => {
            let mut f: Vec<String> = vec![
                AZ_FIELD.into(),
                "instanceId".into(),
                "attribute:ecs.instance-type".into(),
                "attribute:ecs.cpu-architecture".into(),
            ];
            f.extend(
                app.place
                    .fleet
                    .attribute_names()
                    .into_iter()
                    .map(|a| format!("attribute:{a}")),
            );
            f
        }
        StrategyKind::Random => Vec::new(),
    };
    if s.kind != StrategyKind::Random && !fields.contains(&s.field) {
        fields.push(s.field.clone());
    }
    let kinds = StrategyKind::ALL.into_iter().map(|k| {
        html! { <option value={k.as_str()} selected={k == s.kind}>{ k.as_str() }</option> }
    });
    html! {
        <li class="rule-row">
            <span class="rule-index" aria-hidden="true">{ at + 1 }</span>
            <select aria-label={format!("strategy {} type", at + 1)}
                onchange={on_select(&edit, move |v| StrategyKind::parse(&v).map(|k| StepEdit::StrategyKind(at, k)))}>
                { for kinds }
            </select>
            if !fields.is_empty() {
                <select class="grow" aria-label={format!("strategy {} field", at + 1)}
                    onchange={on_select(&edit, move |v| Some(StepEdit::StrategyField(at, v)))}>
                    { for fields.iter().map(|f| html! { <option value={f.clone()} selected={*f == s.field}>{ f.clone() }</option> }) }
                </select>
            } else {
                <span class="grow muted small">{ "any instance that passes every check" }</span>
            }
            <button type="button" class="icon-button" disabled={at == 0} title="Apply earlier"
                aria-label={format!("move strategy {} up", at + 1)}
                onclick={on_click(&edit, StepEdit::RaiseStrategy(at))}>{ "↑" }</button>
            <button type="button" class="icon-button" title="Remove"
                aria-label={format!("remove strategy {}", at + 1)}
                onclick={on_click(&edit, StepEdit::RemoveStrategy(at))}>{ "✕" }</button>
        </li>
    }
}
