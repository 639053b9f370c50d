use crate::bridge;
use crate::hooks::{page_url, use_app};
use crate::state::place::export as place_export;
use crate::state::{export, Action, View};
use yew::prelude::*;

/// Copy link, Copy as Markdown, Download JSON.
#[component]
pub fn ShareMenu() -> Html {
    let app = use_app();
    let copy = |what: &'static str, make: fn(&crate::state::AppState) -> String| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let text = make(&app);
            let dispatcher = app.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = bridge::copy_text(&text).await;
                dispatcher.dispatch(Action::Notify {
                    text: if ok {
                        format!("Copied {what} to the clipboard")
                    } else {
                        format!("Could not copy {what}: the browser refused the clipboard")
                    },
                    error: !ok,
                });
            });
        })
    };
    let copy_link = copy("the link", |state| page_url(&state.snapshot()));
    let copy_markdown = copy("the report as Markdown", |state| {
        let link = page_url(&state.snapshot());
        match state.view {
            View::Place => place_export::markdown(&state.place, Some(&link)),
            View::Lint => export::markdown(&state.lint.result, Some(&link)),
        }
    });
    let download = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| match app.view {
            View::Place => bridge::download(
                place_export::SCENARIO_FILE,
                "application/json",
                &app.place.run.scenario_text(),
            ),
            View::Lint => bridge::download(
                &format!("{}.lint.json", export::DOCUMENT_NAME),
                "application/json",
                &export::json(&app.lint.result),
            ),
        })
    };
    html! {
        <div class="share" role="group" aria-label="Share">
            <button type="button" class="button" onclick={copy_link} data-testid="copy-link">{ "Copy link" }</button>
            <button type="button" class="button" onclick={copy_markdown} data-testid="copy-markdown">{ "Copy Markdown" }</button>
            <button type="button" class="button" onclick={download} data-testid="download-json">{ "Download JSON" }</button>
        </div>
    }
}
