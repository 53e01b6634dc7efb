//! Yes/no questions in a small box: quitting with unsaved input, discarding a registration,
//! recovering a draft.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::{Theme, centered};

/// A question box: `lines` of explanation, then "j {ja}    n {nee}".
pub fn question(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    mut lines: Vec<Line<'_>>,
    (ja, nee): (&str, &str),
    theme: &Theme,
) {
    lines.push(Line::from(vec![
        Span::styled("j", theme.key()),
        Span::raw(format!(" {ja}    ")),
        Span::styled("n", theme.key()),
        Span::raw(format!(" {nee}")),
    ]));
    let width = lines.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 6;
    let rect = centered(area, width.max(56), lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center).block(
            Block::default()
                .borders(Borders::ALL)
                .border_type(BorderType::Double)
                .border_style(theme.warning())
                .title(format!(" {title} ")),
        ),
        rect,
    );
}

/// "Afsluiten?", saying what would be lost: a ringing or running call, a wrap-up, typed input.
pub fn render(frame: &mut Frame, area: Rect, state: &crate::app::State, theme: &Theme) {
    use crate::domain::telefonie::AgentStatus;
    let t = &state.telefonie;
    let (wat, gevolg) = if t.gesprek.is_some() {
        ("Er loopt een gesprek.", "Toch afsluiten?")
    } else if t.aangeboden.is_some() {
        ("Er gaat een gesprek over.", "Toch afsluiten?")
    } else if t.status == AgentStatus::Nawerk {
        (
            "Het nawerk van een gesprek is nog niet af.",
            "Toch afsluiten?",
        )
    } else {
        (
            "Er is niet-opgeslagen invoer.",
            "Toch afsluiten? De invoer gaat verloren.",
        )
    };
    question(
        frame,
        area,
        "Afsluiten?",
        vec![Line::raw(wat), Line::raw(gevolg)],
        ("ja, afsluiten", "nee, terug"),
        theme,
    );
}
