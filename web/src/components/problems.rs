use super::ProblemItem;
use crate::hooks::use_app;
use crate::state::export::plural;
use crate::state::{Action, LintAction};
use yew::prelude::*;

/// The problems panel: counts by severity, the detected form, the lint time, and every finding.
#[component]
pub fn Problems() -> Html {
    let app = use_app();
    let lint = &app.lint;
    let counts = lint.counts();
    let form = lint.result.form.map_or("not recognised", |f| f.as_str());
    let on_select = {
        let dispatcher = app.dispatcher();
        Callback::from(move |index: usize| {
            dispatcher.dispatch(Action::Lint(LintAction::Select(index)))
        })
    };
    let items: Html = lint
        .result
        .diagnostics
        .iter()
        .enumerate()
        .map(|(index, d)| {
            html! {
                <ProblemItem
                    key={index}
                    {index}
                    severity={d.severity.as_str()}
                    code={d.code}
                    message={AttrValue::from(d.message.clone())}
                    pointer={AttrValue::from(d.pointer.clone())}
                    line={d.range.start.line}
                    column={d.range.start.column}
                    selected={lint.selected == Some(index)}
                    on_select={on_select.clone()}
                />
            }
        })
        .collect();
    html! {
        <section class="panel problems" aria-labelledby="problems-title">
            <header class="panel-head">
                <h2 id="problems-title">{ "Problems" }</h2>
                <span class="counts" data-testid="counts">
                    <span class="count error" title="errors">
                        <span class="icon" aria-hidden="true">{ "●" }</span>
                        { plural(counts.error, "error") }
                    </span>
                    <span class="count warning" title="warnings">
                        <span class="icon" aria-hidden="true">{ "▲" }</span>
                        { plural(counts.warning, "warning") }
                    </span>
                    <span class="count info" title="infos">
                        <span class="icon" aria-hidden="true">{ "i" }</span>
                        { format!("{} info", counts.info) }
                    </span>
                </span>
            </header>
            <p class="meta">
                <span>{ "Form: " }<strong data-testid="form">{ form }</strong></span>
                <span>{ plural(lint.result.task_definitions, "task definition") }</span>
                <span data-testid="lint-ms" data-ms={format!("{:.2}", lint.lint_ms)} data-revision={lint.revision.to_string()}>
                    { format!("linted in {:.1} ms", lint.lint_ms) }
                </span>
            </p>
            if counts.total() == 0 {
                <p class="empty" data-testid="no-problems">{ "No problems found. Everything looks good!" }</p>
            } else {
                <ul class="problem-list" aria-label="Findings">{ items }</ul>
            }
        </section>
    }
}
