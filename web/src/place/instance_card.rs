use super::events::on_click;
use super::task_chip::TaskChip;
use super::usage_bar::UsageBar;
use super::use_place;
use crate::state::place::picture::Card;
use crate::state::place::PlaceAction;
use yew::prelude::*;

/// An instance card's props.
#[derive(Properties, PartialEq)]
pub struct InstanceCardProps {
    /// The card.
    pub card: Card,
}

/// One container instance after the selected step: type, marks (Spot, DRAINING, agent
/// disconnected), attributes, usage bars and its tasks; a what-if button drains or activates it.
#[component]
pub fn InstanceCard(props: &InstanceCardProps) -> Html {
    let send = use_place();
    let c = &props.card;
    let draining = c.status == "DRAINING";
    let marks = c.marks();
    html! {
        <article class={classes!("instance-card", c.unavailable().then_some("unavailable"), draining.then_some("draining"), (!c.agent_connected).then_some("disconnected"))}
            data-instance={c.id.clone()} aria-label={format!("instance {} ({}){}", c.id, c.instance_type, if marks.is_empty() { String::new() } else { format!(", {}", marks.join(", ")) })}>
            <header class="card-head">
                <strong class="card-id">{ c.id.clone() }</strong>
                <span class="muted small">{ format!("{} · {}", c.instance_type, c.architecture) }</span>
                { for marks.iter().map(|m| html! { <span class={classes!("mark", m.replace(' ', "-").to_lowercase())}>{ *m }</span> }) }
            </header>
            if !c.attributes.is_empty() {
                <p class="card-attrs small">{ c.attributes.join(" · ") }</p>
            }
            <div class="usages">
                { for c.bars.iter().map(|b| html! { <UsageBar bar={b.clone()} /> }) }
            </div>
            <div class="card-tasks" role="group" aria-label={format!("tasks on {}", c.id)}>
                if c.tasks.is_empty() {
                    <span class="muted small">{ "no tasks" }</span>
                }
                { for c.tasks.iter().map(|t| html! { <TaskChip key={t.id.clone()} task={t.clone()} /> }) }
            </div>
            if c.status != "INACTIVE" {
                <button type="button" class="link-button small card-action"
                    onclick={on_click(&send, PlaceAction::Drain(c.id.clone(), !draining))}
                    title="What-if: adds a step at the end of the scenario">
                    { if draining { format!("Activate {} (new step)", c.id) } else { format!("Drain {} (new step)", c.id) } }
                </button>
            }
        </article>
    }
}
