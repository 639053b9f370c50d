//! The playground's state: one `Reducible` struct and one `Action` enum. Each view owns a part
//! (`lint`, and later `place`) with its own action type; this module routes actions to the parts
//! and holds what the whole page shares (the selected view, the theme, the examples gallery,
//! the status message). Components only render this state and dispatch actions.

pub mod export;
pub mod lint;
pub mod place;
pub mod share;

use std::rc::Rc;
use yew::Reducible;

pub use lint::{LintAction, LintState};
pub use place::{PlaceAction, PlaceState};
pub use share::Snapshot;

/// The views of the playground, as the view switcher lists them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The task-definition linter.
    #[default]
    Lint,
    /// Task placement on a fleet (built in `web/src/place/`).
    Place,
}

impl View {
    /// Every view, in the order the switcher shows them.
    pub const ALL: [View; 2] = [View::Lint, View::Place];

    /// The name used in permalinks and element ids.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Lint => "lint",
            View::Place => "place",
        }
    }

    /// The label of the view's tab.
    pub fn label(self) -> &'static str {
        match self {
            View::Lint => "Lint",
            View::Place => "Placement",
        }
    }

    /// Reads a permalink name.
    pub fn parse(s: &str) -> Option<Self> {
        View::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The colour theme: the system's (`prefers-color-scheme`) unless the user picked one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The name used in permalinks and on `<html data-theme>` (`None` for the system's).
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    /// Reads a permalink name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The theme the toggle switches to, given whether the system prefers dark.
    pub fn toggled(self, system_dark: bool) -> Self {
        let dark = match self {
            Theme::System => system_dark,
            Theme::Light => false,
            Theme::Dark => true,
        };
        if dark {
            Theme::Light
        } else {
            Theme::Dark
        }
    }
}

/// A short message for the status line (announced to screen readers).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
    /// Counts notices, so that the same text twice is announced twice.
    pub seq: u64,
}

/// The whole page's state.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The selected view.
    pub view: View,
    /// The colour theme.
    pub theme: Theme,
    /// Whether the examples gallery is open.
    pub gallery_open: bool,
    /// The lint view.
    pub lint: LintState,
    /// The placement view.
    pub place: PlaceState,
    /// The latest status message.
    pub notice: Option<Notice>,
}

/// Everything that changes the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Shows a view.
    SetView(View),
    /// Sets the theme.
    SetTheme(Theme),
    /// Opens or closes the examples gallery.
    Gallery(bool),
    /// Opens an example (in the lint view) and closes the gallery.
    OpenExample(&'static str),
    /// A lint-view action.
    Lint(LintAction),
    /// A placement-view action.
    Place(PlaceAction),
    /// Replaces the whole state with a permalink's.
    Load(Snapshot),
    /// Shows a status message.
    Notify {
        /// The text.
        text: String,
        /// Whether it reports a failure.
        error: bool,
    },
}

impl Default for AppState {
    fn default() -> Self {
        AppState::from_snapshot(Snapshot::default())
    }
}

impl AppState {
    /// The state a permalink describes.
    pub fn from_snapshot(snapshot: Snapshot) -> Self {
        let lint = LintState::from_snapshot(&snapshot);
        AppState {
            view: snapshot.view,
            theme: snapshot.theme,
            gallery_open: false,
            // The placement simulation runs when its view is first shown.
            place: if snapshot.view == View::Place {
                PlaceState::from_snapshot(&snapshot.place, &lint.text)
            } else {
                PlaceState::deferred(&snapshot.place, &lint.text)
            },
            lint,
            notice: None,
        }
    }

    /// The part of the state a permalink carries.
    pub fn snapshot(&self) -> Snapshot {
        let mut snapshot = self.lint.snapshot();
        snapshot.view = self.view;
        snapshot.theme = self.theme;
        snapshot.place = self.place.snapshot();
        snapshot
    }

    fn notify(&mut self, text: String, error: bool) {
        let seq = self.notice.as_ref().map_or(0, |n| n.seq + 1);
        self.notice = Some(Notice { text, error, seq });
    }

    /// Applies an action (the reducer, without the `Rc`).
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SetView(view) => {
                self.view = view;
                if view == View::Place {
                    self.place.settle();
                }
            }
            Action::SetTheme(theme) => self.theme = theme,
            Action::Gallery(open) => self.gallery_open = open,
            Action::OpenExample(id) => {
                self.gallery_open = false;
                self.view = View::Lint;
                if let Some(title) = self.lint.open_example(id) {
                    self.notify(format!("Opened the example “{title}”"), false);
                }
                self.place.set_editor_text(&self.lint.text);
            }
            Action::Lint(action) => {
                self.lint.apply(action);
                // The edited task definition is registered in the placement scenario.
                self.place.set_editor_text(&self.lint.text);
            }
            Action::Place(action) => self.place.apply(action),
            Action::Load(snapshot) => {
                let mut next = AppState::from_snapshot(snapshot);
                // The counters go on from the old state's, so the editor sees a new document
                // and a new result.
                next.lint.doc_version = self.lint.doc_version + 1;
                next.lint.revision = self.lint.revision + 1;
                // Fetched documentation pages stay fetched.
                next.lint.docs = self.lint.docs.clone();
                next.lint.try_pending_example();
                next.notice = self.notice.take();
                *self = next;
            }
            Action::Notify { text, error } => self.notify(text, error),
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn the_default_state_lints_the_default_example() {
        let state = AppState::default();
        assert_eq!(state.view, View::Lint);
        assert_eq!(&*state.lint.text, examples::default_example().text);
        assert!(state
            .lint
            .result
            .diagnostics
            .iter()
            .any(|d| d.code == "TD-FG-004"));
    }

    #[test]
    fn opening_an_example_switches_to_the_lint_view_and_closes_the_gallery() {
        let mut state = AppState::default();
        state.apply(Action::SetView(View::Place));
        state.apply(Action::Gallery(true));
        state.apply(Action::OpenExample("fargate-good"));
        assert_eq!(state.view, View::Lint);
        assert!(!state.gallery_open);
        assert_eq!(state.lint.example, Some("fargate-good"));
        assert!(state.notice.is_some());
    }

    #[test]
    fn theme_toggle_flips_what_is_shown() {
        assert_eq!(Theme::System.toggled(true), Theme::Light);
        assert_eq!(Theme::System.toggled(false), Theme::Dark);
        assert_eq!(Theme::Dark.toggled(false), Theme::Light);
        assert_eq!(Theme::Light.toggled(true), Theme::Dark);
    }

    #[test]
    fn a_snapshot_round_trips_through_the_state() {
        let mut state = AppState::default();
        state.apply(Action::Lint(LintAction::Edit("{\"family\": 1}".into())));
        state.apply(Action::SetView(View::Place));
        state.apply(Action::SetTheme(Theme::Dark));
        let again = AppState::from_snapshot(state.snapshot());
        assert_eq!(again.snapshot(), state.snapshot());
        assert_eq!(&*again.lint.text, "{\"family\": 1}");
        assert_eq!(again.view, View::Place);
        assert_eq!(again.theme, Theme::Dark);
    }

    #[test]
    fn loading_a_link_reloads_the_editor_and_its_markers() {
        let mut state = AppState::default();
        let (version, revision) = (state.lint.doc_version, state.lint.revision);
        state.apply(Action::Load(Snapshot {
            example: Some("gpu-training"),
            ..Snapshot::default()
        }));
        assert_eq!(state.lint.example, Some("gpu-training"));
        assert!(state.lint.doc_version > version);
        assert!(state.lint.revision > revision);
    }

    #[test]
    fn the_placement_runs_when_its_view_opens() {
        let mut state = AppState::default();
        assert!(
            state.place.stale,
            "the lint view does not wait for a simulation"
        );
        state.apply(Action::SetView(View::Place));
        assert!(!state.place.stale);
        assert_eq!(state.place.run.ok().unwrap().steps.len(), 1);
        // The edited task definition is registered in the placement scenario.
        state.apply(Action::Lint(LintAction::Edit(
            r#"{"family": "api", "containerDefinitions": [{"name": "a", "image": "x", "memory": 128}]}"#.into(),
        )));
        assert!(state.place.stale);
        state.apply(Action::Place(PlaceAction::Run));
        assert!(state.place.catalog.iter().any(|e| e.name() == "api:1"));
        let linked = AppState::from_snapshot(state.snapshot());
        assert!(
            !linked.place.stale,
            "a link to the placement view runs at once"
        );
    }

    #[test]
    fn an_unchanged_state_keeps_its_rc() {
        let state = Rc::new(AppState::default());
        let same = state.clone().reduce(Action::SetView(View::Lint));
        assert!(Rc::ptr_eq(&state, &same));
    }
}
