//! The telephone queue at the top of the Wachtrij pane (summary line and the waiting callers),
//! the agent's state for the status bar, and the pause and transfer pickers.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap,
};

use chrono::{DateTime, Utc};

use super::Telefonie;
use crate::app::State;
use crate::domain::telefonie::{AgentStatus, Oordeel, PAUZE_REDENEN};
use crate::ui::{Theme, centered};

/// mm:ss (or h:mm:ss).
pub fn duur(s: i64) -> String {
    let s = s.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// The moment the times are shown at: the desk's clock (it ticks every second) or the call
/// source's, whichever is later, so waiting, talk and nawerk times run on without events.
pub fn nu(state: &State) -> DateTime<Utc> {
    state.telefonie.nu.max(state.now.with_timezone(&Utc))
}

/// The line shown while there is no connection with the PBX: why, and in how many seconds
/// the next attempt is made (counted from `nu`, so it counts down as the clock ticks).
pub fn verbinding_tekst(t: &Telefonie, nu: DateTime<Utc>) -> String {
    match &t.geen_verbinding {
        None => "Telefonie: verbinden met de centrale…".into(),
        Some(g) => {
            let ms = (g.opnieuw_op - nu).num_milliseconds();
            let poging = if ms <= 0 {
                "nieuwe poging loopt".to_string()
            } else {
                format!("nieuwe poging over {} s", ms.saturating_add(999) / 1000)
            };
            format!(
                "Telefonie: geen verbinding met de centrale ({}); {poging}",
                g.reden
            )
        }
    }
}

/// In a narrow pane (the four-pane view at 80 columns) the summary takes two lines.
fn smal(breedte: u16) -> bool {
    breedte < 56
}

/// Rows the queue needs in the pane: summary plus callers (at most `max`).
pub fn hoogte(state: &State, max: u16, breedte: u16) -> u16 {
    let t = &state.telefonie;
    if !t.actief {
        return 1;
    }
    if !t.verbonden {
        // The reason and the countdown, wrapped in a narrow pane; the rest works on below.
        let tekst = verbinding_tekst(t, nu(state)).chars().count() as u16;
        let regels = tekst.div_ceil(breedte.max(20)) + 1;
        return regels.min(max.max(1));
    }
    let kop = if smal(breedte) { 2 } else { 1 };
    kop + (t.wachtenden.len() as u16).min(max.saturating_sub(kop))
}

pub fn render_wachtrij(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let t = &state.telefonie;
    if !t.actief {
        frame.render_widget(
            Paragraph::new(Line::styled("Nog geen telefonie gekoppeld.", theme.muted())),
            area,
        );
        return;
    }
    let nu = nu(state);
    if !t.verbonden {
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(format!("✖ {}", verbinding_tekst(t, nu)), theme.error()),
                Line::styled("De rest van de desk werkt door.", theme.muted()),
            ])
            .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let langste = t.langste_wacht(nu);
    let mut samenvatting = vec![Span::styled(
        format!("☎ {} wachtend", t.wachtenden.len()),
        theme.title(),
    )];
    if let Some(l) = langste {
        let o = Oordeel::van(l, t.norm_s);
        samenvatting.push(Span::raw(" · langste "));
        samenvatting.push(Span::styled(
            format!("{} {}", duur(l), o.symbool()),
            theme.oordeel(o),
        ));
    }
    samenvatting.push(Span::raw(" · SL "));
    // The same figure as the floor and the report (domain::kpi), judged by the same norm.
    let normen = &state.normen;
    match t.kpi(normen).servicelevel {
        Some(sl) => {
            let o = if sl >= normen.servicelevel_pct {
                Oordeel::Goed
            } else if sl >= normen.servicelevel_pct - 10.0 {
                Oordeel::Let
            } else {
                Oordeel::Te
            };
            samenvatting.push(Span::styled(
                format!("{sl:.0}% {}", o.symbool()),
                theme.oordeel(o),
            ));
        }
        None => samenvatting.push(Span::styled("-", theme.muted())),
    }
    samenvatting.push(Span::styled(
        format!(" ≤{}s", normen.telefoon_s),
        theme.muted(),
    ));
    let sl = samenvatting.iter().position(|s| s.content == " · SL ");
    let mut lines = match sl {
        Some(i) if smal(area.width) => {
            // Wachtend and langste on one line, the service level below.
            let mut rest = samenvatting.split_off(i);
            rest[0] = Span::raw("  SL ");
            vec![Line::from(samenvatting), Line::from(rest)]
        }
        _ => vec![Line::from(samenvatting)],
    };
    // The keuzemenu column: wide enough for the longest option when there is room.
    let k = if area.width >= 70 { 24 } else { 13 };
    let mut wachtenden: Vec<_> = t.wachtenden.iter().collect();
    wachtenden.sort_by_key(|w| w.sinds);
    for (i, w) in wachtenden.iter().enumerate() {
        let s = (nu - w.sinds).num_seconds().max(0);
        let o = Oordeel::van(s, t.norm_s);
        let aangeboden = t.aangeboden.as_deref() == Some(w.id.as_str());
        let mut spans = vec![
            Span::styled(
                format!("{}{:>2} ", if aangeboden { "☎" } else { " " }, i + 1),
                theme.muted(),
            ),
            Span::styled(format!("{} {} ", duur(s), o.symbool()), theme.oordeel(o)),
            // Terugvalverkeer: a department did not answer; marked up front, never cut off.
            Span::styled(if w.terugval { "↩ " } else { "  " }, theme.warning()),
            Span::raw(format!(
                "{:<k$}",
                w.keuze.chars().take(k).collect::<String>()
            )),
            Span::raw(format!(" {}", w.nummer)),
        ];
        if let Some((_, naam)) = t.beller(&w.nummer) {
            spans.push(Span::styled(format!("  {naam}"), theme.title()));
        }
        if w.terugval && area.width >= 90 {
            spans.push(Span::styled("  (terugval)", theme.warning()));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The agent's state for the status bar: "☎ beschikbaar 02:13", with talk or nawerk time.
pub fn status_tekst(state: &State) -> Option<(String, bool)> {
    let t = &state.telefonie;
    if !t.actief {
        return None;
    }
    let nu = nu(state);
    if !t.verbonden && t.gesprek.is_none() {
        return Some(("☎ geen verbinding met de centrale".into(), true));
    }
    Some(match (t.status, &t.gesprek) {
        (_, Some(g)) => {
            let mut s = format!(
                "☎ in gesprek {}{}",
                duur((nu - g.aangenomen_op).num_seconds()),
                if t.verbonden {
                    ""
                } else {
                    " (geen verbinding)"
                }
            );
            if let Some(naar) = &g.doorverbinden {
                s.push_str(&format!(" → {naar}…"));
            } else if g.in_wacht {
                s.push_str(" (wacht)");
            }
            (s, false)
        }
        (AgentStatus::Nawerk, None) => {
            let te_lang = t.nawerk_te_lang(nu);
            (
                format!(
                    "☎ nawerk {}{}",
                    duur(t.in_status(nu)),
                    if te_lang { " ⚠ te lang" } else { "" }
                ),
                te_lang,
            )
        }
        (AgentStatus::Pauze, None) => (
            format!(
                "☎ pauze{} {}",
                t.pauze_reden
                    .as_ref()
                    .map_or(String::new(), |r| format!(" ({r})")),
                duur(t.in_status(nu))
            ),
            false,
        ),
        (s, None) if t.aangeboden.is_some() => (format!("☎ {} · GAAT OVER (F6)", s.label()), true),
        (s, None) => (format!("☎ {} {}", s.label(), duur(t.in_status(nu))), false),
    })
}

pub fn render_pauze(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines = vec![Line::raw("Waarom pauze?")];
    for (i, r) in PAUZE_REDENEN.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", i + 1), theme.key()),
            Span::raw(*r),
        ]));
    }
    lines.push(Line::styled("Esc: geen pauze", theme.muted()));
    let rect = centered(area, 30, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_type(BorderType::Double)
                .title(" Pauze "),
        ),
        rect,
    );
}

pub fn render_doorverbinden(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(k) = &state.telefonie.doorverbind_keuze else {
        return;
    };
    let doelen = crate::app::doorverbind_doelen(state);
    let items: Vec<ListItem> = doelen
        .iter()
        .map(|(naam, aanwezig, toelichting)| {
            use crate::domain::Aanwezigheid as A;
            let (tekst, stijl) = match aanwezig.as_str() {
                "afdeling" => ("▣ afdeling    ".to_string(), theme.title()),
                "afdeling_bezet" => ("▣ afdeling    ".to_string(), theme.warning()),
                anders => {
                    // The same words as the contactverzoek's picker (one source).
                    let a = A::lees(anders).unwrap_or(A::Afwezig);
                    let (teken, stijl) = match a {
                        A::Beschikbaar => ("●", theme.ok()),
                        A::InGesprek | A::Thuiswerk => ("◐", theme.warning()),
                        _ => ("○", theme.error()),
                    };
                    (format!("{teken} {:<12}", a.label()), stijl)
                }
            };
            ListItem::new(Line::from(vec![
                Span::raw(format!(
                    "{:<26} ",
                    naam.chars().take(26).collect::<String>()
                )),
                Span::styled(tekst, stijl),
                Span::styled(format!(" {toelichting}"), theme.muted()),
            ]))
        })
        .collect();
    let h = (area.height.saturating_sub(4)).min(doelen.len() as u16 + 3);
    let rect = centered(area, 76, h);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .title(if k.filter.is_empty() {
            " Warm doorverbinden: typ om te zoeken · Enter · Ctrl-E erachter · Esc ".to_string()
        } else {
            format!(
                " Zoek: {} · Enter · Ctrl-E erachter · Esc ",
                crate::ui::format::met_cursor(&k.filter)
            )
        });
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut ls = ListState::default().with_selected(Some(k.selected.index()));
    frame.render_stateful_widget(
        List::new(items).highlight_symbol("▶ ").highlight_style(
            theme
                .title()
                .add_modifier(ratatui::style::Modifier::REVERSED),
        ),
        inner,
        &mut ls,
    );
}
