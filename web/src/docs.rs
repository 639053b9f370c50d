//! Rule documentation pages, fetched on demand: the playground's wasm is built without them
//! (ecsplay-core's `docs` feature is off), and Trunk copies one JSON file per rule into
//! `dist/rules/` (web/js/rule-docs.mjs). The URL is relative, so a copy of the site under any
//! sub-path finds its pages.

use serde::Deserialize;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Deserialize)]
struct Page {
    code: String,
    documentation: String,
}

/// Fetches the documentation page of the rule `code`.
pub async fn fetch(code: &str) -> Result<Rc<str>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(&format!("rules/{code}.json")))
        .await
        .map_err(|_| format!("the documentation of {code} could not be loaded"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "the server's answer is not a response".to_owned())?;
    if !response.ok() {
        return Err(format!(
            "the documentation of {code} could not be loaded (HTTP {})",
            response.status()
        ));
    }
    let text = JsFuture::from(response.text().map_err(|_| "no body".to_owned())?)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("the documentation of {code} is empty"))?;
    let page: Page = serde_json::from_str(&text)
        .map_err(|e| format!("the documentation of {code} cannot be read: {e}"))?;
    if page.code != code {
        return Err(format!(
            "asked for the documentation of {code}, got {}",
            page.code
        ));
    }
    Ok(Rc::from(page.documentation))
}
