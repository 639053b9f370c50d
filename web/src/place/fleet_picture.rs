use super::instance_card::InstanceCard;
use super::task_chip::TaskChip;
use super::unplaced_lane::UnplacedLane;
use crate::hooks::use_app;
use crate::state::place::picture::picture;
use yew::prelude::*;

/// The fleet after the selected step: instance cards grouped by Availability Zone, Fargate
/// tasks, the legend, what the latest edit moved, and the unplaced lane.
#[component]
pub fn FleetPicture() -> Html {
    let app = use_app();
    let place = &app.place;
    let p = picture(place);
    let title = match place.at {
        0 => "Fleet at the start".to_owned(),
        n => format!("Fleet after step {n}"),
    };
    let zones = p.zones.iter().map(|z| {
        html! {
            <section class="zone" aria-label={format!("Availability Zone {}", z.name)} data-zone={z.name.clone()}>
                <h3 class="zone-head">
                    { z.name.clone() }
                    <span class="muted small">{ format!(" · {} instance{} · {} task{}", z.cards.len(), if z.cards.len() == 1 { "" } else { "s" }, z.task_count(), if z.task_count() == 1 { "" } else { "s" }) }</span>
                </h3>
                { for z.cards.iter().map(|c| html! { <InstanceCard key={c.id.clone()} card={c.clone()} /> }) }
                if !z.fargate.is_empty() {
                    <article class="instance-card fargate" aria-label={format!("Fargate tasks in {}", z.name)}>
                        <header class="card-head"><strong>{ "Fargate" }</strong><span class="muted small">{ "no instance to manage" }</span></header>
                        <div class="card-tasks">
                            { for z.fargate.iter().map(|t| html! { <TaskChip key={t.id.clone()} task={t.clone()} /> }) }
                        </div>
                    </article>
                }
            </section>
        }
    });
    let legend = p.legend.iter().map(|l| {
        html! {
            <li class="legend-item">
                <span class={classes!("swatch", format!("tc-{}", l.color))} aria-hidden="true" />
                <code>{ l.label.clone() }</code>
                <span class="muted small">{ format!("{} task{}", l.count, if l.count == 1 { "" } else { "s" }) }</span>
            </li>
        }
    });
    html! {
        <section class="panel fleet-picture" aria-labelledby="picture-title" data-testid="fleet-picture">
            <header class="panel-head">
                <h2 id="picture-title">{ title }</h2>
                <span class="muted small" data-testid="picture-summary">{ p.summary.clone() }</span>
                <ul class="legend" aria-label="Colours">{ for legend }</ul>
            </header>
            if let Some(c) = &p.changes {
                <p class="changes" data-testid="changes">
                    { c.clone() }
                    <span class="muted small">{ " ↪ marks a task that moved, a dashed outline one that is new." }</span>
                </p>
            }
            if p.zones.is_empty() {
                <p class="muted" data-testid="picture-empty">
                    { if place.run.ok().is_some() { "The fleet is empty: add an instance or pick a preset." } else { "The scenario cannot run: see the problems above." } }
                </p>
            }
            <div class="zones">{ for zones }</div>
            <UnplacedLane items={p.unplaced.clone()} step={place.at} />
        </section>
    }
}
