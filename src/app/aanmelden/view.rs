//! The sign-in and lock screen: the whole screen, with nothing of the desk behind it.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use super::{Fase, Veld};
use crate::app::{DbState, State};
use crate::ui::{Theme, centered};

pub fn render(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    let a = &state.aanmelden;
    if a.fase == Fase::EersteAccount {
        if let Some(form) = &state.profile_form {
            crate::app::profile_form::view::render(frame, area, form, theme);
        }
        if state.confirm_quit {
            crate::ui::confirm_quit::render(frame, area, state, theme);
        }
        return;
    }
    // The desk's database failed: nothing can be done but leave, as on the desk itself.
    if let DbState::Failed(m) = &state.db {
        crate::ui::draw_fatal(frame, area, m, theme);
        return;
    }
    let kop = format!(
        "loket · {} · desk {}",
        state.gemeente(),
        &state.session.desk_id.to_string()[..8]
    );
    frame.render_widget(
        Paragraph::new(kop).style(theme.status_bar()),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let mut text: Vec<Line> = Vec::new();
    let vergrendeld = a.fase == Fase::Vergrendeld;
    if let Some(b) = &a.bericht {
        text.push(Line::styled(b.clone(), theme.muted()));
        text.push(Line::raw(""));
    }
    match (&state.db, a.fase) {
        (_, Fase::Laden) => text.push(Line::styled("Database openen…", theme.muted())),
        _ => {
            if vergrendeld {
                text.push(Line::raw(match &a.wie {
                    Some(wie) => format!(
                        "Deze desk is vergrendeld voor {} ({}).",
                        wie.naam, wie.login
                    ),
                    None => "Deze desk is vergrendeld.".into(),
                }));
                text.push(Line::raw("Typ uw wachtwoord om verder te werken."));
                // The demo and training sign in by themselves: their lock opens with "demo".
                if a.wie.as_ref().is_some_and(|w| {
                    matches!(
                        w.wijze,
                        crate::identiteit::aanmelden::Wijze::Demo
                            | crate::identiteit::aanmelden::Wijze::Training
                    )
                }) {
                    text.push(Line::styled(
                        "Demo en training: het wachtwoord is demo.",
                        theme.muted(),
                    ));
                }
            } else {
                text.push(Line::raw(if a.met_server {
                    "Meld u aan met uw login en wachtwoord van de gemeente."
                } else {
                    "Meld u aan met uw login en wachtwoord van deze desk."
                }));
                // The demo and training: which logins there are (password demo).
                if !a.voorbeelden.is_empty() {
                    let lijst: Vec<String> = a
                        .voorbeelden
                        .iter()
                        .map(|(l, r)| format!("{l} ({r})"))
                        .collect();
                    text.push(Line::styled(
                        format!("Demo: wachtwoord demo, bijv. {}.", lijst.join(", ")),
                        theme.muted(),
                    ));
                }
                text.push(Line::raw(""));
                let actief = a.veld == Veld::Login && !a.bezig;
                text.push(veld(
                    "Login:      ",
                    &if actief {
                        crate::ui::format::met_cursor(&a.login)
                    } else {
                        a.login.to_string()
                    },
                    actief,
                    theme,
                ));
            }
            let stippen = "•".repeat(a.wachtwoord.chars().count());
            let actief = a.veld == Veld::Wachtwoord && !a.bezig;
            text.push(veld(
                "Wachtwoord: ",
                &if actief {
                    format!("{stippen}▏")
                } else {
                    stippen
                },
                actief,
                theme,
            ));
            text.push(Line::raw(""));
            if a.bezig {
                text.push(Line::styled("Bezig met controleren…", theme.muted()));
            } else if let Some(f) = &a.fout {
                text.push(Line::styled(f.clone(), theme.error()));
            } else {
                text.push(Line::raw(""));
            }
        }
    }
    text.push(Line::raw(""));
    let mut hints = vec![Span::styled("Enter", theme.key())];
    if vergrendeld {
        hints.push(Span::raw(" ontgrendelen  "));
        hints.push(Span::styled("Ctrl-X", theme.key()));
        hints.push(Span::raw(" afmelden"));
    } else {
        hints.push(Span::raw(" aanmelden  "));
        hints.push(Span::styled("Tab", theme.key()));
        hints.push(Span::raw(" veld  "));
        hints.push(Span::styled("Esc", theme.key()));
        hints.push(Span::raw(" stoppen"));
    }
    text.push(Line::from(hints));
    // A line longer than the box wraps: it takes the rows it needs.
    let rijen: usize = text.iter().map(|l| l.width().div_ceil(62).max(1)).sum();
    let hoogte = u16::try_from(rijen).unwrap_or(u16::MAX).saturating_add(2);
    let rect = centered(area, 66, hoogte);
    let titel = if vergrendeld {
        " Vergrendeld "
    } else {
        " Aanmelden "
    };
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .alignment(Alignment::Left)
            .block(
                Block::default()
                    .padding(ratatui::widgets::Padding::horizontal(1))
                    .borders(Borders::ALL)
                    .border_type(BorderType::Double)
                    .border_style(theme.focused_border())
                    .title(titel),
            ),
        rect,
    );
}

fn veld<'a>(label: &'a str, tekst: &str, actief: bool, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::raw(if actief { "▶ " } else { "  " }),
        Span::raw(label),
        Span::styled(
            tekst.to_string(),
            theme.title().add_modifier(Modifier::UNDERLINED),
        ),
    ])
}
