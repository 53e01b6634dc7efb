//! Drawing. `draw` is a pure function of the state: it reads, never changes, and does no I/O.
//! The desk's layout, the panes' frames and the overlays' order live here; each feature draws its
//! own part in its folder (`app/<feature>/view.rs`).

use crate::app::afspraken::view as afspraken;
pub(crate) mod confirm_quit;
pub mod format;
mod help;
use crate::app::kennisbank::view as kennisbank;
use crate::app::klantgeleiding::view as klantgeleiding;
pub mod oproepscherm;
use crate::app::profile_form::view as profile_form;
use crate::app::registratie::view as registratie;
mod status_bar;
use crate::app::telefonie::view as telefonie;
mod theme;
use crate::app::training::view as training;
pub use crate::app::vloer::view as vloer;
mod wachtrij;
use crate::app::zaak_klant::view as zaak_klant;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use crate::app::overlay::Overlay;
use crate::app::{DbState, Pane, State};
pub use theme::Theme;

/// The smallest terminal loket draws its desk in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Shown instead of the desk when the terminal is smaller than 80x24.
pub const TOO_SMALL: &str = "Venster te klein (minimaal 80x24)";

pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = vec![
            Line::from(TOO_SMALL),
            Line::from(format!("nu {}x{} · q stoppen", area.width, area.height)),
        ];
        let y = area.height.saturating_sub(2) / 2;
        let rect = Rect::new(area.x, area.y + y, area.width, area.height.min(2));
        frame.render_widget(
            Paragraph::new(text)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            rect,
        );
        return;
    }
    // Nobody signed in, or locked: the sign-in screen alone, nothing of the desk behind it.
    if !state.aanmelden.open() {
        crate::app::aanmelden::view::render(frame, state, theme);
        return;
    }
    // The contact in hand has a line of its own above the hints.
    let contact_regel = u16::from(state.contact.is_some());
    let [top, body, contact, bottom] = Layout::vertical([
        Constraint::Length(status_bar::height(state, area.width)),
        Constraint::Min(0),
        Constraint::Length(contact_regel),
        Constraint::Length(1),
    ])
    .areas(area);
    status_bar::render(frame, top, state, theme);
    // Training: what the klant of the case at hand says, above the panes.
    let body = match &state.training {
        Some(t) if training::hoogte(t) > 0 && body.height > 12 => {
            let [woorden, rest] =
                Layout::vertical([Constraint::Length(training::hoogte(t)), Constraint::Min(0)])
                    .areas(body);
            let beschikbaar =
                state.telefonie.status == crate::domain::telefonie::AgentStatus::Beschikbaar;
            training::render_woorden(frame, woorden, t, beschikbaar, theme);
            rest
        }
        _ => body,
    };
    match (&state.vloer, state.vloer_open) {
        (Some(v), true) => vloer::render(
            frame,
            body,
            v,
            &state.normen,
            &state.vloer_weergave,
            state.gemeente(),
            state.now.with_timezone(&chrono::Utc),
            theme,
        ),
        (None, true) => frame.render_widget(Paragraph::new("Vloer laden…"), body),
        _ => draw_body(frame, body, state, theme),
    }
    if let Some(c) = &state.contact {
        frame.render_widget(
            Paragraph::new(Line::styled(
                c.regel_past(usize::from(contact.width)),
                theme.title(),
            )),
            contact,
        );
    }
    draw_bottom(frame, bottom, state, theme);

    // The overlays from the bottom up, as the keys see them (the top one takes the keys). The
    // floor view is drawn as the body: what lies under it is not drawn.
    let stapel = state.overlays();
    let vanaf = stapel
        .iter()
        .rposition(|o| *o == Overlay::Vloer)
        .map_or(0, |i| i + 1);
    for o in &stapel[vanaf..] {
        match o {
            Overlay::Pauze => telefonie::render_pauze(frame, body, theme),
            Overlay::Doorverbinden => telefonie::render_doorverbinden(frame, body, state, theme),
            Overlay::Profiel => {
                if let Some(form) = &state.profile_form {
                    profile_form::render(frame, body, form, theme);
                }
            }
            Overlay::Registratie => {
                if let Some(r) = &state.registratie {
                    registratie::render(frame, body, state, r, theme);
                }
            }
            Overlay::Afspraak => {
                if let Some(f) = &state.afspraak {
                    afspraken::render(frame, body, f, theme);
                }
            }
            Overlay::Vloer => {}
            Overlay::TrainingBeoordeling => {
                if let Some(t) = &state.training {
                    training::render_beoordeling(frame, body, t, theme);
                }
            }
            Overlay::Concept => {
                if let Some(r) = &state.concept_aanbod {
                    registratie::render_concept(frame, body, r, theme);
                }
            }
            Overlay::Annuleren => registratie::render_cancel(frame, body, theme),
            Overlay::Fout => {
                if let DbState::Failed(msg) = &state.db {
                    // Nothing can be saved: the error covers every form.
                    draw_fatal(frame, body, msg, theme);
                }
            }
            Overlay::Help => {
                if let Some(offset) = state.help {
                    help::render(frame, body, offset, theme);
                }
            }
            Overlay::Stoppen => confirm_quit::render(frame, body, state, theme),
            Overlay::Feature(naam) => {
                if let Some(f) = crate::app::features::feature(naam) {
                    (f.teken)(frame, body, state, theme);
                }
            }
        }
    }
}

fn draw_body(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if state.zoomed {
        draw_pane(frame, area, state.focus, state, theme);
        return;
    }
    let rows = Layout::vertical([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).split(area);
    for (r, row) in rows.iter().enumerate() {
        let cols =
            Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).split(*row);
        for (c, col) in cols.iter().enumerate() {
            draw_pane(frame, *col, Pane::ALL[r * 2 + c], state, theme);
        }
    }
}

fn draw_pane(frame: &mut Frame, area: Rect, pane: Pane, state: &State, theme: &Theme) {
    let focused = pane == state.focus;
    let mut block = pane_block(pane, focused, theme);
    // The Wachtrij names how many sync meldingen wait to be handled.
    if pane == Pane::Wachtrij
        && let Some(n) = crate::app::features::meldingen::view::in_titel(state)
    {
        block = block.title(Line::styled(format!(" {n} "), theme.error()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match pane {
        Pane::Wachtrij => wachtrij::render(frame, inner, state, theme),
        Pane::Klantgeleiding => klantgeleiding::render(frame, inner, state, theme),
        Pane::Kennisbank => kennisbank::render(frame, inner, state, theme),
        Pane::ZaakKlant => zaak_klant::render(frame, inner, state, theme),
    }
}

/// The frame of a pane: title with its function key; the focused pane has a thick border and a
/// ▶ marker, so focus is visible without colour.
fn pane_block(pane: Pane, focused: bool, theme: &Theme) -> Block<'static> {
    let marker = if focused { "▶ " } else { "  " };
    let title = Line::from(vec![
        Span::raw(marker),
        Span::styled(pane.title(), theme.title()),
        Span::styled(format!(" [F{}]", pane.number()), theme.muted()),
        Span::raw(" "),
    ]);
    Block::default()
        .borders(Borders::ALL)
        .padding(ratatui::widgets::Padding::horizontal(1))
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.border()
        })
        .title(title)
}

/// The honest empty state of a pane a later version fills, plus real figures where there are any.
pub(crate) fn empty_state<'a>(
    headline: &'a str,
    facts: Vec<Line<'a>>,
    theme: &Theme,
) -> Paragraph<'a> {
    let mut lines = vec![Line::styled(headline, theme.muted()), Line::raw("")];
    lines.extend(facts);
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// A line for the panes while the database is still opening or failed.
pub(crate) fn db_wait_line<'a>(state: &State, theme: &Theme) -> Option<Line<'a>> {
    match &state.db {
        DbState::Opening if state.session.demo => Some(Line::styled(
            "Demodatabase wordt aangemaakt…",
            theme.muted(),
        )),
        DbState::Opening => Some(Line::styled("Database wordt geopend…", theme.muted())),
        DbState::Failed(_) => Some(Line::styled("Database niet beschikbaar", theme.error())),
        DbState::Ready if state.overview.is_none() => {
            Some(Line::styled("Gegevens worden geladen…", theme.muted()))
        }
        DbState::Ready => None,
    }
}

fn draw_bottom(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let line = if let Some(n) = &state.notice {
        Line::styled(
            n.text.clone(),
            if n.is_error {
                theme.error()
            } else {
                theme.ok()
            },
        )
    } else {
        let mut spans = Vec::new();
        for (k, what) in crate::app::keymap::hints(state.mode()) {
            spans.push(Span::styled(k, theme.key()));
            spans.push(Span::raw(format!(" {what}  ")));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub(crate) fn draw_fatal(frame: &mut Frame, area: Rect, msg: &str, theme: &Theme) {
    let rect = centered(area, 72, 10);
    frame.render_widget(ratatui::widgets::Clear, rect);
    let text = vec![
        Line::styled("De database kan niet worden geopend", theme.error()),
        Line::raw(""),
        Line::raw(msg.to_string()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("q", theme.key()),
            Span::raw(" afsluiten"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .padding(ratatui::widgets::Padding::horizontal(1))
                .border_type(BorderType::Double)
                .border_style(theme.error())
                .title(" Fout "),
        ),
        rect,
    );
}

/// A rectangle of at most `w` x `h` in the middle of `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Width of the label column in the panes' fact lists.
const LABEL_WIDTH: usize = 25;

pub(crate) fn label_value<'a>(label: &'a str, value: String, style: Style) -> Line<'a> {
    Line::from(vec![
        Span::raw(format!("{label:<LABEL_WIDTH$}")),
        Span::styled(value, style),
    ])
}

/// A box in the middle of `area` (a form or a picker over a pane): cleared, double-bordered,
/// `breedte` wide and `hoogte` high at most, the lines wrapped when `wrap`.
pub fn venster(
    frame: &mut Frame,
    area: Rect,
    breedte: u16,
    hoogte: u16,
    titel: &str,
    lines: Vec<Line>,
    wrap: bool,
) {
    let rect = centered(area, breedte.min(area.width), hoogte.min(area.height));
    frame.render_widget(Clear, rect);
    let mut p = Paragraph::new(lines).block(
        Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Double)
            .title(titel.to_string()),
    );
    if wrap {
        p = p.wrap(Wrap { trim: false });
    }
    frame.render_widget(p, rect);
}

#[cfg(test)]
pub(crate) mod tests;
