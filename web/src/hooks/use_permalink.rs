use crate::state::{share, Action, AppState, Snapshot};
use gloo::events::EventListener;
use yew::prelude::*;

/// The permalink of a snapshot: the page's address with the snapshot's fragment.
pub fn page_url(snapshot: &Snapshot) -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    let base = href.split_once('#').map_or(href.as_str(), |(base, _)| base);
    let fragment = share::encode(snapshot);
    if fragment.is_empty() {
        base.to_owned()
    } else {
        format!("{base}#{fragment}")
    }
}

fn read_fragment() -> Result<Snapshot, String> {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    share::decode(&hash).map_err(|e| format!("This link could not be opened: {e}."))
}

/// The state the URL fragment describes at start, and why it could not be read if so.
pub fn initial_state() -> (AppState, Option<String>) {
    match read_fragment() {
        Ok(snapshot) => (AppState::from_snapshot(snapshot), None),
        Err(e) => (AppState::default(), Some(e)),
    }
}

/// Keeps the URL fragment equal to the state (replacing the history entry, so typing does not
/// fill the back button), and loads a fragment pasted into the address bar.
#[hook]
pub fn use_permalink(app: &UseReducerHandle<AppState>) {
    use_effect_with(app.snapshot(), |snapshot| {
        let url = page_url(snapshot);
        let window = gloo::utils::window();
        if window.location().href().ok().as_deref() != Some(url.as_str()) {
            if let Ok(history) = window.history() {
                // Failing to update the address bar loses nothing but the link.
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
    });
    let dispatcher = app.dispatcher();
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
            dispatcher.dispatch(match read_fragment() {
                Ok(snapshot) => Action::Load(snapshot),
                Err(text) => Action::Notify { text, error: true },
            })
        });
        move || drop(listener)
    });
}
