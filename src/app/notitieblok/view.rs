//! The notitieblok's window: the contact it belongs to, the note with its cursor, its keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::{MAX_NOTITIE, NAAM, contact_in_hand};
use crate::app::State;
use crate::ui::{Theme, centered};

pub fn teken(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let rect = centered(area, 64, 10);
    frame.render_widget(Clear, rect);
    let breedte = usize::from(rect.width.saturating_sub(4));
    let bij = match &state.contact {
        Some(c) => c.regel_past(breedte),
        None => "Geen contact in behandeling: een losse notitie.".to_string(),
    };
    let leeg = crate::app::text_field::TextField::default();
    let tekst = state
        .features
        .notitieblok
        .voor(contact_in_hand(state))
        .unwrap_or(&leeg);
    let (voor, na) = tekst.split_at_cursor();
    let lines = vec![
        Line::styled(bij, theme.muted()),
        Line::raw(""),
        Line::from(vec![Span::styled(
            format!("{voor}▏{na}"),
            theme.title().add_modifier(Modifier::UNDERLINED),
        )]),
        Line::raw(""),
        Line::from(vec![
            Span::styled(format!("{}/{MAX_NOTITIE}", tekst.len()), theme.muted()),
            Span::raw("  "),
            Span::styled("Esc", theme.key()),
            Span::raw(" sluiten  "),
            Span::styled("Ctrl-U", theme.key()),
            Span::raw(" leegmaken"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_type(BorderType::Rounded)
                .border_style(theme.title())
                .title(format!(" {NAAM} (Alt-N) ")),
        ),
        rect,
    );
}
