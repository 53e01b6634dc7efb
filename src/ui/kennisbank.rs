//! Pane "Kennisbank": search as you type, the hits, and the open article with its Antwoord (for
//! the klant) and its Onderwatertekst (staff only, marked as such).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::Theme;
use crate::app::{Pane, State};
use crate::kennisbank::Artikel;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let kbp = &state.kennisbank;
    let Some(kb) = &kbp.kb else {
        frame.render_widget(
            Paragraph::new(Line::styled("Kennisbank wordt geladen…", theme.muted())),
            area,
        );
        return;
    };
    if let Some(a) = kbp.open.as_deref().and_then(|id| kb.artikel(id)) {
        if let (Some(walk), Some(boom)) = (&kbp.walk, &a.beslisboom) {
            render_walk(frame, area, state, a, boom, walk, theme);
            return;
        }
        let via = kbp
            .walk
            .as_ref()
            .and_then(|w| kb.artikel(&w.boom))
            .map(|b| b.titel.clone());
        render_artikel(frame, area, a, via, kbp.scroll, theme);
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
                format!("{}{cursor}", kbp.query),
                theme.title().add_modifier(Modifier::UNDERLINED),
            ),
        ])),
        input,
    );
    let info_line = if kbp.query.trim().is_empty() {
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
        Line::styled(format!("{} gevonden", kbp.treffers.len()), theme.muted())
    };
    frame.render_widget(Paragraph::new(info_line), info);
    let items: Vec<ListItem> = kbp
        .treffers
        .iter()
        .filter_map(|id| kb.artikel(id))
        .map(|a| {
            let bron = state.contact_bronnen.contains(&a.id);
            ListItem::new(Line::from(vec![
                Span::styled(a.titel.clone(), theme.title()),
                Span::styled(format!("  {} · {}", a.soort, a.knip), theme.muted()),
                Span::styled(if bron { "  ✓ geraadpleegd" } else { "" }, theme.ok()),
            ]))
        })
        .collect();
    let focused = state.focus == Pane::Kennisbank;
    let mut ls = ListState::default().with_selected(focused.then_some(kbp.selected));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_symbol("▶ ")
            .highlight_style(theme.title().add_modifier(Modifier::REVERSED)),
        list,
        &mut ls,
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
    let mut lines = vec![
        Line::styled(a.titel.clone(), theme.title()),
        Line::styled(
            "1-9 kiezen · Backspace stap terug · Esc sluiten",
            theme.muted(),
        ),
        Line::raw(""),
    ];
    for (i, (k, c)) in walk.pad.iter().enumerate() {
        if let Some(knoop) = boom.knoop(k) {
            let antwoord = knoop.keuzes.get(*c).map_or("?", |x| x.tekst.as_str());
            lines.push(Line::from(vec![
                Span::styled(format!("{}. {} ", i + 1, knoop.vraag), theme.muted()),
                Span::styled(format!("→ {antwoord}"), theme.title()),
            ]));
        }
    }
    if !walk.pad.is_empty() {
        lines.push(Line::raw(""));
    }
    if let Some(t) = &walk.einde {
        lines.push(Line::styled(
            "Afhandeling",
            theme.ok().add_modifier(Modifier::BOLD),
        ));
        lines.push(Line::raw(t.clone()));
    } else if let Some(k) = state.kennisbank.huidige_knoop() {
        lines.push(Line::styled(k.vraag.clone(), theme.title()));
        for (i, c) in k.keuzes.iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", i + 1), theme.key()),
                Span::raw(c.tekst.clone()),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn render_artikel(
    frame: &mut Frame,
    area: Rect,
    a: &Artikel,
    via: Option<String>,
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
    lines.extend(
        a.onderwatertekst
            .lines()
            .map(|l| Line::styled(format!("│ {l}"), theme.warning())),
    );
    if !a.gerelateerd.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Zie ook: {}", a.gerelateerd.join(", ")),
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
