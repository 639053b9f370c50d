//! A panic hook that replaces the page with a readable error panel (and logs the panic), so a
//! bug shows what went wrong instead of a blank or frozen page.

use wasm_bindgen::JsCast;

/// The text of the panel, without the browser: what happened and what the user can do.
pub fn panel_text(info: &str) -> (String, String) {
    (
        "The playground stopped because of a bug".to_owned(),
        format!(
            "{info}\n\nYour document is still in the address bar's link: reload the page to \
             continue, and please report this message with that link."
        ),
    )
}

fn show_panel(message: &str) -> Option<()> {
    let document = gloo::utils::document();
    let body = document.body()?;
    let panel = document.create_element("div").ok()?;
    panel.set_class_name("fatal");
    panel.set_attribute("role", "alert").ok()?;
    let (title, detail) = panel_text(message);
    let h1 = document.create_element("h1").ok()?;
    h1.set_text_content(Some(&title));
    let pre = document.create_element("pre").ok()?;
    // As text: the message may quote the user's document.
    pre.set_text_content(Some(&detail));
    panel.append_child(&h1).ok()?;
    panel.append_child(&pre).ok()?;
    body.set_text_content(None);
    body.append_child(panel.unchecked_ref()).ok()?;
    Some(())
}

/// Installs the hook. Through yew: its `Renderer` replaces any hook set with
/// `std::panic::set_hook` by its own console-only one.
pub fn install_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("ecsplay panicked: {message}").into());
        let _ = show_panel(&message);
    }));
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_panel_keeps_the_message_and_says_what_to_do() {
        let (title, detail) = super::panel_text("index out of bounds");
        assert!(title.contains("bug"));
        assert!(detail.starts_with("index out of bounds"));
        assert!(detail.contains("reload"));
    }
}
