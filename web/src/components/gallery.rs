use crate::examples::EXAMPLES;
use crate::hooks::use_app;
use crate::state::Action;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn focus(element: Option<web_sys::Element>) {
    if let Some(e) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = e.focus();
    }
}

/// Keeps Tab inside the dialog: from its last button to its first, and back.
fn trap_tab(dialog: &NodeRef, e: &KeyboardEvent) {
    let Some(dialog) = dialog.cast::<web_sys::Element>() else {
        return;
    };
    let Ok(buttons) = dialog.query_selector_all("button") else {
        return;
    };
    let (Some(first), Some(last)) = (
        buttons.get(0),
        buttons.length().checked_sub(1).and_then(|i| buttons.get(i)),
    ) else {
        return;
    };
    let active = gloo::utils::document().active_element();
    let at = |n: &web_sys::Node| active.as_ref().is_some_and(|a| a.is_same_node(Some(n)));
    if e.shift_key() && at(&first) {
        e.prevent_default();
        focus(last.dyn_into().ok());
    } else if !e.shift_key() && at(&last) {
        e.prevent_default();
        focus(first.dyn_into().ok());
    }
}

/// The examples gallery: a dialog of cards, each one ECS idea, working or broken.
#[component]
pub fn Gallery() -> Html {
    let app = use_app();
    let first = use_node_ref();
    let dialog = use_node_ref();
    {
        // Focus moves into the dialog when it opens, and back to the Examples button when it
        // closes.
        let first = first.clone();
        use_effect_with((), move |_| {
            focus(first.cast::<web_sys::Element>());
            || {
                focus(
                    gloo::utils::document()
                        .query_selector("[data-testid=open-examples]")
                        .ok()
                        .flatten(),
                )
            }
        });
    }
    let close = {
        let dispatcher = app.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Gallery(false)))
    };
    let onkeydown = {
        let (dispatcher, dialog) = (app.dispatcher(), dialog.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => dispatcher.dispatch(Action::Gallery(false)),
            "Tab" => trap_tab(&dialog, &e),
            _ => {}
        })
    };
    let cards = EXAMPLES.iter().enumerate().map(|(i, example)| {
        let onclick = {
            let dispatcher = app.dispatcher();
            let id = example.id;
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::OpenExample(id)))
        };
        let current = app.lint.example == Some(example.id);
        html! {
            <li>
                <button
                    type="button"
                    class={classes!("card", current.then_some("current"))}
                    ref={if i == 0 { first.clone() } else { NodeRef::default() }}
                    {onclick}
                    data-example={example.id}
                >
                    <span class="card-title">{ example.title }</span>
                    <span class="card-text">{ example.description }</span>
                    if example.works() {
                        <span class="badge ok">{ "works" }</span>
                    } else {
                        <span class="badge error">{ format!("broken: {}", example.expects.join(", ")) }</span>
                    }
                </button>
            </li>
        }
    });
    html! {
        <div class="overlay" onclick={close.clone()}>
            <div
                ref={dialog}
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="gallery-title"
                {onkeydown}
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}
            >
                <header class="panel-head">
                    <h2 id="gallery-title">{ "Examples" }</h2>
                    <button type="button" class="button" onclick={close} aria-label="Close the examples">{ "Close" }</button>
                </header>
                <p class="meta">{ "Each example teaches one ECS idea. Broken ones show the finding they are about." }</p>
                <ul class="cards">{ for cards }</ul>
            </div>
        </div>
    }
}
