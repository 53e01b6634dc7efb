//! Pane "Klantgeleiding": visitors at the counter. The visitor this balie called or helps, the
//! waiting per dienst (how many, longest wait), today's open tickets, and the check-in picker.

use chrono::Utc;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::State;
use crate::app::klantgeleiding::{per_dienst, verwachte_wacht};
use crate::domain::klantgeleiding::{IN_BEHANDELING, OPGEROEPEN};
use crate::domain::telefonie::Oordeel;
use crate::ui::{Theme, db_wait_line, format, label_value};

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if let Some(line) = db_wait_line(state, theme) {
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let kg = &state.klantgeleiding;
    let now = state.now.with_timezone(&Utc);
    if let Some(a) = &kg.agenda {
        agenda(frame, area, a, now, theme);
        return;
    }
    if let Some(v) = &kg.venster {
        crate::app::kas::view::render(
            frame,
            area,
            v,
            &kg.in_gebouw,
            kg.balie.as_deref().unwrap_or_default(),
            theme,
        );
        return;
    }
    let mut lines = Vec::new();
    let wie = match &kg.balie {
        Some(b) => format!("{b} · {}", kg.locatie),
        None => format!("Receptie · {}", kg.locatie),
    };
    lines.push(Line::styled(wie, theme.title()));
    if kg.beslissing.is_some() {
        // Called in this desk's file, not announced until the server accepts it.
        lines.push(Line::styled(
            "Oproepen… de server beslist",
            theme.warning().add_modifier(Modifier::BOLD),
        ));
    } else if let Some(b) = kg.huidig_bezoek() {
        let tekst = match b.status.as_str() {
            OPGEROEPEN => format!(
                "Opgeroepen: {} ({}) · {}× · h herhalen, s start, x niet verschenen",
                b.nummer, b.dienst, b.oproepen
            ),
            IN_BEHANDELING => format!(
                "In behandeling: {} ({}) · k klaar, t doorsturen, p parkeren",
                b.nummer, b.dienst
            ),
            _ => b.nummer.clone(),
        };
        lines.push(Line::styled(tekst, theme.ok().add_modifier(Modifier::BOLD)));
    }
    let geparkeerd = kg.geparkeerd();
    if !geparkeerd.is_empty() {
        let nummers: Vec<String> = geparkeerd
            .iter()
            .map(|b| format!("{} ({})", b.nummer, b.dienst))
            .collect();
        lines.push(Line::from(vec![
            Span::styled("Geparkeerd: ", theme.warning()),
            Span::raw(nummers.join(", ")),
            Span::styled(" · r hervatten", theme.muted()),
        ]));
    }
    if !kg.in_gebouw.is_empty() {
        lines.push(Line::from(vec![
            Span::raw(format!("In het gebouw: {}", kg.in_gebouw.len())),
            Span::styled(" (u)", theme.muted()),
        ]));
    }
    if let Some((nummer, dienst)) = &kg.laatste_ticket {
        lines.push(Line::from(vec![
            Span::raw("Laatste ticket: "),
            Span::styled(nummer.clone(), theme.title().add_modifier(Modifier::BOLD)),
            Span::styled(format!(" ({dienst})"), theme.muted()),
        ]));
    }
    let groepen = per_dienst(&kg.bezoeken, now);
    if groepen.is_empty() {
        lines.push(Line::styled(
            "Niemand wacht. n: bezoeker inchecken",
            theme.muted(),
        ));
    }
    for (dienst, aantal, langste) in &groepen {
        let o = Oordeel::van(*langste, state.normen.balie_s);
        let stijl = theme.oordeel(o);
        lines.push(Line::from(vec![
            Span::raw(format!("{dienst}: {aantal} wachtend · langste ")),
            Span::styled(
                format!(
                    "{} {}",
                    crate::app::telefonie::view::duur(*langste),
                    o.symbool()
                ),
                stijl,
            ),
            Span::styled(
                format!(
                    " · verwacht {}",
                    crate::app::telefonie::view::duur(verwachte_wacht(
                        kg,
                        &state.diensten,
                        &state.plekken,
                        dienst
                    ))
                ),
                theme.muted(),
            ),
        ]));
    }
    let wachtend: Vec<_> = kg
        .bezoeken
        .iter()
        .filter(|b| b.status == crate::domain::klantgeleiding::WACHTEND)
        .collect();
    for b in wachtend {
        let afspraak = match (b.afspraak_op, &b.balie) {
            (Some(t), balie) => format!(
                "  afspraak {} → {}",
                t.with_timezone(&chrono::Local).format("%H:%M"),
                balie.clone().unwrap_or_default()
            ),
            (None, Some(balie)) => format!("  → {balie}"),
            (None, None) => String::new(),
        };
        lines.push(Line::styled(
            format!(
                "  {}  {}  {}{afspraak}",
                b.nummer,
                crate::app::telefonie::view::duur((now - b.aangekomen_op).num_seconds()),
                b.dienst
            ),
            theme.muted(),
        ));
    }
    if let Some(o) = &state.overview {
        lines.push(label_value(
            "Afspraken vandaag:",
            format::getal(o.afspraken_vandaag),
            theme.title(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);

    let Some(i) = &kg.inchecken else { return };
    let (breedte, titel, label, leeg, keuzes): (u16, String, &str, &str, Vec<String>) =
        if i.afspraak {
            (
                76,
                " Afspraak inchecken: typ om te zoeken, Enter ".into(),
                "Zoek (naam, tijd, balie): ",
                "Geen afspraak van vandaag gevonden.",
                kg.afspraak_keuzes()
                    .iter()
                    .map(|a| {
                        format!(
                            "{}  {}  {} ({})",
                            a.begin_op.with_timezone(&chrono::Local).format("%H:%M"),
                            a.klant,
                            a.locatie,
                            a.product
                        )
                    })
                    .collect(),
            )
        } else if i.doorsturen {
            (
                60,
                match kg.huidig_bezoek() {
                    Some(b) => format!(" {} doorsturen: typ om te zoeken, Enter ", b.nummer),
                    None => " Doorsturen ".to_string(),
                },
                "Naar: ",
                "Geen dienst of balie met deze tekst.",
                kg.doorstuur_keuzes(&state.diensten)
                    .iter()
                    .map(|d| d.label())
                    .collect(),
            )
        } else {
            (
                60,
                " Inchecken: typ om te zoeken, Enter ".into(),
                "Dienst: ",
                "Geen dienst met deze tekst.",
                kg.keuzes(&state.diensten)
                    .iter()
                    .map(|d| format!("{}-  {}", d.prefix, d.naam))
                    .collect(),
            )
        };
    let mut l = vec![Line::from(vec![
        Span::raw(label),
        Span::styled(
            crate::ui::format::met_cursor(&i.filter),
            theme.title().add_modifier(Modifier::UNDERLINED),
        ),
    ])];
    // A walk-in is linked to a klant only when the receptie asks (Ctrl-K).
    if !i.afspraak && !i.doorsturen {
        let klant = state.zaak_klant.klant.as_ref().map(|k| k.naam.as_str());
        l.push(Line::from(match (klant, i.klant_koppelen) {
            (Some(naam), true) => format!("Klant: {naam} (Ctrl-K: niet koppelen)"),
            (Some(naam), false) => format!("Klant: — (Ctrl-K: koppel {naam})"),
            (None, _) => "Klant: — (geen klant geopend)".to_string(),
        }));
    }
    if keuzes.is_empty() {
        l.push(Line::styled(leeg, theme.warning()));
    }
    // The choices that fit, the selected one kept in view.
    let ruimte = usize::from(area.height.saturating_sub(3).saturating_sub(l.len() as u16)).max(1);
    let begin = i.selected.index().saturating_sub(ruimte - 1);
    for (n, tekst) in keuzes.into_iter().enumerate().skip(begin).take(ruimte) {
        let stijl = if n == i.selected.index() {
            theme.title().add_modifier(Modifier::REVERSED)
        } else {
            theme.title()
        };
        l.push(Line::from(vec![
            Span::styled(
                if n == i.selected.index() {
                    "▶ "
                } else {
                    "  "
                },
                theme.key(),
            ),
            Span::styled(tekst, stijl),
        ]));
    }
    let hoogte = l.len() as u16 + 2;
    crate::ui::venster(frame, area, breedte, hoogte, &titel, l, false);
}

/// The day agenda of one balie, spreekkamer or medewerker.
fn agenda(
    frame: &mut Frame,
    area: Rect,
    a: &crate::app::klantgeleiding::Agenda,
    now: chrono::DateTime<Utc>,
    theme: &Theme,
) {
    use crate::app::klantgeleiding::AgendaBron;
    use chrono::Datelike;
    let bronnen = a.bronnen();
    let bron = bronnen.get(a.bron);
    let wie = match bron {
        Some(AgendaBron::Plek(p)) => p.clone(),
        Some(AgendaBron::Medewerker(m)) => format!("medewerker {m}"),
        None => "geen afspraken".into(),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(
                "Dagagenda {} {} · {wie}",
                format::weekdag_kort(a.dag.weekday()),
                a.dag.format("%d-%m-%Y"),
            ),
            theme.title(),
        ),
        Span::styled(
            format!(" ({}/{})", (a.bron + 1).min(bronnen.len()), bronnen.len()),
            theme.muted(),
        ),
    ])];
    let Some(_) = &a.regels else {
        lines.push(Line::styled("Agenda laden…", theme.muted()));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    let getoond = a.getoond();
    if getoond.is_empty() {
        lines.push(Line::styled(
            "Geen afspraken op deze dag. + en - kiezen een andere dag.",
            theme.muted(),
        ));
    }
    let breed = usize::from(area.width);
    // At 80 columns a row just fits: time, product, klant, balie or medewerker, status.
    let (product_w, klant_w, ander_w) = if breed >= 100 {
        (30, 22, 16)
    } else {
        (16, 12, 13)
    };
    let ruimte = usize::from(area.height.saturating_sub(2)).max(1);
    let begin = a.selected.index().saturating_sub(ruimte.saturating_sub(1));
    for (i, r) in getoond.iter().enumerate().skip(begin).take(ruimte) {
        let gekozen = i == a.selected.index();
        let (status, stijl) = match r.status.as_str() {
            "aanwezig" => ("aanwezig ✓".to_string(), theme.ok()),
            "no_show" => ("niet gekomen ✖".to_string(), theme.error()),
            "gepland" if r.begin_op <= now => ("gepland ▲".to_string(), theme.warning()),
            s => (s.to_string(), theme.title()),
        };
        let ander = match bron {
            Some(AgendaBron::Medewerker(_)) => r.locatie.clone(),
            _ => r.medewerker.clone().unwrap_or_default(),
        };
        let tekst = format!(
            "{}–{}  {:<pw$}  {:<kw$}  {:<aw$}  ",
            r.begin_op.with_timezone(&chrono::Local).format("%H:%M"),
            r.eind_op.with_timezone(&chrono::Local).format("%H:%M"),
            knip(&r.product, product_w),
            knip(&r.klant, klant_w),
            knip(&ander, ander_w),
            pw = product_w,
            kw = klant_w,
            aw = ander_w,
        );
        let basis = if gekozen {
            theme.title().add_modifier(Modifier::REVERSED)
        } else {
            theme.title()
        };
        lines.push(Line::from(vec![
            Span::styled(if gekozen { "▶ " } else { "  " }, theme.key()),
            Span::styled(tekst, basis),
            Span::styled(status, stijl),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// At most `n` characters, with … when cut.
fn knip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut k: String = s.chars().take(n.saturating_sub(1)).collect();
        k.push('…');
        k
    }
}
