use yew::prelude::*;

/// One finding's props.
#[derive(Properties, PartialEq)]
pub struct ProblemItemProps {
    /// Its index in the lint result.
    pub index: usize,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The rule code.
    pub code: &'static str,
    /// The message.
    pub message: AttrValue,
    /// The JSON Pointer of the place.
    pub pointer: AttrValue,
    /// Start line.
    pub line: u32,
    /// Start column (UTF-16).
    pub column: u32,
    /// Whether it is the selected finding.
    pub selected: bool,
    /// Called with `index` on click, Enter or Space.
    pub on_select: Callback<usize>,
}

/// A finding in the problems panel: a button, so click, Enter and Space all select it.
#[component]
pub fn ProblemItem(props: &ProblemItemProps) -> Html {
    let onclick = {
        let (on_select, index) = (props.on_select.clone(), props.index);
        Callback::from(move |_: MouseEvent| on_select.emit(index))
    };
    let icon = match props.severity {
        "error" => "●",
        "warning" => "▲",
        _ => "i",
    };
    html! {
        <li class={classes!("problem", props.severity, props.selected.then_some("selected"))}>
            <button
                type="button"
                {onclick}
                aria-current={props.selected.then_some("true")}
                aria-label={format!("{} {} at line {}, column {}: {}", props.severity, props.code, props.line, props.column, props.message)}
            >
                <span class="icon" aria-hidden="true">{ icon }</span>
                <span class="text">
                    <span class="message">{ props.message.clone() }</span>
                    if !props.pointer.is_empty() {
                        <code class="pointer">{ props.pointer.clone() }</code>
                    }
                </span>
                <span class="where">
                    <code class="code">{ props.code }</code>
                    <span class="loc" data-testid="loc">{ format!("{}:{}", props.line, props.column) }</span>
                </span>
            </button>
        </li>
    }
}
