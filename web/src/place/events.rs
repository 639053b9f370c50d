//! Reading form events: the value of an input or select, whether a checkbox is checked.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The text of the input that fired the event.
pub fn input_text(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// Whether the checkbox that fired the event is checked.
pub fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// The value of the select that fired the event.
pub fn selected(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A callback for a select: `make` turns the chosen value into an action, or ignores it.
pub fn on_select<A: 'static>(
    send: &Callback<A>,
    make: impl Fn(String) -> Option<A> + 'static,
) -> Callback<Event> {
    let send = send.clone();
    Callback::from(move |e: Event| {
        if let Some(a) = make(selected(&e)) {
            send.emit(a);
        }
    })
}

/// A callback for a text input: `make` turns the typed text into an action.
pub fn on_text<A: 'static>(
    send: &Callback<A>,
    make: impl Fn(String) -> A + 'static,
) -> Callback<InputEvent> {
    let send = send.clone();
    Callback::from(move |e: InputEvent| send.emit(make(input_text(&e))))
}

/// A callback for a number input: `make` gets the number once the text reads as one.
pub fn on_number<A: 'static>(
    send: &Callback<A>,
    make: impl Fn(i64) -> A + 'static,
) -> Callback<InputEvent> {
    let send = send.clone();
    Callback::from(move |e: InputEvent| {
        if let Ok(n) = input_text(&e).trim().parse::<i64>() {
            send.emit(make(n));
        }
    })
}

/// A callback for a checkbox: `make` gets whether it is now checked.
pub fn on_check<A: 'static>(
    send: &Callback<A>,
    make: impl Fn(bool) -> A + 'static,
) -> Callback<Event> {
    let send = send.clone();
    Callback::from(move |e: Event| send.emit(make(checked(&e))))
}

/// A click handler that sends one action.
pub fn on_click<A: Clone + 'static>(send: &Callback<A>, action: A) -> Callback<MouseEvent> {
    let send = send.clone();
    Callback::from(move |_: MouseEvent| send.emit(action.clone()))
}
