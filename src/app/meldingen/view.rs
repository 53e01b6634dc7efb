//! The list in the Wachtrij pane: closed, a short block above the contactverzoeken (how many, the
//! newest); open, the entries (newest first) with the chosen one's whole text, wrapped, and the
//! keys that act on it.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Meldingen;
use crate::app::State;
use crate::sync::melding::{Melding, Soort};
use crate::ui::{Theme, format};

/// The pane title's addition: "3 meldingen" (none when there are none).
pub fn in_titel(state: &State) -> Option<String> {
    match state.features.meldingen.regels.len() {
        0 => None,
        1 => Some("1 melding".into()),
        n if n >= crate::sync::melding::MAX_OPEN => Some(format!("{n}+ meldingen")),
        n => Some(format!("{n} meldingen")),
    }
}

/// How many lines the closed block takes at `breedte` (0: no open entries).
pub fn blok_hoogte(state: &State, breedte: u16) -> u16 {
    let m = &state.features.meldingen;
    match m.regels.first() {
        None => 0,
        // The count with its key, and the newest entry's text on at most two lines.
        Some(r) => {
            1 + format::wrap(&r.tekst, usize::from(breedte).max(1))
                .len()
                .min(2) as u16
        }
    }
}

/// The closed block: how many, and the newest (the whole list is one key away).
pub fn render_blok(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let m = &state.features.meldingen;
    let Some(r) = m.regels.first() else { return };
    let breedte = usize::from(area.width).max(1);
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("! {}", in_titel(state).unwrap_or_default()),
            theme.error(),
        ),
        Span::styled(
            if state.focus == crate::app::Pane::Wachtrij {
                "  m: bekijken"
            } else {
                ""
            },
            theme.muted(),
        ),
    ])];
    let tekst = format::wrap(&r.tekst, breedte);
    let meer = tekst.len() > 2;
    for (i, regel) in tekst.into_iter().take(2).enumerate() {
        let regel = if i == 1 && meer {
            let kort: String = regel.chars().take(breedte.saturating_sub(1)).collect();
            format!("{kort}…")
        } else {
            regel
        };
        lines.push(Line::raw(regel));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// When: the time today, the day and time before.
fn wanneer(r: &Melding, state: &State) -> String {
    let t = r.op.with_timezone(&Local);
    if t.date_naive() == state.now.date_naive() {
        t.format("%H:%M").to_string()
    } else {
        t.format("%d-%m %H:%M").to_string()
    }
}

/// One line of the list: when, what kind, the klant and number.
fn regel(r: &Melding, state: &State) -> String {
    let klant = match (&r.klant_naam, &r.klant_telefoon) {
        (Some(n), Some(t)) => format!("{n} ({t})"),
        (Some(n), None) => n.clone(),
        _ => r.tabel.replace('_', " "),
    };
    format!("{} {} · {klant}", wanneer(r, state), r.soort.label())
}

/// The keys that act on `r`, as the hint line says them.
fn acties(r: &Melding) -> Vec<(&'static str, &'static str)> {
    let mut a = Vec::new();
    if r.klant.is_some() {
        a.push(("Enter", "klant"));
    }
    if r.soort == Soort::Geweigerd
        && r.tabel == "afspraak"
        && r.klant.is_some()
        && r.product.is_some()
    {
        a.push(("o", "ander tijdstip"));
    }
    if r.soort == Soort::Verloren && r.eigen.is_some() {
        a.push(("w", "mijn waarde opnieuw opslaan"));
    }
    a.push(("a", "akkoord"));
    a.push(("Esc", "terug"));
    a
}

/// The open list over `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let m: &Meldingen = &state.features.meldingen;
    let breedte = usize::from(area.width).max(1);
    let mut kop = vec![Line::styled(
        format!("Meldingen: {} open", m.regels.len()),
        theme.title(),
    )];
    let Some(gekozen) = m.huidige() else {
        kop.push(Line::styled(
            "Geen meldingen: alles is afgehandeld. Esc terug.",
            theme.muted(),
        ));
        frame.render_widget(Paragraph::new(kop), area);
        return;
    };
    // The chosen entry's whole text, wrapped, and its keys; the list takes what is left (at
    // least the chosen line).
    let mut detail: Vec<Line> = format::wrap(&gekozen.tekst, breedte)
        .into_iter()
        .map(|t| Line::styled(t, theme.title()))
        .collect();
    let mut spans = Vec::new();
    for (i, (k, wat)) in acties(gekozen).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.muted()));
        }
        spans.push(Span::styled(k, theme.key()));
        spans.push(Span::styled(format!(" {wat}"), theme.muted()));
    }
    let hint_tekst: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let hint_regels = format::wrap(&hint_tekst, breedte).len();
    let hoogte = usize::from(area.height);
    // Room: header, one list line, the hints; the text gets the rest (its end cut on a tiny pane,
    // never in storage).
    let lijst_min = m.regels.len().min(3);
    let tekst_ruimte = hoogte.saturating_sub(1 + lijst_min + hint_regels).max(1);
    if detail.len() > tekst_ruimte {
        detail.truncate(tekst_ruimte);
        if let Some(l) = detail.last_mut() {
            let t: String = l.to_string();
            let kort: String = t.chars().take(breedte.saturating_sub(1)).collect();
            *l = Line::styled(format!("{kort}…"), theme.title());
        }
    }
    let lijst_ruimte = hoogte.saturating_sub(1 + detail.len() + hint_regels).max(1);
    // The chosen line in view.
    let begin = m.gekozen.saturating_sub(lijst_ruimte.saturating_sub(1));
    let mut lines = kop;
    for (i, r) in m.regels.iter().enumerate().skip(begin).take(lijst_ruimte) {
        let tekst: String = regel(r, state)
            .chars()
            .take(breedte.saturating_sub(2))
            .collect();
        if i == m.gekozen {
            lines.push(Line::styled(
                format!("▶ {tekst}"),
                theme.title().add_modifier(Modifier::REVERSED),
            ));
        } else {
            lines.push(Line::styled(format!("  {tekst}"), theme.muted()));
        }
    }
    lines.extend(detail);
    if hint_regels <= 1 {
        lines.push(Line::from(spans));
    } else {
        for t in format::wrap(&hint_tekst, breedte) {
            lines.push(Line::styled(t, theme.muted()));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
