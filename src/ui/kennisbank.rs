//! Pane "Kennisbank": articles and beslisbomen. Until articles are loaded it says so.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Theme, empty_state};
use crate::app::State;

pub fn render(frame: &mut Frame, area: Rect, _state: &State, theme: &Theme) {
    frame.render_widget(
        empty_state("Nog geen kennisbank geladen.", Vec::new(), theme),
        area,
    );
}
