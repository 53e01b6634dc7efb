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

pub fn render(frame: &mut Frame, area: Rect, theme: &Theme) {
    question(
        frame,
        area,
        "Afsluiten?",
        vec![
            Line::raw("Er is niet-opgeslagen invoer."),
            Line::raw("Toch afsluiten? De invoer gaat verloren."),
        ],
        ("ja, afsluiten", "nee, terug"),
        theme,
    );
}
