//! The first-run form of a desk without [sync]: the first account.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use crate::app::text_field::TextField;
use crate::app::{ProfileField, ProfileForm};
use crate::ui::{Theme, centered};

pub fn render(frame: &mut Frame, area: Rect, form: &ProfileForm, theme: &Theme) {
    let veld = |f: ProfileField, label: &'static str, tekst: &TextField, geheim: bool| {
        let actief = form.field == f && !form.saving;
        let getoond = if geheim {
            // A password shows as dots, one per character typed.
            let mut t = TextField::default();
            t.set(&"•".repeat(tekst.chars().count()));
            for _ in tekst.split_at_cursor().1.chars() {
                t.edit(crate::app::text_field::Edit::Left);
            }
            t
        } else {
            tekst.clone()
        };
        Line::from(vec![
            Span::raw(if actief { "▶ " } else { "  " }),
            Span::raw(format!("{label:<21}")),
            Span::styled(
                if actief {
                    crate::ui::format::met_cursor(&getoond)
                } else {
                    getoond.to_string()
                },
                theme.title().add_modifier(Modifier::UNDERLINED),
            ),
        ])
    };
    let mut text = vec![
        Line::raw("Welkom bij loket. Deze werkplek heeft nog geen medewerkers: maak uw account."),
        Line::styled(
            "Rol: medewerker (andere rollen geeft de beheerder met `loket medewerker wijzigen`).",
            theme.muted(),
        ),
        Line::raw(""),
        veld(ProfileField::Naam, "Naam:", &form.naam, false),
        veld(ProfileField::Login, "Login:", &form.login, false),
        veld(
            ProfileField::Wachtwoord,
            "Wachtwoord:",
            &form.wachtwoord,
            true,
        ),
        veld(
            ProfileField::Herhaal,
            "Wachtwoord nogmaals:",
            &form.herhaal,
            true,
        ),
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
        Span::styled("Enter", theme.key()),
        Span::raw(" opslaan en aanmelden  "),
        Span::styled("Esc", theme.key()),
        Span::raw(" stoppen"),
    ]));
    // As high as its lines need (a long one wraps in the 64 columns inside the box).
    let rijen: usize = text.iter().map(|l| l.width().div_ceil(64).max(1)).sum();
    let rect = centered(
        area,
        68,
        u16::try_from(rijen).unwrap_or(u16::MAX).saturating_add(2),
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::default()
                .padding(ratatui::widgets::Padding::horizontal(1))
                .borders(Borders::ALL)
                .border_type(BorderType::Double)
                .border_style(theme.focused_border())
                .title(" Eerste keer: uw account "),
        ),
        rect,
    );
}
