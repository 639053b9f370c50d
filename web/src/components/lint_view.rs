use super::{CodeEditor, Problems, Reveal, RulePanel};
use crate::bridge::markers_json;
use crate::hooks::use_app;
use crate::state::{Action, LintAction};
use yew::prelude::*;

/// The lint view: the editor beside the problems panel and the rule panel.
#[component]
pub fn LintView() -> Html {
    let app = use_app();
    let lint = &app.lint;
    let markers = {
        let result = lint.result.clone();
        use_memo(lint.revision, move |_| {
            AttrValue::from(markers_json(&result.diagnostics))
        })
    };
    let reveal = lint.selected_diagnostic().map(|d| Reveal {
        seq: lint.jump,
        start: (d.range.start.line, d.range.start.column),
        end: (d.range.end.line, d.range.end.column),
    });
    let on_change = {
        let dispatcher = app.dispatcher();
        Callback::from(move |text: String| {
            dispatcher.dispatch(Action::Lint(LintAction::Edit(text)))
        })
    };
    html! {
        <div class="lint-view">
            <section class="editor-pane" aria-label="Document">
                <CodeEditor
                    text={lint.text.clone()}
                    version={lint.doc_version}
                    language={lint.language().as_str()}
                    markers={(*markers).clone()}
                    {reveal}
                    {on_change}
                />
            </section>
            <div class="side-pane">
                <Problems />
                <RulePanel />
            </div>
        </div>
    }
}
