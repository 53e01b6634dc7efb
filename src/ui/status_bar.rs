//! The top bar: gemeente, medewerker and role, desk id, sync state and the clock. One line when it
//! fits, two on narrow terminals, so nothing is cut off.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, format};
use crate::app::State;

fn left<'a>(state: &'a State, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::raw(" "), Span::raw(state.gemeente())];
    if state.session.demo {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" DEMO ", theme.demo()));
    }
    spans.push(Span::raw(" │ "));
    match &state.session.medewerker {
        Some(m) => {
            // A very long name must not push the role off the bar.
            let naam: String = if m.naam.chars().count() > 32 {
                format!("{}…", m.naam.chars().take(31).collect::<String>())
            } else {
                m.naam.clone()
            };
            spans.push(Span::raw(format!("{naam} ({})", m.rol)));
        }
        None => spans.push(Span::raw("nog niet aangemeld")),
    }
    if let Some((tekst, let_op)) = super::telefonie::status_tekst(state) {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            tekst,
            if let_op { theme.error() } else { theme.title() },
        ));
    }
    Line::from(spans)
}

fn right(state: &State) -> Line<'static> {
    let desk = state.session.desk_id.simple().to_string();
    let actueel = state
        .kennisbank
        .kb
        .as_ref()
        .map_or(0, |kb| kb.actueel(state.now.date_naive()).count());
    let actueel = match actueel {
        0 => String::new(),
        1 => "⚑ 1 actueel bericht (F3) │ ".to_string(),
        n => format!("⚑ {n} actuele berichten (F3) │ "),
    };
    Line::from(format!(
        "{actueel}desk {} │ ● {} │ {} ",
        &desk[..8],
        state.sync.label(),
        format::klok(state.now)
    ))
}

/// Rows the bar needs at `width`: 1 when both halves fit side by side, else 2.
pub fn height(state: &State, width: u16) -> u16 {
    let theme = Theme { color: false };
    let need = left(state, &theme).width() + right(state).width() + 1;
    if need <= width as usize { 1 } else { 2 }
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let style = theme.status_bar();
    let (l, r) = (left(state, theme), right(state));
    if area.height >= 2 {
        let lines = vec![l, r.alignment(Alignment::Right)];
        frame.render_widget(Paragraph::new(lines).style(style), area);
    } else {
        frame.render_widget(Paragraph::new(l).style(style), area);
        frame.render_widget(
            Paragraph::new(r).alignment(Alignment::Right).style(style),
            area,
        );
    }
}
