//! Pane "Zaak/Klant": klant and zaak lookup. Until search is built it says so, and shows what the
//! database holds.

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
            "Klanten in de database:",
            format::getal(o.klanten),
            theme.title(),
        ));
        facts.push(label_value(
            "Zaken in de database:",
            format::getal(o.zaken),
            theme.title(),
        ));
        facts.push(label_value(
            "Contactmomenten vandaag:",
            format::getal(o.contactmomenten_vandaag),
            theme.title(),
        ));
    }
    frame.render_widget(
        empty_state("Nog geen klant- en zaakzoeken gekoppeld.", facts, theme),
        area,
    );
}
