//! Pane "Kennisbank": search as you type, the hits, and the open article with its Antwoord (for
//! the klant) and its Onderwatertekst (staff only, marked as such).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::app::{Pane, State};
use crate::kennisbank::Artikel;
use crate::ui::Theme;

/// "12", or "200+" when the list was cut at its maximum.
fn aantal(n: usize) -> String {
    if n >= crate::kennisbank::MAX_TREFFERS {
        format!("{n}+")
    } else {
        n.to_string()
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let kbp = &state.kennisbank;
    let Some(kb) = &kbp.kb else {
        frame.render_widget(
            Paragraph::new(Line::styled("Kennisbank wordt geladen…", theme.muted())),
            area,
        );
        return;
    };
    if let Some(v) = &kbp.statistiek {
        render_statistiek(frame, area, kb, v, theme);
        return;
    }
    if let Some(a) = kbp.open.as_deref().and_then(|id| kb.artikel(id)) {
        let area = match &kbp.melding {
            Some(form) => {
                let h = 8.min(area.height);
                let [boven, onder] =
                    Layout::vertical([Constraint::Min(0), Constraint::Length(h)]).areas(area);
                render_melding(frame, onder, a, form, theme);
                boven
            }
            None => area,
        };
        if let (Some(walk), Some(boom)) = (&kbp.walk, &a.beslisboom) {
            render_walk(frame, area, state, a, boom, walk, theme);
            return;
        }
        let via = kbp
            .walk
            .as_ref()
            .and_then(|w| kb.artikel(&w.boom))
            .map(|b| b.titel.clone());
        let zie_ook = zie_ook(kb, a);
        render_artikel(frame, area, a, via, &zie_ook, kbp.scroll, theme);
        return;
    }
    let [input, info, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    let cursor = if kbp.input_active { "▏" } else { "" };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Zoek: ", theme.title()),
            Span::styled(
                {
                    let (voor, na) = kbp.query.split_at_cursor();
                    format!("{voor}{cursor}{na}")
                },
                theme.title().add_modifier(Modifier::UNDERLINED),
            ),
        ])),
        input,
    );
    let filters: Vec<String> = kbp
        .filter_soort
        .map(|i| format!("soort {}", crate::kennisbank::SOORTEN[i]))
        .into_iter()
        .chain(
            kbp.filter_afdeling
                .map(|i| format!("afdeling {}", crate::kennisbank::AFDELINGEN[i])),
        )
        .collect();
    let info_line = if !filters.is_empty() {
        Line::from(vec![
            Span::styled(format!("Filter: {}", filters.join(" · ")), theme.key()),
            Span::styled(
                if kbp.treffers.is_empty() {
                    " · niets gevonden".to_string()
                } else {
                    format!(" · {} gevonden", aantal(kbp.treffers.len()))
                },
                theme.muted(),
            ),
        ])
    } else if kbp.query.trim().is_empty() {
        Line::styled(
            format!(
                "{} artikelen · typ een vraag of trefwoord",
                kb.artikelen.len()
            ),
            theme.muted(),
        )
    } else if kbp.treffers.is_empty() {
        Line::styled(
            format!("Niets gevonden voor \"{}\".", kbp.query.trim()),
            theme.warning(),
        )
    } else {
        Line::styled(
            format!("{} gevonden", aantal(kbp.treffers.len())),
            theme.muted(),
        )
    };
    frame.render_widget(Paragraph::new(info_line), info);
    // A preview of the selected article beside the list when there is room, else below it.
    let (list, preview) = if list.width >= 90 {
        let [l, p] = Layout::horizontal([Constraint::Percentage(45), Constraint::Min(0)])
            .spacing(1)
            .areas(list);
        (l, Some(p))
    } else if list.height >= 14 {
        let [l, p] = Layout::vertical([Constraint::Percentage(40), Constraint::Min(0)])
            .spacing(1)
            .areas(list);
        (l, Some(p))
    } else {
        (list, None)
    };
    // Titel with soort, knip and afdeling: on one line when space is short, else on two.
    let twee_regels = list.height >= 10;
    let items: Vec<ListItem> = kbp
        .treffers
        .iter()
        .filter_map(|id| kb.artikel(id))
        .map(|a| {
            let bron = state.bronnen().contains(&a.id);
            let titel = if a.soort == "actueel" {
                Span::styled(format!("⚑ {}", a.titel), theme.warning())
            } else {
                Span::styled(a.titel.clone(), theme.title())
            };
            let bron = Span::styled(if bron { "  ✓ geraadpleegd" } else { "" }, theme.ok());
            let info = format!("{} · {} · {}", a.soort, a.knip, a.afdeling);
            if twee_regels {
                ListItem::new(vec![
                    Line::from(vec![titel, bron]),
                    Line::styled(format!("  {info}"), theme.muted()),
                ])
            } else {
                ListItem::new(Line::from(vec![
                    titel,
                    Span::styled(format!("  {info}"), theme.muted()),
                    bron,
                ]))
            }
        })
        .collect();
    let focused = state.focus == Pane::Kennisbank;
    let mut ls = ListState::default().with_selected(focused.then_some(kbp.selected.index()));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_symbol("▶ ")
            .highlight_style(theme.title().add_modifier(Modifier::REVERSED)),
        list,
        &mut ls,
    );
    if let (Some(p), Some(a)) = (
        preview,
        kbp.selected
            .get(&kbp.treffers)
            .and_then(|id| kb.artikel(id)),
    ) {
        render_artikel(frame, p, a, None, &zie_ook(kb, a), 0, theme);
    }
}

/// The flag form under the open article.
fn render_melding(
    frame: &mut Frame,
    area: Rect,
    a: &Artikel,
    form: &crate::app::kennisbank::MeldingForm,
    theme: &Theme,
) {
    let mut lines = vec![Line::styled(
        format!("Artikel melden aan de redactie: {}", a.titel),
        theme.title().add_modifier(Modifier::REVERSED),
    )];
    for s in crate::domain::kennisbank::MeldingSoort::ALL {
        let gekozen = s == form.soort;
        lines.push(Line::from(vec![
            Span::styled(if gekozen { " (•) " } else { " ( ) " }, theme.key()),
            Span::styled(
                s.label(),
                if gekozen {
                    theme.title()
                } else {
                    theme.muted()
                },
            ),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("Toelichting: ", theme.title()),
        Span::styled(
            crate::ui::format::met_cursor(&form.toelichting),
            theme.title().add_modifier(Modifier::UNDERLINED),
        ),
    ]));
    if let Some(f) = &form.fout {
        lines.push(Line::styled(f.clone(), theme.error()));
    } else if form.bezig {
        lines.push(Line::styled("Bezig met opslaan…", theme.muted()));
    } else {
        lines.push(Line::styled(
            "↑/↓ reden · typ de toelichting · Enter opslaan · Esc annuleren",
            theme.muted(),
        ));
    }
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// For supervisors: what agents searched, could not find and opened, and the open flags.
fn render_statistiek(
    frame: &mut Frame,
    area: Rect,
    kb: &crate::kennisbank::Kennisbank,
    v: &crate::app::kennisbank::StatistiekView,
    theme: &Theme,
) {
    let mut lines = vec![Line::styled(
        format!("Zoekgedrag kennisbank, laatste {} dagen", v.dagen),
        theme.title(),
    )];
    let Some(d) = &v.data else {
        lines.push(Line::styled("Wordt geladen…", theme.muted()));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    let pct = (d.zonder_treffers * 100)
        .checked_div(d.zoekacties)
        .unwrap_or(0);
    lines.push(Line::styled(
        format!(
            "{} zoekacties, {} zonder resultaat ({pct}%) · ↑/↓ scrollen · Esc terug",
            d.zoekacties, d.zonder_treffers
        ),
        theme.muted(),
    ));
    let titel = |id: &str| kb.artikel(id).map_or(id.to_string(), |a| a.titel.clone());
    let sectie = |kop: String, rijen: Vec<String>, lines: &mut Vec<Line<'static>>| {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            kop,
            theme.title().add_modifier(Modifier::BOLD),
        ));
        if rijen.is_empty() {
            lines.push(Line::styled("  (geen)", theme.muted()));
        }
        lines.extend(rijen.into_iter().map(Line::raw));
    };
    sectie(
        "Zoektermen zonder resultaat".into(),
        d.zonder_resultaat
            .iter()
            .map(|(q, n)| format!("  {n:>4}×  {q}"))
            .collect(),
        &mut lines,
    );
    sectie(
        "Meest gezocht".into(),
        d.meest_gezocht
            .iter()
            .map(|(q, n)| format!("  {n:>4}×  {q}"))
            .collect(),
        &mut lines,
    );
    sectie(
        "Meest geopend".into(),
        d.meest_geopend
            .iter()
            .map(|(id, n)| format!("  {n:>4}×  {}", titel(id)))
            .collect(),
        &mut lines,
    );
    let nooit: Vec<String> = kb
        .artikelen
        .iter()
        .filter(|a| !d.geopende_artikelen.contains(&a.id))
        .map(|a| format!("  {}", a.titel))
        .collect();
    sectie(
        format!("Nooit geopend ({})", nooit.len()),
        nooit,
        &mut lines,
    );
    sectie(
        format!("Meldingen voor de redactie ({})", d.meldingen.len()),
        d.meldingen
            .iter()
            .map(|m| {
                format!(
                    "  {}  {} · {}: {} ({})",
                    m.op.with_timezone(&chrono::Local).format("%d-%m %H:%M"),
                    titel(&m.artikel),
                    m.soort.label(),
                    m.toelichting,
                    m.medewerker
                )
            })
            .collect(),
        &mut lines,
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((v.scroll, 0)),
        area,
    );
}

/// The path taken so far and the current question with numbered keuzes (or the afhandeling the
/// walk ended on).
fn render_walk(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    a: &Artikel,
    boom: &crate::kennisbank::Beslisboom,
    walk: &crate::app::kennisbank::Walk,
    theme: &Theme,
) {
    let kop = vec![
        Line::styled(a.titel.clone(), theme.title()),
        Line::styled(
            "1-9 kiezen · Backspace stap terug · Esc sluiten",
            theme.muted(),
        ),
        Line::raw(""),
    ];
    // What to choose now comes first: on a deep walk the path gives way (its oldest steps
    // first), never the current question and its keuzes.
    let mut nu = Vec::new();
    if let Some(t) = &walk.einde {
        nu.push(Line::styled(
            "Afhandeling",
            theme.ok().add_modifier(Modifier::BOLD),
        ));
        nu.push(Line::raw(t.clone()));
    } else if let Some(k) = state.kennisbank.huidige_knoop() {
        nu.push(Line::styled(k.vraag.clone(), theme.title()));
        for (i, c) in k.keuzes.iter().enumerate() {
            nu.push(Line::from(vec![
                Span::styled(format!("  {} ", i + 1), theme.key()),
                Span::raw(c.tekst.clone()),
            ]));
        }
    }
    let mut pad: Vec<Line> = Vec::new();
    for (i, (k, c)) in walk.pad.iter().enumerate() {
        if let Some(knoop) = boom.knoop(k) {
            let antwoord = knoop.keuzes.get(*c).map_or("?", |x| x.tekst.as_str());
            pad.push(Line::from(vec![
                Span::styled(format!("{}. {} ", i + 1, knoop.vraag), theme.muted()),
                Span::styled(format!("→ {antwoord}"), theme.title()),
            ]));
        }
    }
    let breedte = usize::from(area.width.max(1));
    let rijen = |regels: &[Line]| -> usize {
        regels
            .iter()
            .map(|l| l.width().div_ceil(breedte).max(1))
            .sum()
    };
    let ruimte = usize::from(area.height)
        .saturating_sub(rijen(&kop) + rijen(&nu))
        .saturating_sub(usize::from(!pad.is_empty()));
    let mut vanaf = 0;
    while vanaf < pad.len() && rijen(&pad[vanaf..]) > ruimte {
        vanaf += 1;
    }
    // Room for the line that says steps are hidden.
    if vanaf > 0 && vanaf < pad.len() {
        vanaf += 1;
    }
    let mut lines = kop;
    if vanaf > 0 {
        lines.push(Line::styled(
            format!("… {} eerdere stappen", vanaf.min(pad.len())),
            theme.muted(),
        ));
    }
    let getoond = pad.len().saturating_sub(vanaf);
    lines.extend(pad.into_iter().skip(vanaf));
    if getoond > 0 || vanaf > 0 {
        lines.push(Line::raw(""));
    }
    lines.extend(nu);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// The titles of the related articles (search them to open one).
fn zie_ook(kb: &crate::kennisbank::Kennisbank, a: &Artikel) -> Vec<String> {
    a.gerelateerd
        .iter()
        .map(|id| kb.artikel(id).map_or(id.clone(), |g| g.titel.clone()))
        .collect()
}

fn render_artikel(
    frame: &mut Frame,
    area: Rect,
    a: &Artikel,
    via: Option<String>,
    zie_ook: &[String],
    scroll: u16,
    theme: &Theme,
) {
    let mut lines = Vec::new();
    if let Some(b) = via {
        lines.push(Line::styled(
            format!("Via {b} (Backspace: terug in de beslisboom)"),
            theme.muted(),
        ));
    }
    lines.extend([
        Line::styled(a.titel.clone(), theme.title()),
        Line::styled(
            format!("{} · {} · {}", a.soort, a.afdeling, a.knip),
            theme.muted(),
        ),
        Line::from(vec![
            Span::styled("Afhandeling: ", theme.title()),
            Span::raw(a.afhandeling.clone()),
        ]),
    ]);
    if let Some(k) = &a.kosten {
        lines.push(Line::from(vec![
            Span::styled("Kosten: ", theme.title()),
            Span::raw(k.clone()),
        ]));
    }
    if let Some(d) = &a.doorlooptijd {
        lines.push(Line::from(vec![
            Span::styled("Doorlooptijd: ", theme.title()),
            Span::raw(d.clone()),
        ]));
    }
    if !a.meenemen.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Meenemen: ", theme.title()),
            Span::raw(a.meenemen.join("; ")),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("ANTWOORD (voor de klant)", theme.title()));
    lines.extend(a.antwoord.lines().map(|l| Line::raw(l.to_string())));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "ONDERWATERTEKST — alleen voor medewerkers, niet voorlezen",
        theme
            .warning()
            .add_modifier(Modifier::BOLD | Modifier::REVERSED),
    ));
    // Pre-wrapped, so every line of the staff-only text keeps its bar.
    let breedte = usize::from(area.width.saturating_sub(2)).max(10);
    lines.extend(
        a.onderwatertekst
            .lines()
            .flat_map(|l| crate::ui::format::wrap(l, breedte))
            .map(|l| Line::styled(format!("│ {l}"), theme.warning())),
    );
    if !zie_ook.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Zie ook: {}", zie_ook.join(" · ")),
            theme.muted(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
