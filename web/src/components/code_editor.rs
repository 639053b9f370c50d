use crate::bridge::Editor;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// How long typing must pause before the editor reports its text (and the document is linted).
const DEBOUNCE_MS: u32 = 120;

/// A request to select a range in the editor: `seq` changes for each new request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reveal {
    /// Counts requests.
    pub seq: u64,
    /// Start line (1-based) and UTF-16 column (1-based).
    pub start: (u32, u32),
    /// End line and column.
    pub end: (u32, u32),
}

/// The editor's props.
#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The document; loaded into the editor when `version` changes.
    pub text: Rc<str>,
    /// Bumps when `text` comes from outside the editor.
    pub version: u64,
    /// `json` (a task definition: schema completion and hover), `json-plain` or `yaml`.
    pub language: &'static str,
    /// The lint markers, as `bridge::markers_json` makes them.
    pub markers: AttrValue,
    /// The range to select, when asked.
    pub reveal: Option<Reveal>,
    /// Gets the text once typing pauses.
    pub on_change: Callback<String>,
}

struct Mounted {
    editor: Editor,
    // Kept alive as long as the editor may call it.
    _on_change: Closure<dyn FnMut(String)>,
    version: u64,
    language: &'static str,
}

/// A CodeMirror editor with line numbers, JSON/YAML highlighting and lint markers.
#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let host = use_node_ref();
    let mounted: Rc<RefCell<Option<Mounted>>> = use_mut_ref(|| None);
    // The editor's closure calls the latest callback, whichever render made it.
    let on_change = use_mut_ref(|| props.on_change.clone());
    *on_change.borrow_mut() = props.on_change.clone();

    {
        let (host, mounted) = (host.clone(), mounted.clone());
        let (text, version, language) = (props.text.clone(), props.version, props.language);
        use_effect_with((), move |_| {
            if let Some(element) = host.cast::<web_sys::HtmlElement>() {
                let closure = Closure::<dyn FnMut(String)>::new(move |text: String| {
                    let callback = on_change.borrow().clone();
                    callback.emit(text);
                });
                let editor = Editor::new(&element, &text, language, &closure, DEBOUNCE_MS);
                *mounted.borrow_mut() = Some(Mounted {
                    editor,
                    _on_change: closure,
                    version,
                    language,
                });
            }
            move || {
                if let Some(m) = mounted.borrow_mut().take() {
                    m.editor.destroy();
                }
            }
        });
    }

    {
        let (mounted, text) = (mounted.clone(), props.text.clone());
        use_effect_with(
            (props.version, props.language),
            move |(version, language)| {
                if let Some(m) = mounted.borrow_mut().as_mut() {
                    if m.version != *version {
                        m.editor.set_text(&text, language);
                    } else if m.language != *language {
                        m.editor.set_language(language);
                    }
                    m.version = *version;
                    m.language = language;
                }
            },
        );
    }

    {
        let mounted = mounted.clone();
        use_effect_with(props.markers.clone(), move |markers| {
            if let Some(m) = mounted.borrow().as_ref() {
                m.editor.set_diagnostics_json(markers);
            }
        });
    }
    {
        let mounted = mounted.clone();
        use_effect_with(props.reveal, move |reveal| {
            if let (Some(m), Some(r)) = (mounted.borrow().as_ref(), reveal) {
                m.editor.reveal(r.start.0, r.start.1, r.end.0, r.end.1);
            }
        });
    }

    html! { <div class="editor" ref={host} /> }
}
