//! `loket oproepscherm`: the read-only display in the waiting hall. The last numbers called with
//! their balie, the newest in large block letters, how many wait per dienst, and today's Actueel
//! messages. Never names.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use crate::domain::klantgeleiding::Oproepscherm;

/// A 5-row block font for ticket numbers and balie names: digits, capitals, '-' and ' '.
fn glyph(c: char) -> [&'static str; 5] {
    match c.to_ascii_uppercase() {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => [" █ ", "██ ", " █ ", " █ ", "███"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", " ██", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", " █ ", " █ ", " █ "],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        'A' => [" █ ", "█ █", "███", "█ █", "█ █"],
        'B' => ["██ ", "█ █", "██ ", "█ █", "██ "],
        'C' => ["███", "█  ", "█  ", "█  ", "███"],
        'D' => ["██ ", "█ █", "█ █", "█ █", "██ "],
        'E' => ["███", "█  ", "██ ", "█  ", "███"],
        'F' => ["███", "█  ", "██ ", "█  ", "█  "],
        'G' => ["███", "█  ", "█ █", "█ █", "███"],
        'H' => ["█ █", "█ █", "███", "█ █", "█ █"],
        'I' => ["███", " █ ", " █ ", " █ ", "███"],
        'J' => ["  █", "  █", "  █", "█ █", "███"],
        'K' => ["█ █", "██ ", "█  ", "██ ", "█ █"],
        'L' => ["█  ", "█  ", "█  ", "█  ", "███"],
        'M' => ["█ █", "███", "███", "█ █", "█ █"],
        'N' => ["██ ", "█ █", "█ █", "█ █", "█ █"],
        'O' => ["███", "█ █", "█ █", "█ █", "███"],
        'P' => ["███", "█ █", "███", "█  ", "█  "],
        'Q' => ["███", "█ █", "█ █", "███", "  █"],
        'R' => ["██ ", "█ █", "██ ", "█ █", "█ █"],
        'S' => ["███", "█  ", "███", "  █", "███"],
        'T' => ["███", " █ ", " █ ", " █ ", " █ "],
        'U' => ["█ █", "█ █", "█ █", "█ █", "███"],
        'V' => ["█ █", "█ █", "█ █", "█ █", " █ "],
        'W' => ["█ █", "█ █", "███", "███", "█ █"],
        'X' => ["█ █", "█ █", " █ ", "█ █", "█ █"],
        'Y' => ["█ █", "█ █", " █ ", " █ ", " █ "],
        'Z' => ["███", "  █", " █ ", "█  ", "███"],
        '-' => ["   ", "   ", "███", "   ", "   "],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// `tekst` in block letters: five lines.
pub fn groot(tekst: &str) -> [String; 5] {
    let mut regels: [String; 5] = Default::default();
    for c in tekst.chars() {
        for (r, rij) in glyph(c).iter().enumerate() {
            regels[r].push_str(rij);
            regels[r].push(' ');
        }
    }
    regels
}

pub fn render(
    frame: &mut Frame,
    data: &Oproepscherm,
    actueel: &[String],
    gemeente: &str,
    theme: &Theme,
) {
    let area = frame.area();
    let [kop, nu, eerder, onder] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(8),
        Constraint::Min(3),
        Constraint::Length((actueel.len() as u16 + 2).min(6)),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(" {gemeente} · Oproepscherm"),
            theme.status_bar(),
        )),
        kop,
    );
    match data.opgeroepen.first() {
        Some((nummer, balie, _)) => {
            let mut lines: Vec<Line> = groot(&format!("{nummer}  {balie}"))
                .into_iter()
                .map(|r| Line::styled(r, theme.title().add_modifier(Modifier::BOLD)))
                .collect();
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!("Nummer {nummer}: ga naar {balie}"),
                theme.title(),
            ));
            frame.render_widget(
                Paragraph::new(lines).alignment(ratatui::layout::Alignment::Center),
                nu,
            );
        }
        None => frame.render_widget(
            Paragraph::new(Line::styled("Welkom. U wordt zo geholpen.", theme.title()))
                .alignment(ratatui::layout::Alignment::Center),
            nu,
        ),
    }
    let mut lines = vec![Line::styled("Eerder opgeroepen", theme.muted())];
    for (nummer, balie, _) in data.opgeroepen.iter().skip(1) {
        lines.push(Line::from(vec![
            Span::styled(format!("{nummer:>7}"), theme.title()),
            Span::raw(format!("  →  {balie}")),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Wachtend", theme.muted()));
    if data.wachtend.is_empty() {
        lines.push(Line::raw("  niemand"));
    }
    for (dienst, n) in &data.wachtend {
        lines.push(Line::raw(format!("  {dienst}: {n}")));
    }
    frame.render_widget(Paragraph::new(lines), eerder);
    let berichten: Vec<Line> = actueel
        .iter()
        .map(|t| Line::styled(format!("⚑ {t}"), theme.warning()))
        .collect();
    frame.render_widget(
        Paragraph::new(berichten)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::TOP)),
        onder,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::{Terminal, backend::TestBackend};

    #[test]
    fn the_newest_call_is_shown_large_and_plain_and_no_name_can_appear() {
        let data = Oproepscherm {
            opgeroepen: vec![
                ("S-014".into(), "Balie 5".into(), 1),
                ("P-003".into(), "Balie 1".into(), 2),
            ],
            wachtend: vec![("Ophalen reisdocument".into(), 3)],
        };
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| {
            render(
                f,
                &data,
                &["Storing reisdocumenten".into()],
                "Gemeente Lindewaard",
                &Theme { color: false },
            )
        })
        .unwrap();
        let tekst = crate::ui::tests::text(t.backend().buffer());
        assert!(tekst.contains("Nummer S-014: ga naar Balie 5"), "{tekst}");
        assert!(tekst.contains("███"), "block letters:\n{tekst}");
        assert!(tekst.contains("P-003  →  Balie 1"));
        assert!(tekst.contains("Ophalen reisdocument: 3"));
        assert!(tekst.contains("⚑ Storing reisdocumenten"));
    }

    #[test]
    fn block_letters_have_five_rows_of_equal_width() {
        let g = groot("S-014");
        assert!(g.iter().all(|r| r.chars().count() == 5 * 4));
    }
}
