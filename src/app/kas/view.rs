//! The Klantgeleiding pane's own windows: a visitor for staff, who is in the building, a
//! payment at the till, and the till's day with its cash-up.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::app::kas::{BetaalForm, GastForm, KasVenster, Venster};
use crate::domain::kas::{Methode, euro};
use crate::domain::klantgeleiding::Bezoeker;
use crate::ui::Theme;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    v: &Venster,
    in_gebouw: &[Bezoeker],
    balie: &str,
    theme: &Theme,
) {
    let (titel, lines) = match v {
        Venster::Gast(f) => (
            " Bezoeker registreren (geen klant) ".to_string(),
            gast(f, theme),
        ),
        Venster::Gebouw { selected } => (
            format!(" In het gebouw: {} ", in_gebouw.len()),
            gebouw(in_gebouw, selected.index(), theme),
        ),
        Venster::Betaling(f) => (
            match &f.correctie_van {
                Some((_, bon)) => format!(" Correctie op bon {bon} "),
                None => format!(" Betaling · {balie} "),
            },
            betaling(f, theme),
        ),
        Venster::Kas(k) => (format!(" Kas {balie} · vandaag "), kas(k, theme)),
    };
    let breedte = 76.min(area.width);
    // Wrapped lines take more rows: count them at the inner width.
    let binnen = usize::from(breedte.saturating_sub(2)).max(1);
    let rijen: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(binnen))
        .sum();
    crate::ui::venster(frame, area, breedte, rijen as u16 + 2, &titel, lines, true);
}

fn veld(
    label: &str,
    waarde: &crate::app::text_field::TextField,
    actief: bool,
    verplicht: bool,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = vec![
        Span::styled(if actief { "▶ " } else { "  " }, theme.key()),
        Span::styled(format!("{label:<16}"), theme.title()),
    ];
    let tekst = if actief {
        crate::ui::format::met_cursor(waarde)
    } else {
        waarde.to_string()
    };
    spans.push(Span::styled(
        tekst,
        if actief {
            theme.title().add_modifier(Modifier::UNDERLINED)
        } else {
            theme.title()
        },
    ));
    if verplicht && waarde.trim().is_empty() {
        spans.push(Span::styled("  *", theme.warning()));
    }
    Line::from(spans)
}

fn fout(lines: &mut Vec<Line<'static>>, fout: &Option<String>, theme: &Theme) {
    if let Some(f) = fout {
        lines.push(Line::styled(f.clone(), theme.error()));
    }
}

fn gast(f: &GastForm, theme: &Theme) -> Vec<Line<'static>> {
    let mut l = vec![
        veld("Naam", &f.naam, f.veld == 0, true, theme),
        veld("Voor wie", &f.voor_wie, f.veld == 1, true, theme),
        veld("Bedrijf", &f.bedrijf, f.veld == 2, false, theme),
        Line::styled(
            "Enter volgend veld / opslaan (binnen vanaf nu) · Esc sluiten · * verplicht",
            theme.muted(),
        ),
    ];
    if f.bezig {
        l.push(Line::styled("Opslaan…", theme.muted()));
    }
    fout(&mut l, &f.fout, theme);
    l
}

fn gebouw(in_gebouw: &[Bezoeker], selected: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut l = Vec::new();
    if in_gebouw.is_empty() {
        l.push(Line::styled(
            "Geen bezoekers in het gebouw. g registreert er een.",
            theme.muted(),
        ));
    }
    let vandaag = Local::now().date_naive();
    for (i, b) in in_gebouw.iter().enumerate() {
        let binnen = b.binnen_op.with_timezone(&Local);
        let sinds = if binnen.date_naive() == vandaag {
            binnen.format("%H:%M").to_string()
        } else {
            binnen.format("%d-%m %H:%M").to_string()
        };
        let bedrijf = b
            .bedrijf
            .as_ref()
            .map_or(String::new(), |x| format!(" ({x})"));
        let gekozen = i == selected;
        l.push(Line::from(vec![
            Span::styled(if gekozen { "▶ " } else { "  " }, theme.key()),
            Span::styled(
                format!("{sinds}  {}{bedrijf} → {}", b.naam, b.voor_wie),
                if gekozen {
                    theme.title().add_modifier(Modifier::REVERSED)
                } else {
                    theme.title()
                },
            ),
        ]));
    }
    l.push(Line::styled(
        "Enter: gekozen bezoeker is vertrokken · Esc sluiten",
        theme.muted(),
    ));
    l
}

fn betaling(f: &BetaalForm, theme: &Theme) -> Vec<Line<'static>> {
    let methode = |m: Methode| {
        if f.methode == m {
            format!("[{}]", m.as_str())
        } else {
            format!(" {} ", m.as_str())
        }
    };
    let mut l = vec![
        veld("Product", &f.product, f.veld == 0, true, theme),
        veld("Bedrag (€)", &f.bedrag, f.veld == 1, true, theme),
        Line::from(vec![
            Span::styled(if f.veld == 2 { "▶ " } else { "  " }, theme.key()),
            Span::styled(format!("{:<16}", "Betaalwijze"), theme.title()),
            Span::styled(
                format!("{} {}", methode(Methode::Contant), methode(Methode::Pin)),
                theme.title(),
            ),
            Span::styled("  (← →)", theme.muted()),
        ]),
    ];
    if f.correctie_van.is_some() {
        l.push(veld("Reden", &f.reden, f.veld == 3, true, theme));
        l.push(Line::styled(
            "Een correctie is een nieuwe regel; de oorspronkelijke betaling blijft staan.",
            theme.muted(),
        ));
    }
    l.push(Line::styled(
        "Enter boekt de betaling en geeft het bonnummer · Esc sluiten",
        theme.muted(),
    ));
    if f.bezig {
        l.push(Line::styled("Boeken…", theme.muted()));
    }
    fout(&mut l, &f.fout, theme);
    l
}

fn kas(k: &KasVenster, theme: &Theme) -> Vec<Line<'static>> {
    let Some(dag) = &k.dag else {
        return vec![Line::styled("Kas laden…", theme.muted())];
    };
    let mut l = Vec::new();
    if dag.betalingen.is_empty() {
        l.push(Line::styled("Nog geen betalingen vandaag.", theme.muted()));
    }
    let ruimte = 8;
    let begin = k.selected.index().saturating_sub(ruimte - 1);
    for (i, b) in dag.betalingen.iter().enumerate().skip(begin).take(ruimte) {
        let gekozen = i == k.selected.index();
        let correctie = match b.correctie_van {
            Some(id) => {
                let bon = dag
                    .betalingen
                    .iter()
                    .find(|x| x.meta.id == id)
                    .map_or("eerdere dag", |x| {
                        x.bonnummer.rsplit('-').next().unwrap_or_default()
                    });
                format!(" (correctie op {bon})")
            }
            None => String::new(),
        };
        l.push(Line::from(vec![
            Span::styled(if gekozen { "▶ " } else { "  " }, theme.key()),
            Span::styled(
                format!(
                    "{}  {:>11}  {:<7} {}{correctie}",
                    b.bonnummer.rsplit('-').next().unwrap_or_default(),
                    euro(b.bedrag_cent),
                    b.methode.as_str(),
                    b.product
                ),
                if gekozen {
                    theme.title().add_modifier(Modifier::REVERSED)
                } else {
                    theme.title()
                },
            ),
        ]));
    }
    let t = k.totalen();
    l.push(Line::styled(
        format!(
            "Totaal: contant {} · pin {} · {} regels",
            euro(t.contant_cent),
            euro(t.pin_cent),
            t.aantal
        ),
        theme.title().add_modifier(Modifier::BOLD),
    ));
    let per_product: Vec<String> = t
        .per_product
        .iter()
        .map(|(p, c, n)| format!("{p} {} ({n}×)", euro(*c)))
        .collect();
    if !per_product.is_empty() {
        l.push(Line::styled(per_product.join(" · "), theme.muted()));
    }
    match &dag.opmaak {
        Some(o) => {
            l.push(Line::styled(
                format!(
                    "Afgesloten {} door {}: verwacht contant {}, geteld {}, verschil {}.",
                    o.gesloten_op.with_timezone(&Local).format("%H:%M"),
                    o.medewerker,
                    euro(o.contant_verwacht_cent),
                    euro(o.contant_geteld_cent),
                    euro(o.verschil_cent)
                ),
                if o.verschil_cent == 0 {
                    theme.ok()
                } else {
                    theme.warning()
                },
            ));
            l.push(Line::styled(
                "Een afgesloten dag verandert niet meer. Esc sluiten",
                theme.muted(),
            ));
        }
        None => {
            // The one field here; the ▶ marks the chosen payment (for Alt-C).
            let mut geteld = veld("Geteld contant", &k.geteld, true, true, theme);
            geteld.spans[0] = Span::raw("  ");
            l.push(geteld);
            match k.bevestigen {
                Some(geteld) => l.push(Line::styled(
                    format!(
                        "Verschil {}. Enter sluit de kasdag af (ondertekend met uw naam); daarna kan niets meer veranderen.",
                        euro(geteld - t.contant_cent)
                    ),
                    theme.warning(),
                )),
                None => l.push(Line::styled(
                    "Tel de kas, vul het bedrag in en druk Enter · Alt-C correctie op de gekozen betaling · Esc sluiten",
                    theme.muted(),
                )),
            }
        }
    }
    if k.bezig {
        l.push(Line::styled("Afsluiten…", theme.muted()));
    }
    fout(&mut l, &k.fout, theme);
    l
}
