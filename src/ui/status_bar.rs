//! The top bar: gemeente, medewerker and role, desk id, sync state and the clock. One line when it
//! fits, two on narrow terminals, so nothing is cut off.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, format};
use crate::app::State;

fn left<'a>(state: &'a State, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::raw(" "), Span::raw(state.gemeente())];
    if let Some(t) = &state.training {
        let (klaar, alle) = t.voortgang();
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" TRAINING {klaar}/{alle} "),
            theme.training(),
        ));
    } else if state.session.demo {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" DEMO ", theme.demo()));
    }
    spans.push(Span::raw(" │ "));
    match &state.session.medewerker {
        Some(m) => {
            // A very long name must not push the role off the bar.
            let naam: String = if m.naam.chars().count() > 32 {
                format!("{}…", m.naam.chars().take(31).collect::<String>())
            } else {
                m.naam.clone()
            };
            // The role as the authority gave it (beheerder, privacy included); offline
            // sign-ins say so.
            let (rol, offline) = match &state.aanmelden.wie {
                Some(w) => (
                    w.rol.as_str().to_string(),
                    w.wijze == crate::identiteit::aanmelden::Wijze::Offline,
                ),
                None => (m.rol.to_string(), false),
            };
            spans.push(Span::raw(format!("{naam} ({rol})")));
            if offline {
                spans.push(Span::styled(" offline aangemeld", theme.error()));
            }
        }
        None => spans.push(Span::raw("nog niet aangemeld")),
    }
    Line::from(spans)
}

/// The telephone state ("☎ beschikbaar 02:13"), emphasised when it needs attention.
fn telefoon(state: &State, theme: &Theme) -> Option<Span<'static>> {
    let (tekst, let_op) = super::telefonie::status_tekst(state)?;
    Some(Span::styled(
        format!(" {tekst} "),
        if let_op { theme.error() } else { theme.title() },
    ))
}

fn actueel(state: &State) -> String {
    let n = state
        .kennisbank
        .kb
        .as_ref()
        .map_or(0, |kb| kb.actueel(state.now.date_naive()).count());
    match n {
        0 => String::new(),
        1 => "⚑ 1 actueel bericht (F3) │ ".to_string(),
        n => format!("⚑ {n} actuele berichten (F3) │ "),
    }
}

fn desk(state: &State) -> String {
    let desk = state.session.desk_id.simple().to_string();
    format!("desk {}", &desk[..8])
}

fn right(state: &State) -> Line<'static> {
    Line::from(rechts(state, true, usize::MAX))
}

/// The right half (with or without the actueel note) in at most `max` columns: whole when it
/// fits, else without the desk id, else with the sync state cut (its most important facts
/// come first, so the end is what goes).
fn rechts(state: &State, met_actueel: bool, max: usize) -> String {
    let actueel = if met_actueel {
        actueel(state)
    } else {
        String::new()
    };
    let (klok, sync) = (format::klok(state.now), state.sync_tekst());
    let heel = format!("{actueel}{} │ ● {sync} │ {klok} ", desk(state));
    if heel.chars().count() <= max {
        return heel;
    }
    let rest = format!("{actueel}●  │ {klok} ").chars().count();
    let ruimte = max.saturating_sub(rest).max(12);
    let sync = if sync.chars().count() <= ruimte {
        sync
    } else {
        let kort: String = sync.chars().take(ruimte - 1).collect();
        format!("{}…", kort.trim_end())
    };
    format!("{actueel}● {sync} │ {klok} ")
}

/// Rows the bar needs at `width`: 1 when both halves fit side by side, else 2.
pub fn height(state: &State, width: u16) -> u16 {
    let theme = Theme { color: false };
    let tel = telefoon(state, &theme).map_or(0, |s| s.width() + 3);
    let need = left(state, &theme).width() + tel + right(state).width() + 1;
    if need <= width as usize { 1 } else { 2 }
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let style = theme.status_bar();
    let breed = area.width as usize;
    let mut l = left(state, theme);
    if area.height >= 2 {
        // Two lines: who and the telephone state on top, the rest right-aligned below; on a
        // narrow screen the telephone state goes first on the second line, so it is never cut.
        let tel = telefoon(state, theme);
        let top_fits = tel
            .as_ref()
            .is_none_or(|t| l.width() + t.width() + 3 <= breed);
        let mut r = Line::from(rechts(state, true, breed));
        match tel {
            Some(t) if top_fits => {
                l.spans.push(Span::raw(" │"));
                l.spans.push(t);
            }
            Some(t) => {
                let rest = rechts(state, false, breed.saturating_sub(t.width() + 1));
                let gap = breed.saturating_sub(t.width() + rest.chars().count());
                r = Line::from(vec![t, Span::raw(" ".repeat(gap.max(1))), Span::raw(rest)]);
            }
            None => {}
        }
        let r = if r.spans.len() > 1 {
            r
        } else {
            r.alignment(Alignment::Right)
        };
        frame.render_widget(Paragraph::new(vec![l, r]).style(style), area);
    } else {
        if let Some(t) = telefoon(state, theme) {
            l.spans.push(Span::raw(" │"));
            l.spans.push(t);
        }
        frame.render_widget(Paragraph::new(l).style(style), area);
        frame.render_widget(
            Paragraph::new(right(state))
                .alignment(Alignment::Right)
                .style(style),
            area,
        );
    }
}
