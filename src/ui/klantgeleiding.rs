//! Pane "Klantgeleiding": visitors and appointments at the counter. Until check-in is built it
//! says so, and shows today's appointments count.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Theme, db_wait_line, empty_state, format, label_value};
use crate::app::State;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut facts = Vec::new();
    if let Some(line) = db_wait_line(state, theme) {
        facts.push(line);
    } else if let Some(o) = &state.overview {
        facts.push(label_value(
            "Afspraken vandaag:",
            format::getal(o.afspraken_vandaag),
            theme.title(),
        ));
    }
    frame.render_widget(
        empty_state("Nog geen klantgeleiding gekoppeld.", facts, theme),
        area,
    );
}
