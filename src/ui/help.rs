//! The help overlay, generated from the keymap table (the same table the input handler uses).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::{Theme, centered};
use crate::app::keymap::{alle, help_volgorde, tekst_invoer};

/// The lines of the help overlay: per mode a heading, then one line per binding.
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for mode in help_volgorde() {
        let bindings: Vec<_> = alle().filter(|b| b.mode == mode).collect();
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(mode.title().to_string(), theme.title()));
        for b in bindings {
            let keys = b
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.key()),
                Span::raw(b.help),
            ]));
        }
        if let Some(t) = tekst_invoer(mode) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<18}", "tekens"), theme.key()),
                Span::raw(t.help),
            ]));
        }
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, offset: u16, theme: &Theme) {
    let lines = lines(theme);
    let width = lines.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 4;
    let rect = centered(area, width, lines.len() as u16 + 2);
    let visible = rect.height.saturating_sub(2);
    let max_offset = (lines.len() as u16).saturating_sub(visible);
    let offset = offset.min(max_offset);
    let more = if offset < max_offset {
        " ↓ voor meer "
    } else {
        ""
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).scroll((offset, 0)).block(
            Block::default()
                .padding(ratatui::widgets::Padding::horizontal(1))
                .borders(Borders::ALL)
                .border_type(BorderType::Double)
                .title(" Toetsen (?, q of Esc sluit) ")
                .title_bottom(more),
        ),
        rect,
    );
}
