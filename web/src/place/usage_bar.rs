use crate::state::place::picture::Bar;
use yew::prelude::*;

/// A usage bar's props.
#[derive(Properties, PartialEq)]
pub struct UsageBarProps {
    /// The bar.
    pub bar: Bar,
}

/// One resource of an instance: a native meter (numbers on hover and for screen readers).
#[component]
pub fn UsageBar(props: &UsageBarProps) -> Html {
    let b = &props.bar;
    let total = b.total.max(1);
    html! {
        <div class={classes!("usage", b.key)} title={b.text.clone()}>
            <span class="usage-label" aria-hidden="true">{ b.label }</span>
            <meter min="0" max={total.to_string()} value={b.used.to_string()}
                low={(total * 95 / 100).to_string()} high={(total * 95 / 100).to_string()} optimum="0"
                aria-label={b.text.clone()} />
            <span class="usage-numbers" aria-hidden="true">{ b.short.clone() }</span>
        </div>
    }
}
