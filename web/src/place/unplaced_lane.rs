use super::use_place;
use crate::state::place::picture::Unplaced;
use crate::state::place::{PlaceAction, Selection};
use yew::prelude::*;

/// The unplaced lane's props.
#[derive(Properties, PartialEq)]
pub struct UnplacedLaneProps {
    /// The tasks the selected step could not place.
    pub items: Vec<Unplaced>,
    /// The selected step (0: the start).
    pub step: usize,
}

/// The tasks the selected step could not place, each with ECS's reason and the closest
/// matching instance; click or Enter opens the decision.
#[component]
pub fn UnplacedLane(props: &UnplacedLaneProps) -> Html {
    let send = use_place();
    let items = props.items.iter().map(|u| {
        let onclick = {
            let send = send.clone();
            let (step, index, selected) = (u.step, u.index, u.selected);
            Callback::from(move |_: MouseEvent| {
                send.emit(PlaceAction::Select((!selected).then_some(Selection::Unplaced { step, index })))
            })
        };
        html! {
            <li>
                <button type="button" class={classes!("unplaced-item", u.selected.then_some("selected"))}
                    aria-pressed={if u.selected { "true" } else { "false" }} {onclick}
                    data-testid="unplaced-item">
                    <span class="unplaced-title">
                        <span class="icon" aria-hidden="true">{ "✕" }</span>
                        { format!("task {} of step {}", u.index + 1, u.step) }
                    </span>
                    <code class="reason" data-testid="unplaced-reason">{ u.reason.clone() }</code>
                    if let Some(c) = &u.closest {
                        <span class="closest">{ "closest: " }<strong>{ c.clone() }</strong></span>
                    }
                    <span class="unplaced-detail small">{ u.detail.clone() }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class="unplaced-lane" aria-labelledby="unplaced-title" data-testid="unplaced-lane">
            <h3 id="unplaced-title">{ format!("Not placed by this step ({})", props.items.len()) }</h3>
            if props.items.is_empty() {
                <p class="muted small">{ if props.step == 0 { "Nothing has been asked yet: pick a step." } else { "Every task this step asked for was placed." } }</p>
            } else {
                <ul>{ for items }</ul>
            }
        </section>
    }
}
