//! The first-run form: who works at this desk.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use crate::app::{ProfileField, ProfileForm};
use crate::domain::Rol;
use crate::ui::{Theme, centered};

pub fn render(frame: &mut Frame, area: Rect, form: &ProfileForm, theme: &Theme) {
    let rect = centered(area, 64, 12);
    frame.render_widget(Clear, rect);
    let active = |f: ProfileField| form.field == f;
    let marker = |f: ProfileField| if active(f) { "▶ " } else { "  " };
    let mut rollen = vec![Span::raw(marker(ProfileField::Rol)), Span::raw("Rol:  ")];
    for (i, rol) in Rol::ALL.iter().enumerate() {
        let label = format!("{} {}", i + 1, rol.as_str());
        if *rol == form.rol {
            rollen.push(Span::styled(
                format!("[{label}]"),
                theme.title().add_modifier(Modifier::REVERSED),
            ));
        } else {
            rollen.push(Span::raw(format!(" {label} ")));
        }
        rollen.push(Span::raw(" "));
    }
    let mut text = vec![
        Line::raw("Welkom bij loket. Deze werkplek is nieuw: wie werkt hier?"),
        Line::raw(""),
        Line::from(vec![
            Span::raw(marker(ProfileField::Naam)),
            Span::raw("Naam: "),
            Span::styled(
                if active(ProfileField::Naam) && !form.saving {
                    crate::ui::format::met_cursor(&form.naam)
                } else {
                    form.naam.to_string()
                },
                theme.title().add_modifier(Modifier::UNDERLINED),
            ),
        ]),
        Line::raw(""),
        Line::from(rollen),
        Line::raw(""),
    ];
    if form.saving {
        text.push(Line::styled("Bezig met opslaan…", theme.muted()));
    } else if let Some(err) = &form.error {
        text.push(Line::styled(err.clone(), theme.error()));
    } else {
        text.push(Line::raw(""));
    }
    text.push(Line::from(vec![
        Span::styled("Tab", theme.key()),
        Span::raw(" veld  "),
        Span::styled("←/→ 1-3", theme.key()),
        Span::raw(" rol  "),
        Span::styled("Enter", theme.key()),
        Span::raw(" opslaan  "),
        Span::styled("Ctrl-C", theme.key()),
        Span::raw(" stoppen"),
    ]));
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::default()
                .padding(ratatui::widgets::Padding::horizontal(1))
                .borders(Borders::ALL)
                .border_type(BorderType::Double)
                .border_style(theme.focused_border())
                .title(" Eerste keer: uw gegevens "),
        ),
        rect,
    );
}
