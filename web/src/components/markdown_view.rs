use crate::markdown::{Block, Inline};
use yew::prelude::*;

/// The props: a parsed document.
#[derive(Properties, PartialEq)]
pub struct MarkdownViewProps {
    /// The blocks to show.
    pub blocks: Vec<Block>,
}

fn inline(run: &Inline) -> Html {
    match run {
        Inline::Text(t) => html! { { t.clone() } },
        Inline::Code(c) => html! { <code>{ c.clone() }</code> },
        Inline::Strong(s) => html! { <strong>{ s.clone() }</strong> },
        Inline::Link(text, href) => html! {
            <a href={href.clone()} target="_blank" rel="noopener noreferrer">{ text.clone() }</a>
        },
    }
}

fn inlines(runs: &[Inline]) -> Html {
    runs.iter().map(inline).collect()
}

/// Renders Markdown blocks as elements with text children: no HTML is ever parsed.
#[component]
pub fn MarkdownView(props: &MarkdownViewProps) -> Html {
    props
        .blocks
        .iter()
        .map(|block| match block {
            // Rule pages use `##`; shown one level below the panel's own heading.
            Block::Heading(level, text) => match level {
                1 | 2 => html! { <h4>{ inlines(text) }</h4> },
                _ => html! { <h5>{ inlines(text) }</h5> },
            },
            Block::Paragraph(text) => html! { <p>{ inlines(text) }</p> },
            Block::List(items) => html! {
                <ul>{ for items.iter().map(|i| html! { <li>{ inlines(i) }</li> }) }</ul>
            },
            Block::Table(header, rows) => html! {
                <div class="table-wrap">
                    <table>
                        <thead><tr>{ for header.iter().map(|c| html! { <th scope="col">{ inlines(c) }</th> }) }</tr></thead>
                        <tbody>
                            { for rows.iter().map(|row| html! {
                                <tr>{ for row.iter().map(|c| html! { <td>{ inlines(c) }</td> }) }</tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            },
            Block::Code(lang, code) => html! {
                <pre class={classes!("code-block", (!lang.is_empty()).then(|| format!("lang-{lang}")))}><code>{ code.clone() }</code></pre>
            },
        })
        .collect()
}
