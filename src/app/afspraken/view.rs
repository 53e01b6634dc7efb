//! The afspraak form over the klantbeeld: diensten to choose, the next free slots, and the
//! confirmation for the klant.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::app::afspraken::{AfspraakForm, Stap};
use crate::ui::{Theme, format};

pub fn render(frame: &mut Frame, area: Rect, f: &AfspraakForm, theme: &Theme) {
    let mut lines = Vec::new();
    let overzicht = |lines: &mut Vec<Line<'static>>, keuze: Option<usize>| {
        for (i, a) in f.bestaande.iter().enumerate() {
            let gekozen = keuze == Some(i);
            let l = a.begin_op.with_timezone(&chrono::Local);
            lines.push(Line::from(vec![
                Span::styled(if gekozen { "▶ " } else { "  " }, theme.key()),
                Span::styled(
                    format!(
                        "{} {} {}  {} ({})",
                        format::weekdag_kort(l.weekday()),
                        l.format("%d-%m"),
                        l.format("%H:%M"),
                        a.product,
                        a.locatie
                    ),
                    if gekozen {
                        theme.title().add_modifier(Modifier::REVERSED)
                    } else {
                        theme.title()
                    },
                ),
            ]));
        }
    };
    match &f.stap {
        Stap::Overzicht => {
            lines.push(Line::styled(
                "Afspraken van deze klant. n nieuw · v verzetten · x annuleren · Esc sluiten",
                theme.muted(),
            ));
            overzicht(&mut lines, Some(f.keuze.index()));
        }
        Stap::Annuleren { reden } => {
            overzicht(&mut lines, Some(f.keuze.index()));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Reden van annuleren: ", theme.title()),
                Span::styled(
                    crate::ui::format::met_cursor(reden),
                    theme.title().add_modifier(Modifier::UNDERLINED),
                ),
            ]));
            lines.push(Line::styled(
                "Enter annuleert de afspraak · Esc terug",
                theme.muted(),
            ));
        }
        Stap::Diensten => {
            lines.push(Line::styled(
                "Welke dienst(en)? Spatie kiest, Enter zoekt vrije tijden.",
                theme.muted(),
            ));
            for (i, (d, gekozen)) in f.diensten.iter().enumerate() {
                let stijl = if i == f.cursor.index() {
                    theme.title().add_modifier(Modifier::REVERSED)
                } else {
                    theme.title()
                };
                lines.push(Line::from(vec![
                    Span::styled(if i == f.cursor.index() { "▶ " } else { "  " }, theme.key()),
                    Span::styled(if *gekozen { "[x] " } else { "[ ] " }, theme.key()),
                    Span::styled(d.naam.clone(), stijl),
                    Span::styled(format!("  {} min", d.duur_minuten), theme.muted()),
                ]));
            }
        }
        Stap::Tijden { slots, gekozen } => {
            if let Some((_, product)) = &f.verzet {
                lines.push(Line::styled(
                    format!("Verzetten: {product}; de oude afspraak blijft in de historie."),
                    theme.warning(),
                ));
            }
            let duur: u32 = f
                .diensten
                .iter()
                .filter(|(_, g)| *g)
                .map(|(d, _)| d.duur_minuten)
                .sum();
            lines.push(Line::styled(
                format!("{} ({duur} min)", f.gekozen().join(" + ")),
                theme.title(),
            ));
            let waar = f
                .plek
                .clone()
                .unwrap_or_else(|| "elke geschikte balie".into());
            let wanneer = f.vanaf.map_or("nu".to_string(), |d| {
                format!(
                    "{} {}",
                    format::weekdag_kort(d.weekday()),
                    d.format("%d-%m-%Y")
                )
            });
            lines.push(Line::from(vec![
                Span::styled(format!("Waar: {waar} · vanaf {wanneer}"), theme.title()),
                Span::styled("  (b balie, m maand)", theme.muted()),
            ]));
            match slots {
                None => lines.push(Line::styled("Vrije tijden zoeken…", theme.muted())),
                Some(s) => {
                    if s.iter().any(|x| x.aansluitend.is_some()) {
                        lines.push(Line::styled(
                            "Geen plek biedt deze diensten samen aan: aansluitende tijden aan twee plekken.",
                            theme.warning(),
                        ));
                    }
                    lines.push(Line::styled(
                        "De eerstvolgende vrije tijden; Enter boekt, Esc terug.",
                        theme.muted(),
                    ));
                    for (i, slot) in s.iter().enumerate() {
                        let mut tekst = format!(
                            "{} {}  {}–{}  {}",
                            format::weekdag_kort(slot.begin.weekday()),
                            slot.begin.format("%d-%m"),
                            slot.begin.format("%H:%M"),
                            slot.eind.format("%H:%M"),
                            slot.plek
                        );
                        if let Some(twee) = slot.aansluitend.as_deref() {
                            tekst.push_str(&format!(
                                " ({}) → {}–{}  {} ({})",
                                twee.eerst.join(", "),
                                twee.begin.format("%H:%M"),
                                twee.eind.format("%H:%M"),
                                twee.plek,
                                twee.daarna.join(", ")
                            ));
                        }
                        lines.push(Line::from(vec![
                            Span::styled(
                                if i == gekozen.index() { "▶ " } else { "  " },
                                theme.key(),
                            ),
                            Span::styled(
                                tekst,
                                if i == gekozen.index() {
                                    theme.title().add_modifier(Modifier::REVERSED)
                                } else {
                                    theme.title()
                                },
                            ),
                        ]));
                    }
                }
            }
            if f.bezig {
                lines.push(Line::styled("Bezig met boeken…", theme.muted()));
            }
        }
        Stap::Maand { dag, vrij } => {
            lines.push(Line::styled(
                format!(
                    "{} · {}",
                    format::maand(*dag),
                    f.plek
                        .clone()
                        .unwrap_or_else(|| "elke geschikte balie".into())
                ),
                theme.title(),
            ));
            lines.push(Line::styled(
                "Vrije tijden per dag. Pijltjes kiezen een dag, Enter toont de tijden, Esc terug.",
                theme.muted(),
            ));
            // Eight columns a day: the day of the month and its number of free times.
            lines.push(Line::styled(
                ["ma", "di", "wo", "do", "vr", "za", "zo"]
                    .iter()
                    .map(|w| format!("{w:>2}      "))
                    .collect::<String>(),
                theme.muted(),
            ));
            let eerste = crate::app::afspraken::maand_van(*dag);
            let mut week: Vec<Span> = vec![Span::raw(
                " ".repeat(8 * eerste.weekday().num_days_from_monday() as usize),
            )];
            let mut d = eerste;
            while d.month() == eerste.month() {
                let n = vrij
                    .as_ref()
                    .map(|v| v.iter().find(|(x, _)| *x == d).map_or(0, |(_, n)| *n));
                let aantal = match n {
                    None => "…".to_string(),
                    Some(0) => "-".to_string(),
                    Some(n) => n.min(999).to_string(),
                };
                let cel = format!("{:>2} {aantal:>4} ", d.day());
                let stijl = if d == *dag {
                    theme.title().add_modifier(Modifier::REVERSED)
                } else if n.is_some_and(|n| n > 0) {
                    theme.ok()
                } else {
                    theme.muted()
                };
                week.push(Span::styled(cel, stijl));
                if d.weekday() == chrono::Weekday::Sun {
                    lines.push(Line::from(std::mem::take(&mut week)));
                }
                d += chrono::Duration::days(1);
            }
            if !week.is_empty() {
                lines.push(Line::from(week));
            }
            if vrij.is_none() {
                lines.push(Line::styled("Vrije tijden tellen…", theme.muted()));
            }
        }
        Stap::Bevestigd(tekst) => {
            lines.push(Line::styled(
                "Geboekt. Bevestiging voor de klant:",
                theme.ok(),
            ));
            lines.push(Line::raw(""));
            lines.push(Line::raw(tekst.clone()));
            lines.push(Line::raw(""));
            lines.push(Line::styled("Enter of Esc: sluiten", theme.muted()));
        }
    }
    if let Some(fout) = &f.fout {
        lines.push(Line::styled(fout.clone(), theme.error()));
    }
    let hoogte = lines.len() as u16 + 4;
    crate::ui::venster(
        frame,
        area,
        76,
        hoogte,
        &format!(" Afspraak maken: {} ", f.klant),
        lines,
        true,
    );
}
