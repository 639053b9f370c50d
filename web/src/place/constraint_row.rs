use super::events::{on_click, on_text};
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::steps::{check_expression, ConstraintKind, StepEdit, StepSpec};
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// A constraint row's props.
#[derive(Properties, PartialEq)]
pub struct ConstraintRowProps {
    /// The step's index.
    pub index: usize,
    /// The constraint's position.
    pub at: usize,
}

/// One placement constraint; a memberOf expression is checked as it is typed and an error is
/// marked at the character where it is.
#[component]
pub fn ConstraintRow(props: &ConstraintRowProps) -> Html {
    let app = use_app();
    let send = use_place();
    let (index, at) = (props.index, props.at);
    let Some(StepSpec::RunTask(r)) = app.place.steps.get(index) else {
        return Html::default();
    };
    let Some(c) = r.constraints.get(at) else {
        return Html::default();
    };
    let edit = {
        let send = send.clone();
        Callback::from(move |e: StepEdit| send.emit(PlaceAction::EditStep(index, e)))
    };
    let remove = html! {
        <button type="button" class="icon-button" title="Remove"
            aria-label={format!("remove constraint {}", at + 1)}
            onclick={on_click(&edit, StepEdit::RemoveConstraint(at))}>{ "✕" }</button>
    };
    if c.kind == ConstraintKind::DistinctInstance {
        return html! {
            <li class="rule-row">
                <code class="rule-kind">{ "distinctInstance" }</code>
                <span class="grow muted small">{ "every task of the group on a different instance" }</span>
                { remove }
            </li>
        };
    }
    let error = check_expression(&c.expression);
    let error_id = format!("expr-error-{index}-{at}");
    html! {
        <li class="rule-row wrap">
            <code class="rule-kind">{ "memberOf" }</code>
            <input class={classes!("grow", "mono", error.is_some().then_some("invalid"))}
                value={c.expression.clone()}
                placeholder="attribute:stack == prod"
                list="place-query-examples"
                spellcheck="false"
                autocomplete="off"
                aria-label={format!("constraint {} expression", at + 1)}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={error.is_some().then(|| error_id.clone())}
                oninput={on_text(&edit, move |t| StepEdit::Expression(at, t))}
                data-testid="expression" />
            { remove }
            if let Some(e) = error {
                <div class="query-error" id={error_id} data-testid="expression-error" data-column={e.column.to_string()}>
                    <code class="query-echo" aria-hidden="true">
                        <span>{ e.before.clone() }</span>
                        <mark class={classes!(e.bad.is_empty().then_some("at-end"))}>{ if e.bad.is_empty() { " ".to_owned() } else { e.bad.clone() } }</mark>
                        <span>{ e.after.clone() }</span>
                    </code>
                    <span class="query-message">{ format!("{} (at character {})", e.message, e.column) }</span>
                </div>
            }
        </li>
    }
}
