//! The question before quitting with unsaved input.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::{Theme, centered};

pub fn render(frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = centered(area, 56, 6);
    frame.render_widget(Clear, rect);
    let text = vec![
        Line::raw("Er is niet-opgeslagen invoer."),
        Line::raw("Toch afsluiten? De invoer gaat verloren."),
        Line::from(vec![
            Span::styled("j", theme.key()),
            Span::raw(" ja, afsluiten    "),
            Span::styled("n", theme.key()),
            Span::raw(" nee, terug"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(text).alignment(Alignment::Center).block(
            Block::default()
                .borders(Borders::ALL)
                .border_type(BorderType::Double)
                .border_style(theme.warning())
                .title(" Afsluiten? "),
        ),
        rect,
    );
}
