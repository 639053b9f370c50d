// The editor bridge: CodeMirror 6 behind a few functions that the yew app calls through
// wasm-bindgen externs (web/src/bridge.rs). It holds no application state: the Rust side owns the
// document's lint result and pushes diagnostics here; this side reports edits (debounced).
//
// Bundled by esbuild (web/js/build.mjs) into one classic script that defines
// `window.ecsplayEditor`; nothing is loaded from anywhere else.

import { EditorState, Compartment, Annotation } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  highlightSpecialChars,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import {
  syntaxHighlighting,
  bracketMatching,
  indentOnInput,
  foldGutter,
  foldKeymap,
} from "@codemirror/language";
import { classHighlighter } from "@lezer/highlight";
import { json, jsonLanguage } from "@codemirror/lang-json";
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { schemaCompletion, schemaHover } from "./schema.js";
import { yaml } from "@codemirror/lang-yaml";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";

// Marks the transactions that load a document from outside, which are not user edits.
const external = Annotation.define();

// `json` is a task definition: completion and hover documentation from its schema.
// `json-plain` is any other JSON document (a scenario, a fleet).
const languages = {
  json: () => [json(), jsonLanguage.data.of({ autocomplete: schemaCompletion }), schemaHover],
  "json-plain": () => json(),
  yaml: () => yaml(),
};

// Colours come from CSS variables (web/style.css), so the editor follows the page's theme.
const theme = EditorView.theme({
  "&": { height: "100%", color: "var(--fg)", backgroundColor: "var(--editor-bg)" },
  ".cm-content": { caretColor: "var(--fg)", fontFamily: "var(--mono)" },
  ".cm-gutters": {
    backgroundColor: "var(--editor-gutter)",
    color: "var(--muted)",
    borderRight: "1px solid var(--border)",
  },
  ".cm-activeLine": { backgroundColor: "var(--editor-active)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--editor-active)" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--editor-selection) !important",
  },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
  ".cm-tooltip": {
    backgroundColor: "var(--panel)",
    color: "var(--fg)",
    border: "1px solid var(--border)",
  },
});

class Editor {
  constructor(parent, text, language, onChange, delayMs) {
    this.language = new Compartment();
    this.onChange = onChange;
    this.delayMs = delayMs;
    this.timer = 0;
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          lintGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(classHighlighter),
          this.language.of(languages[language] ? languages[language]() : []),
          // Tab is left to the browser so that keyboard users can leave the editor.
          autocompletion(),
          keymap.of([
            ...completionKeymap,
            ...defaultKeymap,
            ...historyKeymap,
            ...foldKeymap,
            ...lintKeymap,
          ]),
          EditorView.contentAttributes.of({
            "aria-label": "Task definition editor",
            spellcheck: "false",
          }),
          theme,
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(external))) {
              this.schedule();
            }
          }),
        ],
      }),
    });
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = 0;
      this.onChange(this.view.state.doc.toString());
    }, this.delayMs);
  }

  setText(text, language) {
    clearTimeout(this.timer);
    this.timer = 0;
    const effects = this.language.reconfigure(languages[language] ? languages[language]() : []);
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      selection: { anchor: 0 },
      effects,
      annotations: external.of(true),
      scrollIntoView: true,
    });
  }

  setLanguage(language) {
    this.view.dispatch({
      effects: this.language.reconfigure(languages[language] ? languages[language]() : []),
    });
  }

  // Positions arrive as 1-based lines and UTF-16 columns (the diagnostics' own), which is what
  // CodeMirror counts in; they are clamped to the current document.
  pos(line, column) {
    const doc = this.view.state.doc;
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(l.from + Math.max(column - 1, 0), l.to);
  }

  // `list` is a JSON array of {line, column, endLine, endColumn, severity, message, source}.
  setDiagnostics(list) {
    const doc = this.view.state.doc;
    const diagnostics = JSON.parse(list).map((d) => {
      const from = this.pos(d.line, d.column);
      // A span over many lines (an object missing a member) is underlined on its first line
      // only, as the command line shows it; the gutter marks that line.
      let to = Math.min(this.pos(d.endLine, d.endColumn), doc.lineAt(from).to);
      if (to <= from) to = Math.min(from + 1, doc.length);
      return { from, to, severity: d.severity, message: d.message, source: d.source };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  reveal(line, column, endLine, endColumn) {
    const anchor = this.pos(line, column);
    const head = Math.max(anchor, this.pos(endLine, endColumn));
    this.view.dispatch({
      selection: { anchor, head },
      effects: EditorView.scrollIntoView(anchor, { y: "center" }),
    });
    this.view.focus();
  }

  text() {
    return this.view.state.doc.toString();
  }

  destroy() {
    clearTimeout(this.timer);
    this.view.destroy();
  }
}

// Copies text to the clipboard; falls back to a hidden text area where the Clipboard API is
// missing (a page served over plain http from another host).
async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch (_) {
    // fall through to the text area
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "offscreen";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch (_) {
    ok = false;
  }
  area.remove();
  return ok;
}

function download(name, mime, text) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The editor made last: the end-to-end tests read its text through `ecsplayEditor.active()`.
let last = null;

window.ecsplayEditor = {
  create: (parent, text, language, onChange, delayMs) =>
    (last = new Editor(parent, text, language, onChange, delayMs)),
  active: () => last,
  copyText,
  download,
};
