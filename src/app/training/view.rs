//! Training mode on screen: what the caller or visitor of the case at hand says (there is no
//! voice), and the review over the desk.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use crate::app::training::Training;
use crate::domain::training::{GevalKanaal, markdown};
use crate::ui::Theme;

/// Lines the words box needs (0 when there is nothing to show).
pub fn hoogte(t: &Training) -> u16 {
    if t.gestart.is_some() || t.klaar() {
        4
    } else {
        0
    }
}

/// The case at hand: who says what; between cases, what to do next.
pub fn render_woorden(
    frame: &mut Frame,
    area: Rect,
    t: &Training,
    beschikbaar: bool,
    theme: &Theme,
) {
    let (titel, tekst) = match t.woorden() {
        Some((zegt, wie)) => (format!(" {wie} zegt "), format!("“{zegt}”")),
        None => (
            format!(" Training: {} ", t.scenario.titel),
            match (t.wachtend(), beschikbaar) {
                _ if t.klaar() => "Training afgerond: alle gevallen zijn geregistreerd. F10 toont de beoordeling; q sluit af (de beoordeling is bewaard voor de coach).",
                (Some(GevalKanaal::Telefoon), false) => "Er wacht een beller voor u: zet u beschikbaar (b in de Wachtrij, F1) en neem aan met F6.",
                (Some(GevalKanaal::Telefoon), true) => "Er wacht een beller voor u: neem aan met F6 zodra het gesprek overgaat.",
                (Some(GevalKanaal::Balie), _) => "Er wacht een bezoeker: roep op in Klantgeleiding (F2) met v, begin met s, klaar met k.",
                (None, true) => "U bent beschikbaar: de volgende klant komt zo. F10 toont de beoordeling.",
                (None, false) if !t.met_bezoekers() => "Zet u beschikbaar (b in de Wachtrij, F1): de eerste beller komt dan. F10 toont de beoordeling.",
                (None, false) => "Zet u beschikbaar (b in de Wachtrij, F1) voor bellers, of help bezoekers in Klantgeleiding (F2). F10 toont de beoordeling.",
            }
            .to_string(),
        ),
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::raw(tekst)))
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_type(BorderType::Double)
                    .border_style(theme.training())
                    .title(Span::styled(titel, theme.training())),
            ),
        area,
    );
}

/// The review, scrollable, over the desk.
pub fn render_beoordeling(frame: &mut Frame, area: Rect, t: &Training, theme: &Theme) {
    let Some(b) = &t.beoordeling else {
        return;
    };
    let tekst = markdown(b);
    let regels: Vec<Line> = tekst
        .lines()
        .map(|l| {
            if let Some(kop) = l.strip_prefix("## ").or_else(|| l.strip_prefix("# ")) {
                Line::styled(kop.to_string(), theme.title())
            } else if l.starts_with("- ✖") {
                Line::styled(l.to_string(), theme.error())
            } else if l.starts_with("- ✓") {
                Line::styled(l.to_string(), theme.ok())
            } else {
                Line::raw(l.replace("**", ""))
            }
        })
        .collect();
    let vak = crate::ui::centered(area, area.width.saturating_sub(2).min(110), area.height);
    frame.render_widget(Clear, vak);
    frame.render_widget(
        Paragraph::new(regels)
            .wrap(Wrap { trim: false })
            .scroll((t.scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_type(BorderType::Double)
                    .border_style(theme.training())
                    .title(" Beoordeling · ↑/↓ lezen · Esc sluiten · loket training review voor de coach "),
            ),
        vak,
    );
}
