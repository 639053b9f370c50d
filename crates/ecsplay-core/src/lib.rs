//! ecsplay-core: lints Amazon ECS task definitions and simulates the ECS scheduler.
//!
//! The same crate runs natively (the `ecsplay` CLI) and in the browser (compiled to wasm). It
//! does no I/O, reads no clock and uses no OS randomness: callers hand it text and get data back.
//!
//! ```
//! let result = ecsplay_core::lint(r#"{"family": "web", "containerDefinitions": []}"#, &Default::default());
//! assert!(result.diagnostics.iter().any(|d| d.code == "TD-SHAPE-004"));
//! ```

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod catalog;
pub mod diagnostic;
pub mod forms;
pub mod lint;
pub mod model;
pub mod placement;
pub mod schema;
pub mod sim;
pub mod source;

pub use diagnostic::{Diagnostic, Severity};
pub use lint::{lint, LintOptions, LintResult};
pub use sim::{simulate, SimOptions, SimResult};

/// The version of ecsplay.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
