//! The placement view: where tasks of the edited task definition land on a fleet. Built by the
//! placement work; until then this shows the sample fleet it will start from.

use crate::examples::SAMPLE_SCENARIO;
use yew::prelude::*;

/// The placement view.
#[component]
pub fn PlaceView() -> Html {
    html! {
        <section class="panel place-placeholder" aria-labelledby="place-title">
            <h2 id="place-title">{ "Placement" }</h2>
            <p>{ "The placement view will show where the tasks of your task definition land on this sample fleet, and why." }</p>
            <pre class="code-block">{ SAMPLE_SCENARIO }</pre>
        </section>
    }
}
