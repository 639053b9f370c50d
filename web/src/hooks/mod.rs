//! Custom hooks: the app context and the permalink sync.

mod use_app;
mod use_permalink;

pub use use_app::{use_app, AppHandle};
pub use use_permalink::{initial_state, page_url, use_permalink};
