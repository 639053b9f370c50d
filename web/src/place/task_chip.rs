use super::use_place;
use crate::state::place::picture::TaskBlock;
use crate::state::place::{PlaceAction, Selection};
use yew::prelude::*;

/// A task chip's props.
#[derive(Properties, PartialEq)]
pub struct TaskChipProps {
    /// The task.
    pub task: TaskBlock,
}

/// A task in the fleet picture, coloured by task definition or group; click or Enter opens its
/// decision (again: closes it).
#[component]
pub fn TaskChip(props: &TaskChipProps) -> Html {
    let send = use_place();
    let t = &props.task;
    let onclick = {
        let (id, selected) = (t.id.clone(), t.selected);
        Callback::from(move |_: MouseEvent| {
            send.emit(PlaceAction::Select(
                (!selected).then(|| Selection::Task(id.clone())),
            ))
        })
    };
    let short = t.id.trim_start_matches("t-").to_owned();
    html! {
        <button type="button"
            class={classes!("task-chip", format!("tc-{}", t.color), t.fresh.then_some("fresh"), t.moved_from.is_some().then_some("moved"), t.added.then_some("added"), t.selected.then_some("selected"))}
            aria-pressed={if t.selected { "true" } else { "false" }}
            aria-label={t.label()}
            title={t.label()}
            data-task={t.id.clone()}
            {onclick}>
            if t.moved_from.is_some() {
                <span class="moved-mark" aria-hidden="true">{ "↪" }</span>
            }
            { short }
        </button>
    }
}
