use super::events::on_click;
use super::use_place;
use crate::hooks::use_app;
use crate::state::place::timeline::timeline;
use crate::state::place::PlaceAction;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Moves the focus to the timeline chip of step `n` after a key press on a chip.
fn focus_chip(target: Option<web_sys::EventTarget>, n: usize) {
    let chip = target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("ol").ok().flatten())
        .and_then(|list| {
            list.query_selector(&format!("[data-step=\"{n}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(chip) = chip {
        let _ = chip.focus();
    }
}

/// The timeline: the start and every step as chips (← → move between them), Back and Forward,
/// and what the selected step did.
#[component]
pub fn Timeline() -> Html {
    let app = use_app();
    let send = use_place();
    let place = &app.place;
    let entries = timeline(place);
    let last = entries.len().saturating_sub(1);
    let at = place.at.min(last);
    let onkeydown = {
        let send = send.clone();
        Callback::from(move |e: KeyboardEvent| {
            let target = match e.key().as_str() {
                "ArrowLeft" | "ArrowUp" => at.checked_sub(1),
                "ArrowRight" | "ArrowDown" => (at < last).then_some(at + 1),
                "Home" => Some(0),
                "End" => Some(last),
                _ => return,
            };
            e.prevent_default();
            if let Some(n) = target {
                send.emit(PlaceAction::GoTo(n));
                focus_chip(e.target(), n);
            }
        })
    };
    let chips = entries.iter().map(|e| {
        let current = e.index == at;
        html! {
            <li>
                <button type="button"
                    class={classes!("tl-chip", e.status.as_str(), current.then_some("current"))}
                    aria-current={current.then_some("step")}
                    tabindex={if current { "0" } else { "-1" }}
                    data-step={e.index.to_string()}
                    onclick={on_click(&send, PlaceAction::GoTo(e.index))}
                    onkeydown={onkeydown.clone()}
                    title={e.title.clone()}>
                    <span class="tl-icon" aria-hidden="true">{ e.status.icon() }</span>
                    <span class="tl-label">{ if e.index == 0 { "Start".to_owned() } else { format!("{}. {}", e.index, e.title) } }</span>
                    <span class="tl-badge">{ e.badge.clone() }</span>
                </button>
            </li>
        }
    });
    let detail = entries.get(at).map(|e| {
        let list = |title: &str, items: &[String], class: &'static str| {
            if items.is_empty() {
                Html::default()
            } else {
                html! {
                    <div class={classes!("tl-list", class)}>
                        <h3>{ title.to_owned() }</h3>
                        <ul>{ for items.iter().map(|i| html! { <li>{ i.clone() }</li> }) }</ul>
                    </div>
                }
            }
        };
        html! {
            <div class="tl-detail" data-testid="step-detail" aria-live="polite">
                <p class="tl-title">
                    <strong>{ if e.index == 0 { "Before the first step".to_owned() } else { format!("After step {}: {}", e.index, e.title) } }</strong>
                    <span class={classes!("step-badge", e.status.as_str())}>{ e.badge.clone() }</span>
                </p>
                if let Some(err) = &e.error {
                    <p class="tl-error" data-testid="step-error">{ err.clone() }</p>
                }
                { list("Started", &e.started, "started") }
                { list("Stopped", &e.stopped, "stopped") }
                { list("Not placed", &e.failures, "failures") }
                { list("Events", &e.events, "events") }
            </div>
        }
    });
    html! {
        <section class="panel timeline" aria-labelledby="timeline-title">
            <header class="panel-head">
                <h2 id="timeline-title">{ "Timeline" }</h2>
                <span class="row-line">
                    <button type="button" class="button" disabled={at == 0}
                        onclick={on_click(&send, PlaceAction::Back)} data-testid="step-back">{ "◀ Back" }</button>
                    <button type="button" class="button" disabled={at >= last}
                        onclick={on_click(&send, PlaceAction::Forward)} data-testid="step-forward">{ "Forward ▶" }</button>
                </span>
            </header>
            <ol class="tl-chips" aria-label="Steps: arrow keys move between them">{ for chips }</ol>
            { detail.unwrap_or_default() }
        </section>
    }
}
