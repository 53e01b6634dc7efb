//! Pane "Wachtrij": until telephony is connected it says so; below that, the work that waits:
//! the sync's meldingen (what the medewerker must act on, `app/meldingen/`), and the
//! contactverzoeken, overdue ones first, with one request's logboek and the result form.

use chrono::{Local, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::{Theme, db_wait_line, format, label_value};
use crate::app::features::meldingen::view as meldingen;
use crate::app::{Pane, State};
use crate::domain::contact::{LogRegel, RESULTATEN, VerzoekRegel};

fn moment(t: chrono::DateTime<Utc>) -> String {
    let l = t.with_timezone(&Local);
    format!(
        "{} {}",
        format::weekdag_kort(chrono::Datelike::weekday(&l)),
        l.format("%d-%m %H:%M")
    )
}

fn te_laat(r: &VerzoekRegel, state: &State) -> bool {
    r.status == "te_verwerken" && r.uiterlijk_op < state.now.with_timezone(&Utc)
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    // The callers waiting take what they need, leaving the contactverzoeken at least a third.
    let head_h = super::telefonie::hoogte(state, area.height.saturating_mul(2) / 3, area.width);
    let [head, rest] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Min(0)]).areas(area);
    super::telefonie::render_wachtrij(frame, head, state, theme);
    if let Some(line) = db_wait_line(state, theme) {
        frame.render_widget(Paragraph::new(line), rest);
        return;
    }
    // The sync's meldingen: open, the list takes the pane; closed, a short block on top (on a
    // small pane only its count line).
    if state.features.meldingen.open {
        meldingen::render(frame, rest, state, theme);
        return;
    }
    let blok = meldingen::blok_hoogte(state, rest.width);
    let blok = if rest.height >= blok + 4 {
        blok
    } else {
        blok.min(1)
    };
    let [blok_area, rest] =
        Layout::vertical([Constraint::Length(blok), Constraint::Min(0)]).areas(rest);
    if blok > 0 {
        meldingen::render_blok(frame, blok_area, state, theme);
    }
    let v = &state.verzoeken;
    if let Some((r, log)) = &v.detail {
        render_detail(frame, rest, state, r, log, theme);
        return;
    }
    let focused = state.focus == Pane::Wachtrij;
    let mut header = vec![Line::styled(
        format!(
            "Contactverzoeken {}: {}{}",
            v.filter.label(),
            v.regels.len(),
            if v.regels.len() >= crate::domain::contact::MAX_LIJST {
                "+"
            } else {
                ""
            }
        ),
        theme.title(),
    )];
    if v.zoeken || !v.zoek.is_empty() {
        header.push(Line::from(vec![
            Span::raw("Zoek: "),
            Span::styled(
                if v.zoeken {
                    format::met_cursor(&v.zoek)
                } else {
                    v.zoek.to_string()
                },
                theme.title().add_modifier(Modifier::UNDERLINED),
            ),
        ]));
    } else {
        let mut spans = Vec::new();
        let late = v.regels.iter().filter(|r| te_laat(r, state)).count();
        if late > 0 {
            spans.push(Span::styled(
                format!("! {} te laat  ", format::getal(late as i64)),
                theme.error(),
            ));
        }
        if focused {
            spans.push(Span::styled(
                "f filter · z zoek · a afhandelen",
                theme.muted(),
            ));
        }
        header.push(Line::from(spans));
    }
    let [h, list] =
        Layout::vertical([Constraint::Length(header.len() as u16), Constraint::Min(0)]).areas(rest);
    frame.render_widget(Paragraph::new(header), h);
    if v.regels.is_empty() {
        let geen_afdeling = v.filter == crate::domain::contact::Filter::MijnAfdeling
            && state
                .session
                .medewerker
                .as_ref()
                .is_none_or(|m| m.afdeling.is_none());
        let text = if geen_afdeling {
            "Geen afdeling ingesteld: zet afdeling = \"...\" onder [medewerker] in config.toml, of kies met f een ander filter."
        } else {
            "Geen contactverzoeken."
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.muted())).wrap(Wrap { trim: true }),
            list,
        );
        return;
    }
    let items: Vec<ListItem> = v
        .regels
        .iter()
        .map(|r| {
            let late = te_laat(r, state);
            ListItem::new(Line::from(vec![
                Span::styled(
                    if late { "! " } else { "  " },
                    if late { theme.error() } else { theme.muted() },
                ),
                Span::styled(
                    moment(r.uiterlijk_op),
                    if late { theme.error() } else { theme.muted() },
                ),
                Span::styled(
                    format!("  {}", r.klant.as_deref().unwrap_or("anoniem")),
                    theme.title(),
                ),
                Span::raw(format!(
                    "  {}  → {}  {}",
                    r.telefoon.as_deref().or(r.email.as_deref()).unwrap_or("-"),
                    r.aan,
                    r.resultaat.as_deref().unwrap_or(&r.handeling)
                )),
            ]))
        })
        .collect();
    let mut ls = ListState::default().with_selected(focused.then_some(v.selected.index()));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_symbol("▶")
            .highlight_style(theme.title().add_modifier(Modifier::REVERSED)),
        list,
        &mut ls,
    );
}

fn render_detail(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    r: &VerzoekRegel,
    log: &[LogRegel],
    theme: &Theme,
) {
    let late = te_laat(r, state);
    let mut lines = vec![
        Line::styled(
            format!(
                "Contactverzoek: {} — {}",
                r.handeling,
                r.klant.as_deref().unwrap_or("anoniem")
            ),
            theme.title(),
        ),
        label_value("Aan:", r.aan.clone(), theme.title()),
        label_value(
            "Uiterlijk:",
            format!(
                "{}{}",
                moment(r.uiterlijk_op),
                if late { "  ! TE LAAT" } else { "" }
            ),
            if late { theme.error() } else { theme.ok() },
        ),
        label_value("Status:", r.status.replace('_', " "), theme.title()),
        label_value(
            "Telefoon:",
            r.telefoon.clone().unwrap_or_else(|| "-".into()),
            theme.title(),
        ),
        label_value(
            "E-mail:",
            r.email.clone().unwrap_or_else(|| "-".into()),
            theme.title(),
        ),
        label_value("Toelichting:", r.toelichting.clone(), theme.title()),
        Line::styled("Logboek", theme.title()),
    ];
    for l in log {
        lines.push(Line::raw(format!(
            "  {}  {}: {}{}",
            l.op.with_timezone(&Local).format("%d-%m-%Y %H:%M"),
            l.medewerker,
            l.actie,
            l.toelichting
                .as_deref()
                .map(|t| format!(" — {t}"))
                .unwrap_or_default()
        )));
    }
    if log.is_empty() {
        lines.push(Line::styled("  (nog geen regels)", theme.muted()));
    }
    if let Some(a) = &state.verzoeken.afhandelen {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("Resultaat: ", theme.title()),
            Span::styled("◀ ", theme.key()),
            Span::styled(RESULTATEN[a.resultaat].0, theme.title()),
            Span::styled(" ▶", theme.key()),
        ]));
        lines.push(Line::from(vec![
            Span::styled("Toelichting: ", theme.title()),
            Span::styled(
                format::met_cursor(&a.toelichting),
                theme.title().add_modifier(Modifier::UNDERLINED),
            ),
        ]));
        lines.push(Line::styled(
            if state.verzoeken.bezig {
                "Bezig met opslaan…"
            } else {
                "Enter opslaan · Esc annuleren"
            },
            theme.muted(),
        ));
    } else if r.status == "te_verwerken" {
        lines.push(Line::styled(
            "a resultaat vastleggen · Esc terug",
            theme.muted(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
