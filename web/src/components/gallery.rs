use crate::examples::EXAMPLES;
use crate::hooks::use_app;
use crate::state::Action;
use yew::prelude::*;

/// The examples gallery: a dialog of cards, each one ECS idea, working or broken.
#[component]
pub fn Gallery() -> Html {
    let app = use_app();
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(button) = first.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let close = {
        let dispatcher = app.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Gallery(false)))
    };
    let onkeydown = {
        let dispatcher = app.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                dispatcher.dispatch(Action::Gallery(false));
            }
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
