//! Pane "Zaak/Klant": the one search field with its hits, the klantbeeld and the zaak view.

use chrono::{DateTime, Local, NaiveDate, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::app::{State, View};
use crate::domain::Rol;
use crate::domain::bsn;
use crate::domain::klant::{AuditRegel, MAX_TREFFERS, Treffer};
use crate::domain::klant::{ContactRegel, Klantbeeld, SoortPartij};
use crate::domain::werkdagen::Sluitingsdagen;
use crate::domain::zaak::{Termijn, ZaakDetail};
use crate::ui::{Theme, db_wait_line, empty_state, format, label_value};

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if let Some(line) = db_wait_line(state, theme) {
        frame.render_widget(
            empty_state("Zoek een klant of zaak.", vec![line], theme),
            area,
        );
        return;
    }
    let zk = &state.zaak_klant;
    if let Some(f) = &zk.form {
        render_form(frame, area, f, zk.klant.as_ref(), theme);
        return;
    }
    if let (Some(rows), Some(k)) = (&zk.audit, &zk.klant) {
        render_audit(frame, area, k, rows, theme);
        return;
    }
    match zk.view {
        View::Zoeken => render_search(frame, area, state, theme),
        View::Klant => match &zk.klant {
            Some(k) => render_klant(frame, area, state, k, theme),
            None => render_search(frame, area, state, theme),
        },
        View::Zaak => match &zk.zaak {
            Some(z) => render_zaak(frame, area, state, z, theme),
            None => render_search(frame, area, state, theme),
        },
    }
}

fn datum(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

fn moment(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%d-%m-%Y %H:%M").to_string()
}

fn render_search(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let zk = &state.zaak_klant;
    let [input, info, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(0),
    ])
    .areas(area);
    let cursor = if zk.input_active { "▏" } else { "" };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Zoek: ", theme.title()),
            Span::styled(
                {
                    let (voor, na) = zk.query.split_at_cursor();
                    format!("{voor}{cursor}{na}")
                },
                theme.title().add_modifier(Modifier::UNDERLINED),
            ),
        ])),
        input,
    );
    let info_line = if let Some(m) = &zk.melding {
        Line::styled(m.clone(), theme.warning())
    } else if zk.query.trim().is_empty() {
        if zk.input_active {
            Line::styled(
                "BSN, KvK, postcode + huisnr, telefoon, e-mail, naam of zaaknummer",
                theme.muted(),
            )
        } else {
            Line::from(vec![
                Span::styled("/", theme.key()),
                Span::styled(" of F4: zoek een klant of zaak", theme.muted()),
            ])
        }
    } else if zk.shown_seq != zk.seq {
        Line::styled("Zoeken…", theme.muted())
    } else {
        let n = zk.treffers.len();
        let more = if n >= MAX_TREFFERS {
            " (eerste 50; typ verder om te verfijnen)"
        } else {
            ""
        };
        Line::styled(
            format!("{n} {}{more}", if n == 1 { "treffer" } else { "treffers" }),
            theme.muted(),
        )
    };
    frame.render_widget(Paragraph::new(info_line).wrap(Wrap { trim: true }), info);

    if zk.query.trim().is_empty() && zk.treffers.is_empty() {
        if let Some(o) = &state.overview {
            let facts = vec![
                label_value(
                    "Klanten in de database:",
                    format::getal(o.klanten),
                    theme.title(),
                ),
                label_value(
                    "Zaken in de database:",
                    format::getal(o.zaken),
                    theme.title(),
                ),
                label_value(
                    "Contactmomenten vandaag:",
                    format::getal(o.contactmomenten_vandaag),
                    theme.title(),
                ),
            ];
            frame.render_widget(Paragraph::new(facts), list);
        }
        return;
    }
    let items: Vec<ListItem> = zk
        .treffers
        .iter()
        .map(|t| match t {
            Treffer::Klant(k) => {
                let soort = match k.soort {
                    SoortPartij::Persoon => "",
                    SoortPartij::Organisatie => " (organisatie)",
                };
                ListItem::new(Line::from(vec![
                    Span::styled(format!("{}{soort}", k.naam), theme.title()),
                    Span::raw(format!("  {}  ", k.adres)),
                    Span::styled(k.kenmerk.clone(), theme.muted()),
                ]))
            }
            Treffer::Zaak(z) => ListItem::new(Line::from(vec![
                Span::styled(z.identificatie.clone(), theme.title()),
                Span::raw(format!("  {}  ", z.zaaktype)),
                Span::styled(z.status.clone(), theme.muted()),
            ])),
        })
        .collect();
    let mut list_state = ListState::default().with_selected(Some(zk.selected.index()));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_symbol("▶ ")
            .highlight_style(theme.title().add_modifier(Modifier::REVERSED)),
        list,
        &mut list_state,
    );
}

fn contact_line<'a>(c: &ContactRegel, theme: &Theme) -> Line<'a> {
    let mut spans = Vec::new();
    if c.open_contactverzoek {
        spans.push(Span::styled("! verzoek open ", theme.error()));
    }
    spans.extend([
        Span::styled(moment(c.plaatsgevonden_op), theme.muted()),
        Span::raw(format!(
            " {:<8} {} — {}",
            c.kanaal, c.onderwerp, c.afhandeling
        )),
    ]);
    if let Some(z) = &c.zaak {
        spans.push(Span::styled(format!(" [{z}]"), theme.muted()));
    }
    Line::from(spans)
}

fn render_klant(frame: &mut Frame, area: Rect, state: &State, k: &Klantbeeld, theme: &Theme) {
    let zk = &state.zaak_klant;
    let vandaag = state.now.date_naive();
    let sluiting = Sluitingsdagen::default();
    let mut head = vec![Line::styled(k.naam.clone(), theme.title())];
    if k.indicatie_geheimhouding {
        head.push(Line::styled(
            "!! Geheimhouding: geen gegevens verstrekken aan derden !!",
            theme.error().add_modifier(Modifier::REVERSED),
        ));
    }
    let mut ids = Vec::new();
    if let Some(b) = &k.bsn {
        let shown = if zk.bsn_zichtbaar {
            b.clone()
        } else {
            bsn::mask(b)
        };
        ids.push(Span::raw(format!("BSN {shown}")));
        ids.push(Span::styled(
            if zk.bsn_zichtbaar {
                " (b verbergen)"
            } else {
                " (b tonen)"
            },
            theme.muted(),
        ));
    }
    if let Some(kvk) = &k.kvk_nummer {
        ids.push(Span::raw(format!("KvK {kvk}")));
    }
    if let Some(v) = &k.vestigingsnummer {
        ids.push(Span::raw(format!("  vestiging {v}")));
    }
    if let Some(g) = k.geboortedatum {
        ids.push(Span::raw(format!("   geboren {}", datum(g))));
    }
    if !ids.is_empty() {
        head.push(Line::from(ids));
    }
    if k.adres.trim().is_empty() {
        head.push(Line::styled("Adres onbekend", theme.muted()));
    } else {
        head.push(Line::raw(format!("{}, {}", k.adres, k.postcode_woonplaats)));
    }
    head.push(Line::raw(format!(
        "Tel. {}   E-mail {}   Voorkeur: {}",
        k.telefoon().unwrap_or("-"),
        k.email().unwrap_or("-"),
        k.voorkeurskanaal.as_deref().unwrap_or("-")
    )));
    for v in &k.open_contactverzoeken {
        let late = v.uiterlijk_op < state.now.with_timezone(&Utc);
        head.push(Line::styled(
            format!(
                "{}Contactverzoek open, uiterlijk {} ({}): {}",
                if late { "! TE LAAT: " } else { "" },
                moment(v.uiterlijk_op),
                v.afdeling.as_deref().unwrap_or("-"),
                v.toelichting
            ),
            if late { theme.error() } else { theme.warning() },
        ));
    }
    for a in &k.afspraken {
        head.push(Line::styled(
            // The reservation up front, so a narrow screen does not cut it off.
            format!(
                "Afspraak {}{}: {} ({})",
                if a.voorbehoud {
                    "(onder voorbehoud) "
                } else {
                    ""
                },
                moment(a.begin_op),
                a.product,
                a.locatie
            ),
            if a.voorbehoud {
                theme.warning()
            } else {
                theme.title()
            },
        ));
    }
    let head_height = (head.len() as u16).min(area.height / 2);
    let zaken_height =
        (k.zaken.len().max(1) as u16 + 1).min(area.height.saturating_sub(head_height) * 2 / 5);
    let [head_area, zaken_area, contact_area] = Layout::vertical([
        Constraint::Length(head_height),
        Constraint::Length(zaken_height.max(2)),
        Constraint::Min(3),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(head), head_area);

    let mut zaken: Vec<ListItem> = k
        .zaken
        .iter()
        .map(|z| {
            let termijn = Termijn::bepaal(
                z.uiterlijke_einddatum_afdoening,
                z.einddatum,
                vandaag,
                &sluiting,
            );
            let style = if matches!(termijn, Termijn::TeLaat(_)) {
                theme.error()
            } else {
                theme.muted()
            };
            ListItem::new(Line::from(vec![
                Span::raw(format!("{}  {}  ", z.identificatie, z.zaaktype)),
                Span::styled(z.status.clone(), theme.title()),
                Span::styled(format!("  {}", termijn.label()), style),
            ]))
        })
        .collect();
    let zaken_title = Line::styled(format!("Zaken ({})", k.zaken.len()), theme.title());
    if zaken.is_empty() {
        zaken.push(ListItem::new(Line::styled("Geen zaken.", theme.muted())));
    }
    let [zt, zl] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(zaken_area);
    frame.render_widget(Paragraph::new(zaken_title), zt);
    let mut ls =
        ListState::default().with_selected((!k.zaken.is_empty()).then_some(zk.zaak_index.index()));
    frame.render_stateful_widget(
        List::new(zaken)
            .highlight_symbol("▶ ")
            .highlight_style(theme.title().add_modifier(Modifier::REVERSED)),
        zl,
        &mut ls,
    );

    let mut contact = vec![Line::styled(
        format!(
            "Contacthistorie ({} van {}, nieuwste eerst)",
            k.contacten.len(),
            k.contacten_totaal
        ),
        theme.title(),
    )];
    contact.extend(k.contacten.iter().map(|c| contact_line(c, theme)));
    if k.contacten.is_empty() {
        contact.push(Line::styled("Nog geen contacten.", theme.muted()));
    }
    frame.render_widget(Paragraph::new(contact), contact_area);
}

fn render_zaak(frame: &mut Frame, area: Rect, state: &State, z: &ZaakDetail, theme: &Theme) {
    let vandaag = state.now.date_naive();
    let huidig = z.statussen.last();
    let mut lines = vec![Line::from(vec![
        Span::styled(z.identificatie.clone(), theme.title()),
        Span::raw(format!(" · {}", z.zaaktype)),
    ])];
    let status = match huidig {
        Some(s) => format!(
            "{} sinds {}{}",
            s.statustype,
            moment(s.datum_status_gezet),
            s.statustoelichting
                .as_deref()
                .map(|t| format!(" — {t}"))
                .unwrap_or_default()
        ),
        None => "onbekend".into(),
    };
    lines.push(label_value("Status:", status, theme.title()));
    let beperkt = z.vertrouwelijkheid.beperkt_voor_medewerker() && state.rol() == Rol::Medewerker;
    if beperkt {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "Deze zaak is {}: voor uw rol zijn alleen zaaktype en status zichtbaar.",
                z.vertrouwelijkheid.as_str()
            ),
            theme.warning(),
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        return;
    }
    let termijn = Termijn::bepaal(
        z.uiterlijke_einddatum_afdoening,
        z.einddatum,
        vandaag,
        &Sluitingsdagen::default(),
    );
    lines.push(label_value(
        "Omschrijving:",
        z.omschrijving.clone(),
        theme.title(),
    ));
    lines.push(label_value(
        "Termijn:",
        termijn.label(),
        if matches!(termijn, Termijn::TeLaat(_)) {
            theme.error()
        } else {
            theme.ok()
        },
    ));
    let opt = |d: Option<NaiveDate>| d.map(datum).unwrap_or_else(|| "-".into());
    lines.push(Line::raw(format!(
        "Start {} · gepland klaar {} · uiterlijk {} · einde {}",
        datum(z.startdatum),
        opt(z.einddatum_gepland),
        opt(z.uiterlijke_einddatum_afdoening),
        opt(z.einddatum)
    )));
    lines.push(label_value(
        "Behandelaar:",
        format!(
            "{} ({})",
            z.behandelaar.as_deref().unwrap_or("-"),
            z.afdeling.as_deref().unwrap_or("-")
        ),
        theme.title(),
    ));
    lines.push(Line::from(vec![
        Span::raw(format!("{:<25}", "Aanvrager:")),
        Span::styled(
            z.aanvrager.clone().unwrap_or_else(|| "-".into()),
            theme.title(),
        ),
        Span::styled(
            if z.aanvrager_id.is_some() {
                "  (k klantbeeld)"
            } else {
                ""
            },
            theme.muted(),
        ),
    ]));
    lines.push(label_value(
        "Vertrouwelijkheid:",
        z.vertrouwelijkheid.as_str().to_string(),
        theme.muted(),
    ));
    lines.push(Line::styled("Statushistorie", theme.title()));
    for s in &z.statussen {
        lines.push(Line::raw(format!(
            "  {}  {}{}",
            moment(s.datum_status_gezet),
            s.statustype,
            s.statustoelichting
                .as_deref()
                .map(|t| format!(" — {t}"))
                .unwrap_or_default()
        )));
    }
    lines.push(Line::styled(
        format!("Contactmomenten over deze zaak ({})", z.contacten.len()),
        theme.title(),
    ));
    lines.extend(z.contacten.iter().map(|c| contact_line(c, theme)));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn render_form(
    frame: &mut Frame,
    area: Rect,
    f: &crate::app::zaak_klant::KlantForm,
    klant: Option<&Klantbeeld>,
    theme: &Theme,
) {
    let mut lines = vec![
        Line::styled(
            if f.nieuw {
                "Nieuwe klant (naam en een telefoonnummer of e-mailadres)".to_string()
            } else {
                format!(
                    "Contactgegevens van {} corrigeren (leeg laten verwijdert)",
                    klant.map_or("de klant", |k| k.naam.as_str())
                )
            },
            theme.title(),
        ),
        Line::raw(""),
    ];
    for (i, (label, value)) in f.velden.iter().enumerate() {
        let focused = i == f.veld;
        lines.push(Line::from(vec![
            Span::styled(if focused { "▶ " } else { "  " }, theme.key()),
            Span::raw(format!("{:<14}", format!("{label}:"))),
            Span::styled(
                if focused {
                    let (voor, na) = value.split_at_cursor();
                    format!("{voor}▏{na}")
                } else {
                    value.to_string()
                },
                theme.title().add_modifier(Modifier::UNDERLINED),
            ),
        ]));
    }
    lines.push(Line::raw(""));
    if f.bezig {
        lines.push(Line::styled("Bezig met opslaan…", theme.muted()));
    } else if let Some(e) = &f.fout {
        lines.push(Line::styled(e.clone(), theme.error()));
    } else {
        lines.push(Line::styled(
            "Enter volgend veld / opslaan · Ctrl-S opslaan · Esc annuleren",
            theme.muted(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn render_audit(frame: &mut Frame, area: Rect, k: &Klantbeeld, rows: &[AuditRegel], theme: &Theme) {
    let mut lines = vec![
        Line::styled(
            format!("Inzagelog van {} (nieuwste eerst)", k.naam),
            theme.title(),
        ),
        Line::styled("Esc terug naar het klantbeeld", theme.muted()),
    ];
    for r in rows {
        lines.push(Line::raw(format!(
            "{}  {:<24} {:<12} desk {}{}{}",
            moment(r.at),
            r.medewerker,
            r.reden,
            r.desk_id.get(..8).unwrap_or(&r.desk_id),
            r.zaak
                .as_deref()
                .map(|z| format!("  {z}"))
                .unwrap_or_default(),
            r.doel
                .as_deref()
                .map(|d| format!("  ({d})"))
                .unwrap_or_default()
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
