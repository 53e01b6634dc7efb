//! The top line: gemeente, medewerker and role, desk id, sync state and the clock.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, format};
use crate::app::State;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let style = theme.status_bar();
    let mut left = vec![Span::raw(" "), Span::raw(state.gemeente().to_string())];
    if state.session.demo {
        left.push(Span::raw(" "));
        left.push(Span::styled(" DEMO ", theme.demo()));
    }
    left.push(Span::raw(" │ "));
    match &state.session.medewerker {
        Some((naam, rol)) => left.push(Span::raw(format!("{naam} ({rol})"))),
        None => left.push(Span::raw("nog niet aangemeld")),
    }
    let desk = state.session.desk_id.simple().to_string();
    let right = format!(
        "desk {} │ ● {} │ {} ",
        &desk[..8],
        state.sync.label(),
        format::klok(state.now)
    );
    let right_width = right.chars().count() as u16;
    let [l, r] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)).style(style), l);
    frame.render_widget(Paragraph::new(right).style(style), r);
}
