//! The components, one per file. Each renders state it is given (or reads with `use_app`) and
//! dispatches actions; none changes state itself.

mod code_editor;
mod gallery;
mod header;
mod lint_view;
mod markdown_view;
mod problem_item;
mod problems;
mod rule_panel;
mod share_menu;
mod status_line;
mod theme_toggle;
mod view_tabs;

pub use code_editor::{CodeEditor, Reveal};
pub use gallery::Gallery;
pub use header::Header;
pub use lint_view::LintView;
pub use markdown_view::MarkdownView;
pub use problem_item::ProblemItem;
pub use problems::Problems;
pub use rule_panel::RulePanel;
pub use share_menu::ShareMenu;
pub use status_line::StatusLine;
pub use theme_toggle::ThemeToggle;
pub use view_tabs::ViewTabs;
