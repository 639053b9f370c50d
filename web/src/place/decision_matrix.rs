use crate::state::place::matrix::{KeyState, Matrix};
use yew::prelude::*;

/// The matrix's props.
#[derive(Properties, PartialEq)]
pub struct DecisionMatrixProps {
    /// The decision.
    pub matrix: Matrix,
}

/// The decision in three parts, as the kube-scheduler-simulator shows a pod's: Filter
/// (instances × checks), Rank (each strategy's key, in order) and Pick (the narrowing).
#[component]
pub fn DecisionMatrix(props: &DecisionMatrixProps) -> Html {
    let m = &props.matrix;
    let check_heads = m.checks.iter().map(|c| {
        // Constraint columns are long; they wrap, the short check names do not.
        let constraint = c.contains('(') || c == "distinctInstance";
        html! { <th scope="col" class={classes!(constraint.then_some("constraint"))}><code>{ c.clone() }</code></th> }
    });
    let filter_rows = m.rows.iter().map(|r| {
        let cells: Html = if r.checks.is_empty() {
            html! { <td class="not-candidate" colspan={m.checks.len().to_string()}>{ format!("not a candidate: {} instances receive no tasks", r.status) }</td> }
        } else {
            r.checks
                .iter()
                .map(|c| {
                    if c.pass {
                        html! {
                            <td class="pass" title={c.detail.clone()}>
                                <span aria-hidden="true">{ "✓" }</span>
                                <span class="sr-only">{ format!("passes: {}", c.detail) }</span>
                            </td>
                        }
                    } else {
                        html! {
                            <td class={classes!("fail", c.first_failure.then_some("first"))}>
                                <span aria-hidden="true">{ "✕ " }</span>
                                <span class="sr-only">{ if c.first_failure { "fails, the reason ECS reports: " } else { "fails: " } }</span>
                                { c.detail.clone() }
                            </td>
                        }
                    }
                })
                .collect()
        };
        html! {
            <tr class={classes!("row", r.kind.as_str())}>
                <th scope="row"><strong>{ r.instance.clone() }</strong>{ " " }<span class="muted about">{ r.about.clone() }</span></th>
                { cells }
            </tr>
        }
    });
    let strategy_heads = m.strategies.iter().enumerate().map(|(k, s)| html! {
        <th scope="col"><span class="muted small">{ format!("{}. ", k + 1) }</span><code>{ s.clone() }</code></th>
    });
    let rank_rows = m.rows.iter().filter(|r| !r.keys.iter().all(|k| k.state == KeyState::Out) || m.strategies.is_empty()).map(|r| {
        let keys = r.keys.iter().map(|k| {
            let (class, word) = match k.state {
                KeyState::Kept => ("kept", "kept"),
                KeyState::Dropped => ("dropped", "eliminated here"),
                KeyState::Out => ("out", "already out"),
            };
            html! {
                <td class={classes!("key", class)} title={k.detail.clone()}>
                    <strong>{ if k.key.is_empty() { "–".to_owned() } else { k.key.clone() } }</strong>
                    if !k.detail.is_empty() {
                        <span class="key-detail small">{ k.detail.clone() }</span>
                    }
                    <span class="sr-only">{ format!(", {word}") }</span>
                </td>
            }
        });
        html! {
            <tr class={classes!("row", r.kind.as_str())}>
                <th scope="row">{ r.instance.clone() }</th>
                { for keys }
                <td class="outcome">{ r.outcome.clone() }</td>
            </tr>
        }
    });
    let has_rank = m
        .rows
        .iter()
        .any(|r| !r.keys.iter().all(|k| k.state == KeyState::Out));
    let stages = m.stages.iter().enumerate().map(|(i, s)| html! {
        <li class="stage">
            if i > 0 { <span class="arrow" aria-hidden="true">{ "→" }</span> }
            <span class="stage-box">
                <span class="stage-count">{ s.kept.len() }</span>
                <span class="stage-label">{ s.label.clone() }</span>
                if !s.dropped.is_empty() {
                    <span class="stage-dropped small">{ format!("− {}", s.dropped.join(", ")) }</span>
                }
            </span>
        </li>
    });
    let verdict = match (&m.winner, &m.reason) {
        (Some(w), _) => {
            html! { <p class="verdict placed">{ "Placed on " }<strong>{ w.clone() }</strong></p> }
        }
        (None, Some(reason)) => html! {
            <p class="verdict failed">
                { "Not placed: " }<code>{ reason.clone() }</code>
                if let Some(c) = &m.closest {
                    { " · closest matching instance " }<strong>{ c.clone() }</strong>
                }
            </p>
        },
        (None, None) => html! { <p class="verdict failed">{ "Not placed" }</p> },
    };
    html! {
        <div class="matrix" data-testid="decision-matrix">
            <p class="meta">
                <span>{ "group " }<code>{ m.group.clone() }</code></span>
                <span>{ format!("needs {}", m.demand) }</span>
            </p>
            <h3>{ "1 · Filter" }<span class="muted small">{ " — every check an instance must pass; ECS reports the first one failed" }</span></h3>
            <div class="table-scroll">
                <table class="filter-table" data-testid="filter-table">
                    <thead><tr><th scope="col">{ "instance" }</th>{ for check_heads }</tr></thead>
                    <tbody>{ for filter_rows }</tbody>
                </table>
            </div>
            if !m.failure_counts.is_empty() {
                <p class="muted small">
                    { "Candidates out, by first failed check: " }
                    { m.failure_counts.iter().map(|(r, n)| format!("{r} × {n}")).collect::<Vec<_>>().join(", ") }
                </p>
            }
            <h3>{ "2 · Rank" }<span class="muted small">{ " — strategies in order: each keeps the smallest key, the next breaks its ties" }</span></h3>
            if m.strategies.is_empty() {
                <p class="muted small">{ "No strategy: RunTask's default is random, so every instance that passed is tied." }</p>
            } else if has_rank {
                <div class="table-scroll">
                    <table class="rank-table" data-testid="rank-table">
                        <thead><tr><th scope="col">{ "instance" }</th>{ for strategy_heads }<th scope="col">{ "outcome" }</th></tr></thead>
                        <tbody>{ for rank_rows }</tbody>
                    </table>
                </div>
            } else {
                <p class="muted small">{ "No instance passed every check, so nothing was ranked." }</p>
            }
            <h3>{ "3 · Pick" }</h3>
            <ol class="funnel" aria-label="Candidates after each stage">{ for stages }</ol>
            { verdict }
            <p class="why" data-testid="why">{ m.why.clone() }</p>
            <p class="muted small">{ m.summary.clone() }</p>
        </div>
    }
}
