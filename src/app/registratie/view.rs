//! The contact registration form (wrap-up) and its two questions: recover a draft, discard input.

use chrono::{Datelike, Local, Utc};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use crate::app::registratie::{Aan, Veld, deadline};
use crate::app::text_field::TextField;
use crate::app::{Registratie, State};
use crate::domain::Kanaal;
use crate::ui::Theme;

const LABEL: usize = 15;

fn mmss(secs: i64) -> String {
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// The end of `text` that fits in `width` columns, so the cursor stays in view.
fn tail(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n <= width {
        text.to_string()
    } else {
        format!("…{}", text.chars().skip(n - width + 1).collect::<String>())
    }
}

/// The focused field in `width` columns with its cursor where it is: the end of the text when
/// the cursor is there (as `tail`), else from just before the cursor; cut text shows `…`.
fn rond_cursor(value: &TextField, width: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    let (n, c) = (chars.len(), value.cursor());
    // The cursor takes a column of its own.
    let cap = width.saturating_sub(1);
    if n <= cap {
        return crate::ui::format::met_cursor(value);
    }
    let mut start = n - cap;
    if c <= start {
        start = c.saturating_sub(1);
    }
    let end = (start + cap).min(n);
    let mut out = String::new();
    for (i, ch) in chars[start..end].iter().enumerate() {
        let at = start + i;
        if at == c {
            out.push('▏');
        }
        let cut = (i == 0 && start > 0) || (at + 1 == end && end < n);
        out.push(if cut { '…' } else { *ch });
    }
    if c == end {
        out.push('▏');
    }
    out
}

struct Form<'a> {
    /// The field with the cursor.
    veld: Veld,
    lines: Vec<Line<'a>>,
    focus_line: usize,
    width: usize,
    theme: &'a Theme,
}

impl<'a> Form<'a> {
    fn label(&self, focused: bool, label: &str, required: bool) -> Vec<Span<'a>> {
        let marker = if focused { "▶ " } else { "  " };
        let label = format!("{label}{}:", if required { "*" } else { "" });
        vec![
            Span::styled(
                marker.to_string(),
                if focused {
                    self.theme.key()
                } else {
                    Style::new()
                },
            ),
            Span::styled(
                format!("{label:<LABEL$}"),
                if focused {
                    self.theme.title()
                } else {
                    Style::new()
                },
            ),
        ]
    }

    /// A text field with its character counter (the limit is the field's own).
    fn text(&mut self, veld: Veld, label: &str, required: bool, value: &TextField) {
        let focused = self.veld == veld;
        let max = veld.max().unwrap_or(0);
        let counter = format!(" {}/{max}", value.chars().count());
        let room = self.width.saturating_sub(2 + LABEL + counter.len() + 2);
        let mut spans = self.label(focused, label, required);
        let shown = if focused {
            rond_cursor(value, room)
        } else {
            tail(value, room)
        };
        let pad = room.saturating_sub(shown.chars().count());
        spans.push(Span::styled(
            shown,
            self.theme.title().add_modifier(Modifier::UNDERLINED),
        ));
        spans.push(Span::raw(" ".repeat(pad)));
        let full = value.chars().count() >= max;
        spans.push(Span::styled(
            counter,
            if full {
                self.theme.error()
            } else {
                self.theme.muted()
            },
        ));
        self.push(focused, Line::from(spans));
    }

    fn choice(&mut self, focused: bool, label: &str, required: bool, value: String) {
        let mut spans = self.label(focused, label, required);
        if focused {
            spans.push(Span::styled("◀ ", self.theme.key()));
        }
        spans.push(Span::styled(value, self.theme.title()));
        if focused {
            spans.push(Span::styled(" ▶", self.theme.key()));
        }
        self.push(focused, Line::from(spans));
    }

    fn push(&mut self, focused: bool, line: Line<'a>) {
        if focused {
            self.focus_line = self.lines.len();
        }
        self.lines.push(line);
    }

    fn heading(&mut self, text: String) {
        self.lines.push(Line::styled(text, self.theme.muted()));
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, r: &Registratie, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focused_border())
        .title(" Contactmoment registreren ")
        .title(
            Line::from(format!(
                " {} {} · nawerk {} ",
                // A call is a gesprek; at the counter or in writing it is the contact.
                if r.kanaal == Kanaal::Telefoon {
                    "gesprek"
                } else {
                    "contact"
                },
                mmss((r.geopend_op - r.begonnen_op).num_seconds().max(0)),
                mmss(
                    (state.now.with_timezone(&Utc) - r.geopend_op)
                        .num_seconds()
                        .max(0)
                ),
            ))
            .alignment(Alignment::Right),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut f = Form {
        veld: r.veld,
        lines: Vec::new(),
        focus_line: 0,
        width: inner.width as usize,
        theme,
    };
    let is = |v: Veld| r.veld == v;

    let mut kanalen = f.label(is(Veld::Kanaal), "Kanaal", true);
    for (i, k) in Kanaal::ALL.iter().enumerate() {
        let text = format!("{} {}", i + 1, k.label());
        if *k == r.kanaal {
            kanalen.push(Span::styled(
                format!(" [{text}]"),
                theme.title().add_modifier(Modifier::REVERSED),
            ));
        } else {
            // One space apart, so the six kanalen fit an 80-column screen.
            kanalen.push(Span::raw(format!(" {text}")));
        }
    }
    f.push(is(Veld::Kanaal), Line::from(kanalen));
    if r.kanaal.schriftelijk() {
        let dag = r.ontvangen_op(state.now.date_naive());
        f.choice(
            is(Veld::Ontvangen),
            "Ontvangen",
            true,
            format!(
                "{} {} ({}) ←/→",
                crate::ui::format::weekdag_kort(dag.weekday()),
                dag.format("%d-%m"),
                match r.ontvangen_werkdagen {
                    0 => "vandaag".to_string(),
                    1 => "1 werkdag geleden".to_string(),
                    n => format!("{n} werkdagen geleden"),
                }
            ),
        );
    }

    // The klant it will be saved on, and how they were linked to the contact.
    let via = r.via.map_or(String::new(), |v| format!(", {}", v.label()));
    let mut betrokkene = match (&r.klant, r.anoniem) {
        (Some(k), false) => format!("{}{via} (Ctrl-A: anoniem)", k.naam),
        (Some(k), true) => format!("anoniem (Ctrl-A: {})", k.naam),
        (None, _) => "anoniem (Ctrl-K in een klantbeeld koppelt)".to_string(),
    };
    if let Some(b) = &r.beller {
        betrokkene.push_str(&format!(" · beller {b}"));
    }
    f.choice(is(Veld::Betrokkene), "Klant", false, betrokkene);
    match &r.zaak {
        Some(z) => f.choice(
            is(Veld::Zaak),
            "Zaak",
            false,
            format!("{} (spatie: niet over deze zaak)", z.1),
        ),
        None => f.lines.push(Line::from(vec![
            Span::raw(format!("  {:<LABEL$}", "Zaak:")),
            Span::styled("-", theme.muted()),
        ])),
    }

    if !r.bronnen.is_empty() {
        let titels: Vec<String> = r
            .bronnen
            .iter()
            .map(|id| {
                state
                    .kennisbank
                    .kb
                    .as_ref()
                    .and_then(|kb| kb.artikel(id))
                    .map_or_else(|| id.clone(), |a| a.titel.clone())
            })
            .collect();
        f.lines.push(Line::from(vec![
            Span::raw(format!("  {:<LABEL$}", "Bronnen:")),
            Span::styled(titels.join("; "), theme.muted()),
        ]));
    }
    let afdeling_naam = |id: Option<uuid::Uuid>| {
        id.and_then(|id| state.referentie.afdelingen.iter().find(|a| a.0 == id))
            .map_or_else(|| "-".to_string(), |a| a.1.clone())
    };
    for (i, v) in r.vragen.iter().enumerate() {
        let title = if r.vragen.len() > 1 || i > 0 {
            format!("── Vraag {} ──", i + 1)
        } else {
            "── Vraag ── (Ctrl-N: nog een vraag)".to_string()
        };
        f.heading(title);
        f.text(Veld::Onderwerp(i), "Onderwerp", true, &v.onderwerp);
        f.text(Veld::Vraag(i), "Vraag", false, &v.vraag);
        f.choice(
            is(Veld::Resultaat(i)),
            "Resultaat",
            true,
            v.resultaat.label().to_string(),
        );
        f.choice(
            is(Veld::Afdeling(i)),
            "Afdeling",
            false,
            afdeling_naam(v.afdeling),
        );
    }
    f.heading("──".to_string());
    f.text(Veld::Notitie, "Notitie", false, &r.notitie);
    f.choice(
        is(Veld::EersteLijn),
        "1e lijn klaar",
        false,
        format!(
            "{}{}",
            if r.eerste_lijn() { "ja" } else { "nee" },
            if r.eerste_lijn.is_none() {
                " (volgt de resultaten)"
            } else {
                ""
            }
        ),
    );
    match &r.verzoek {
        None => f.heading("── Contactverzoek: geen (Ctrl-T: toevoegen) ──".to_string()),
        Some(vz) => {
            f.heading("── Contactverzoek ── (Ctrl-T: weghalen)".to_string());
            let aan = match vz.aan {
                None => "kies met ←/→".to_string(),
                Some(Aan::Afdeling(id)) => format!("{} (afdeling)", afdeling_naam(Some(id))),
                Some(Aan::Groep(id)) => state
                    .referentie
                    .groepen
                    .iter()
                    .find(|g| g.0 == id)
                    .map_or_else(
                        || "?".to_string(),
                        |g| format!("{} (groep, {})", g.1, afdeling_naam(g.2)),
                    ),
                Some(Aan::Medewerker(id)) => state
                    .referentie
                    .medewerkers
                    .iter()
                    .find(|m| m.id == id)
                    .map_or_else(
                        || "?".to_string(),
                        |m| {
                            format!(
                                "{}, {} — {}",
                                m.naam,
                                m.afdeling.as_deref().unwrap_or("-"),
                                m.aanwezig().label()
                            )
                        },
                    ),
            };
            // Letters typed here narrow the list (shown), ←/→ go through what is left.
            let aan = if r.aan_filter.is_empty() {
                if is(Veld::VerzoekAan) {
                    format!("{aan}  (typ een naam om te zoeken)")
                } else {
                    aan
                }
            } else {
                format!("{aan}  (zoek: {}▏)", r.aan_filter)
            };
            f.choice(is(Veld::VerzoekAan), "Aan", true, aan);
            f.text(Veld::VerzoekHandeling, "Handeling", false, &vz.handeling);
            f.text(
                Veld::VerzoekToelichting,
                "Toelichting",
                true,
                &vz.toelichting,
            );
            f.text(Veld::VerzoekTelefoon, "Telefoon", false, &vz.telefoon);
            f.text(Veld::VerzoekEmail, "E-mail", false, &vz.email);
            let uiterlijk = deadline(state.now.date_naive(), vz.werkdagen).with_timezone(&Local);
            f.choice(
                is(Veld::VerzoekTermijn),
                "Termijn",
                true,
                format!(
                    "{} {} — uiterlijk {} {}",
                    vz.werkdagen,
                    if vz.werkdagen == 1 {
                        "werkdag"
                    } else {
                        "werkdagen"
                    },
                    crate::ui::format::weekdag_kort(chrono::Datelike::weekday(&uiterlijk)),
                    uiterlijk.format("%d-%m-%Y %H:%M")
                ),
            );
        }
    }
    if r.bezig {
        f.lines
            .push(Line::styled("Bezig met opslaan…", theme.muted()));
    } else if let Some(e) = &r.fout {
        f.lines.push(Line::styled(e.clone(), theme.error()));
    }

    let visible = inner.height as usize;
    let offset = f.focus_line.saturating_sub(visible.saturating_sub(3));
    // Keep an error at the bottom in view as well.
    let offset = if (r.fout.is_some() || r.bezig) && f.lines.len() > visible {
        offset.max(f.lines.len() - visible).min(f.focus_line)
    } else {
        offset
    };
    frame.render_widget(Paragraph::new(f.lines).scroll((offset as u16, 0)), inner);
}

/// "Conceptregistratie herstellen?" after a crash.
pub fn render_concept(frame: &mut Frame, area: Rect, r: &Registratie, theme: &Theme) {
    let onderwerp = r
        .vragen
        .first()
        .map(|v| v.onderwerp.as_str())
        .filter(|s| !s.is_empty())
        .unwrap_or("(nog geen onderwerp)");
    crate::ui::confirm_quit::question(
        frame,
        area,
        "Conceptregistratie herstellen?",
        vec![
            Line::raw("Er is een registratie die niet was opgeslagen:"),
            Line::styled(
                format!(
                    "{} · {}",
                    r.klant.as_ref().map_or("anoniem", |k| k.naam.as_str()),
                    onderwerp
                ),
                theme.title(),
            ),
            Line::raw(format!(
                "begonnen {}",
                r.begonnen_op.with_timezone(&Local).format("%d-%m-%Y %H:%M")
            )),
            Line::raw(""),
        ],
        ("herstellen", "weggooien"),
        theme,
    );
}

/// "Registratie annuleren?"
pub fn render_cancel(frame: &mut Frame, area: Rect, theme: &Theme) {
    crate::ui::confirm_quit::question(
        frame,
        area,
        "Registratie annuleren?",
        vec![
            Line::raw("De ingevulde registratie gaat verloren."),
            Line::raw(""),
        ],
        ("weggooien", "verder invullen"),
        theme,
    );
}
