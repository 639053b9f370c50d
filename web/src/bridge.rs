//! The JavaScript side: the CodeMirror editor bundle (`web/js/editor.js`, loaded by the page as
//! `window.ecsplayEditor`) and the few browser calls the app makes. Natively (under `cargo
//! test`) these externs exist but are never called.

use ecsplay_core::Diagnostic;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A CodeMirror editor made by `ecsplayEditor.create`.
    pub type Editor;

    #[wasm_bindgen(js_namespace = ecsplayEditor, js_name = create)]
    fn create_editor(
        parent: &web_sys::HtmlElement,
        text: &str,
        language: &str,
        on_change: &js_sys::Function,
        delay_ms: u32,
    ) -> Editor;

    /// Replaces the document (not reported back as an edit).
    #[wasm_bindgen(method, js_name = setText)]
    pub fn set_text(this: &Editor, text: &str, language: &str);

    /// Switches the syntax highlighting.
    #[wasm_bindgen(method, js_name = setLanguage)]
    pub fn set_language(this: &Editor, language: &str);

    /// Shows lint markers: `list` is what [`markers_json`] makes.
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    pub fn set_diagnostics_json(this: &Editor, list: &str);

    /// Selects a range, scrolls it into view and focuses the editor.
    #[wasm_bindgen(method)]
    pub fn reveal(this: &Editor, line: u32, column: u32, end_line: u32, end_column: u32);

    /// Removes the editor.
    #[wasm_bindgen(method)]
    pub fn destroy(this: &Editor);

    #[wasm_bindgen(js_namespace = ecsplayEditor, js_name = copyText)]
    fn copy_text_promise(text: &str) -> js_sys::Promise;

    /// Offers a file for download.
    #[wasm_bindgen(js_namespace = ecsplayEditor)]
    pub fn download(name: &str, mime: &str, text: &str);
}

/// What the editor needs of a diagnostic to draw its marker.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Marker {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    severity: &'static str,
    message: String,
    source: &'static str,
}

/// The editor markers of a lint result, as the JSON array the bridge reads.
pub fn markers_json(diagnostics: &[Diagnostic]) -> String {
    let markers: Vec<Marker> = diagnostics
        .iter()
        .map(|d| Marker {
            line: d.range.start.line,
            column: d.range.start.column,
            end_line: d.range.end.line,
            end_column: d.range.end.column,
            severity: d.severity.as_str(),
            message: match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            },
            source: d.code,
        })
        .collect();
    serde_json::to_string(&markers).unwrap_or_else(|_| "[]".to_owned())
}

impl Editor {
    /// Makes an editor in `parent`; `on_change` gets the text once typing pauses for `delay_ms`.
    pub fn new(
        parent: &web_sys::HtmlElement,
        text: &str,
        language: &str,
        on_change: &Closure<dyn FnMut(String)>,
        delay_ms: u32,
    ) -> Editor {
        create_editor(
            parent,
            text,
            language,
            on_change.as_ref().unchecked_ref(),
            delay_ms,
        )
    }
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    wasm_bindgen_futures::JsFuture::from(copy_text_promise(text))
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_carry_positions_severity_code_and_help() {
        let result =
            ecsplay_core::lint(crate::examples::default_example().text, &Default::default());
        let markers: serde_json::Value =
            serde_json::from_str(&markers_json(&result.diagnostics)).unwrap();
        let first = &markers[0];
        let d = &result.diagnostics[0];
        assert_eq!(first["line"], d.range.start.line);
        assert_eq!(first["endColumn"], d.range.end.column);
        assert_eq!(first["severity"], d.severity.as_str());
        assert_eq!(first["source"], d.code);
        if let Some(help) = &d.help {
            assert!(first["message"].as_str().unwrap().ends_with(help));
        }
    }
}
