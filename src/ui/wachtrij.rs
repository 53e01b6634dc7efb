//! Pane "Wachtrij": the telephone queue. Until telephony is connected it says so, and shows the
//! callback requests (contactverzoeken) that wait for this team.

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
            "Open contactverzoeken:",
            format::getal(o.open_contactverzoeken),
            theme.title(),
        ));
        let late_style = if o.contactverzoeken_te_laat > 0 {
            theme.error()
        } else {
            theme.ok()
        };
        let marker = if o.contactverzoeken_te_laat > 0 {
            "! "
        } else {
            ""
        };
        facts.push(label_value(
            "  waarvan te laat:",
            format!("{marker}{}", format::getal(o.contactverzoeken_te_laat)),
            late_style,
        ));
        facts.push(label_value(
            "Collega's beschikbaar:",
            format!(
                "{} van {}",
                format::getal(o.medewerkers_beschikbaar),
                format::getal(o.medewerkers)
            ),
            theme.title(),
        ));
    }
    frame.render_widget(
        empty_state("Nog geen telefonie gekoppeld.", facts, theme),
        area,
    );
}
