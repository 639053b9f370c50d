use super::MarkdownView;
use crate::hooks::{use_app, AppHandle};
use crate::markdown;
use crate::state::{Action, LintAction};
use ecsplay_core::lint::{all_rules, find_rule};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A list of every rule to pick one from.
fn picker(app: &AppHandle, shown: Option<&'static str>) -> Html {
    let onchange = {
        let dispatcher = app.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                dispatcher.dispatch(Action::Lint(LintAction::ShowRule(select.value())));
            }
        })
    };
    html! {
        <select class="rule-picker" aria-label="Browse the rules" {onchange} data-testid="rule-picker">
            if shown.is_none() { <option value="" selected=true>{ "Browse the rules…" }</option> }
            { for all_rules().iter().map(|rule| {
                let meta = rule.meta();
                html! {
                    <option value={meta.code} selected={shown == Some(meta.code)}>
                        { format!("{} {}", meta.code, meta.summary) }
                    </option>
                }
            }) }
        </select>
    }
}

/// The rule panel: the shown rule's code, name, severity, summary and documentation page, with
/// the finding's help and its AWS sources as links.
#[component]
pub fn RulePanel() -> Html {
    let app = use_app();
    let lint = &app.lint;
    let code = lint.shown_rule();
    let page = code.and_then(|c| lint.documentation(c));
    let loaded = page.is_some();
    // A page that is not at hand yet (the playground's wasm leaves the pages out) is fetched.
    {
        let dispatcher = app.dispatcher();
        use_effect_with((code, loaded), move |(code, loaded)| {
            if let (Some(code), false) = (*code, *loaded) {
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::docs::fetch(code).await {
                        Ok(page) => {
                            dispatcher.dispatch(Action::Lint(LintAction::DocsLoaded(code, page)))
                        }
                        Err(text) => dispatcher.dispatch(Action::Notify { text, error: true }),
                    }
                });
            }
        });
    }
    let blocks = use_memo((code, loaded), move |_| {
        page.map(|p| markdown::parse(&p)).unwrap_or_default()
    });
    let Some(meta) = code.and_then(find_rule).map(|r| r.meta()) else {
        return html! {
            <section class="panel rule" aria-labelledby="rule-title">
                <h2 id="rule-title">{ "Rule" }</h2>
                { picker(&app, None) }
                <p class="empty">{ "Select a finding to read why it matters and how to fix it." }</p>
            </section>
        };
    };
    let finding = lint.selected_diagnostic().filter(|d| d.code == meta.code);
    let try_example = lint.rule_example(meta.code).map(|_| {
        let dispatcher = app.dispatcher();
        let code = meta.code;
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::Lint(LintAction::TryRuleExample(code)))
        })
    });
    html! {
        <section class="panel rule" aria-labelledby="rule-title" data-testid="rule-panel">
            <header class="panel-head">
                <h2 id="rule-title">
                    <code>{ meta.code }</code>{ " " }<span class="rule-name">{ meta.name }</span>
                </h2>
                <span class={classes!("badge", meta.severity.as_str())}>{ meta.severity.as_str() }</span>
            </header>
            { picker(&app, Some(meta.code)) }
            <p class="summary">{ meta.summary }</p>
            if let Some(help) = finding.and_then(|d| d.help.clone()) {
                <p class="help"><strong>{ "Fix: " }</strong>{ help }</p>
            }
            if let Some(onclick) = try_example {
                <button type="button" class="button" {onclick} data-testid="try-example">
                    { "Open this rule's example in the editor" }
                </button>
            }
            if loaded {
                <article class="doc">
                    <MarkdownView blocks={(*blocks).clone()} />
                </article>
            } else {
                <p class="empty" aria-live="polite">{ "Loading the rule's documentation…" }</p>
            }
        </section>
    }
}
