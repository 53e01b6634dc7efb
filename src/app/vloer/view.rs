//! `loket vloer`: the floor manager's wall screen. Tiles for the telephone, the agents, the
//! counter, today's afspraken, the contactverzoeken, first-contact resolution and the
//! kennisbank's misses; each verdict with its norm, by symbol as well as colour; and the staffing
//! advice from Erlang C.

use chrono::{DateTime, Local, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, BorderType, Borders, Paragraph, Sparkline, Wrap,
};

use crate::app::vloer::{Sortering, TEGELS, Weergave, kolommen};
use crate::store::vloer::Vloer;
use crate::ui::Theme;

pub use crate::domain::kpi::Normen;

/// The norms breached now, in words (the banner, and the bell when one is added).
pub fn overschreden(v: &Vloer, normen: &Normen) -> Vec<String> {
    let mut uit = Vec::new();
    if let Some(sl) = v
        .telefoon
        .servicelevel
        .filter(|s| *s < normen.servicelevel_pct)
    {
        uit.push(format!(
            "servicelevel {sl:.0}% < norm {:.0}% (≤ {} s)",
            normen.servicelevel_pct, normen.telefoon_s
        ));
    }
    let te_laat: u32 = v.verzoeken.iter().map(|(_, _, _, l)| l).sum();
    if te_laat > 0 {
        uit.push(format!("{te_laat} contactverzoeken te laat"));
    }
    if let Some((d, _, w, _)) = v
        .balie_wachtend
        .iter()
        .filter(|(_, _, w, _)| *w > normen.balie_s)
        .max_by_key(|(_, _, w, _)| *w)
    {
        uit.push(format!("balie {d}: {} min wachten", w / 60));
    }
    uit
}

fn oordeel(theme: &Theme, goed: bool, bijna: bool) -> (Style, &'static str) {
    if goed {
        (theme.ok(), "✓")
    } else if bijna {
        (theme.warning(), "▲")
    } else {
        (theme.error(), "✖")
    }
}

/// A waiting time against its norm, by the one rule the desks use too (`Oordeel::van`).
fn wacht_oordeel(theme: &Theme, seconden: i64, norm: i64) -> (Style, &'static str) {
    let o = crate::domain::telefonie::Oordeel::van(seconden, norm);
    (theme.oordeel(o), o.symbool())
}

fn mmss(s: f64) -> String {
    let s = s.round() as i64;
    format!("{:02}:{:02}", s / 60, s % 60)
}

fn pct(p: Option<f64>) -> String {
    p.map_or("-".into(), |p| format!("{p:.0}%"))
}

/// How many rows `line` takes when wrapped at word boundaries into `breedte` columns (as the
/// tiles' `Wrap` does; a word longer than the row is broken).
fn rijen_voor(line: &Line, breedte: usize) -> usize {
    let breedte = breedte.max(1);
    let tekst: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let (mut rijen, mut kolom) = (1usize, 0usize);
    for woord in tekst.split(' ').filter(|w| !w.is_empty()) {
        let lengte = woord.chars().count();
        let nodig = if kolom == 0 {
            lengte
        } else {
            kolom + 1 + lengte
        };
        if nodig <= breedte {
            kolom = nodig;
        } else if lengte <= breedte {
            rijen += 1;
            kolom = lengte;
        } else {
            // Broken over rows: continue on the current one when it has room.
            let begin = if kolom == 0 { 0 } else { kolom + 1 };
            let totaal = begin + lengte;
            rijen += totaal.div_ceil(breedte) - 1;
            kolom = totaal % breedte;
            if kolom == 0 {
                kolom = breedte;
            }
        }
    }
    rijen
}

/// The tile's lines for an inside of `hoogte` rows of `breedte` columns: the fixed lines above
/// and below, and of the list in between as many rows as fit; when not all do, one row says how
/// many lines are not shown ("+6 meer"; Enter shows the list). Should even the fixed lines not
/// fit with that row, the last of them go first and are counted in it too.
pub fn passend<'a>(
    boven: Vec<Line<'a>>,
    lijst: Vec<Line<'a>>,
    onder: Vec<Line<'a>>,
    hoogte: usize,
    breedte: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let rijen = |l: &[Line]| l.iter().map(|r| rijen_voor(r, breedte)).sum::<usize>();
    if rijen(&boven) + rijen(&lijst) + rijen(&onder) <= hoogte {
        return boven.into_iter().chain(lijst).chain(onder).collect();
    }
    let (mut boven, mut onder) = (boven, onder);
    let mut meer = 0usize;
    while rijen(&boven) + rijen(&onder) + 1 > hoogte {
        if onder.pop().or_else(|| boven.pop()).is_none() {
            break;
        }
        meer += 1;
    }
    let ruimte = hoogte.saturating_sub(rijen(&boven) + rijen(&onder) + 1);
    let (mut gebruikt, mut getoond) = (0, 0);
    for l in &lijst {
        let h = rijen_voor(l, breedte);
        if gebruikt + h > ruimte {
            break;
        }
        gebruikt += h;
        getoond += 1;
    }
    meer += lijst.len() - getoond;
    let mut uit = boven;
    uit.extend(lijst.into_iter().take(getoond));
    uit.push(Line::styled(format!("+{meer} meer"), theme.muted()));
    uit.extend(onder);
    uit
}

/// A tile's inside: its area less the border.
fn binnen(vak: Rect) -> (usize, usize) {
    (
        usize::from(vak.height.saturating_sub(2)),
        usize::from(vak.width.saturating_sub(2)),
    )
}

fn tegel<'a>(titel: &'a str, lines: Vec<Line<'a>>, gekozen: bool) -> Paragraph<'a> {
    Paragraph::new(lines).wrap(Wrap { trim: true }).block(
        Block::default()
            .borders(Borders::ALL)
            .border_type(if gekozen {
                BorderType::Thick
            } else {
                BorderType::Rounded
            })
            .title(if gekozen {
                format!(" ▶ {titel} · Enter ")
            } else {
                format!(" {titel} ")
            }),
    )
}

#[allow(clippy::too_many_arguments)]
pub fn render(
    frame: &mut Frame,
    area: Rect,
    v: &Vloer,
    normen: &Normen,
    weergave: &Weergave,
    gemeente: &str,
    nu: DateTime<Utc>,
    theme: &Theme,
) {
    let [kop, midden, onder] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(8),
        // The calls-per-hour line: small on a small screen, so the tiles keep their room.
        Constraint::Length(if area.height < 30 { 3 } else { 8 }),
    ])
    .areas(area);
    let t = &v.telefoon;
    // Staffing advice from the last half hour (Erlang C).
    let aangemeld = v
        .agents
        .iter()
        .filter(|a| a.status != "afgemeld" && a.status != "pauze")
        .count() as u32;
    let aht = t.gemiddelde_afhandeltijd.unwrap_or(300.0);
    // The busier of the last half hour and the same weekday's coming hour (as half hours).
    let per_half_uur = v.verwacht_komend_uur.map_or(v.binnen_30_min, |p| {
        v.binnen_30_min.max((p / 2.0).ceil() as u32)
    });
    let (nodig, tekort) = crate::domain::erlang::advies(
        per_half_uur,
        aht,
        normen.telefoon_s as f64,
        normen.servicelevel_pct / 100.0,
        aangemeld,
    );
    let advies = if tekort > 0 {
        Span::styled(
            format!(
                "Advies: {tekort} {} extra op telefoon tot {} (nodig {nodig}, aangemeld {aangemeld})",
                if tekort == 1 {
                    "medewerker"
                } else {
                    "medewerkers"
                },
                (nu + chrono::Duration::hours(1))
                    .with_timezone(&Local)
                    .format("%H:00")
            ),
            theme.warning(),
        )
    } else {
        Span::styled(
            format!("Bezetting voldoende (nodig {nodig}, aangemeld {aangemeld})"),
            theme.ok(),
        )
    };
    let sl_ok = t.servicelevel.is_none_or(|s| s >= normen.servicelevel_pct);
    let mut banner = vec![Span::styled(
        format!(
            "Vloer · {gemeente} · {}  ",
            nu.with_timezone(&Local).format("%H:%M:%S")
        ),
        theme.title(),
    )];
    let alarm = overschreden(v, normen);
    if !alarm.is_empty() {
        // As many breaches as fit the line, then how many more (none is cut mid-way); on a
        // narrow screen just how many.
        let ruimte = usize::from(area.width).saturating_sub(
            banner
                .iter()
                .map(|s| s.content.chars().count())
                .sum::<usize>(),
        );
        let tekst = (1..=alarm.len())
            .rev()
            .map(|k| {
                let rest = alarm.len() - k;
                format!(
                    "✖ {}{}",
                    alarm[..k].join(" · "),
                    if rest > 0 {
                        format!(" (+{rest} meer)")
                    } else {
                        String::new()
                    }
                )
            })
            .find(|t| t.chars().count() <= ruimte)
            .unwrap_or_else(|| match alarm.len() {
                1 => "✖ 1 norm overschreden".to_string(),
                n => format!("✖ {n} normen overschreden"),
            });
        banner.push(Span::styled(tekst, theme.error()));
    }
    frame.render_widget(
        Paragraph::new(vec![Line::from(banner), Line::from(advies)]),
        kop,
    );

    if weergave.detail {
        detail(frame, midden, v, weergave, nu, theme);
        render_onder(frame, onder, v, theme);
        return;
    }
    // Seven tiles: four, three or two across, by the width.
    let kolommen = kolommen(area.width) as u32;
    let aantal_rijen = 7u32.div_ceil(kolommen);
    let rijen = Layout::vertical(vec![
        Constraint::Ratio(1, aantal_rijen);
        aantal_rijen as usize
    ])
    .split(midden);
    let vakken: Vec<Rect> = rijen
        .iter()
        .flat_map(|r| {
            Layout::horizontal(vec![Constraint::Ratio(1, kolommen); kolommen as usize])
                .split(*r)
                .to_vec()
        })
        .collect();

    let (sl_stijl, sl_sym) = oordeel(
        theme,
        sl_ok,
        t.servicelevel
            .is_some_and(|s| s >= normen.servicelevel_pct - 10.0),
    );
    // A waiting time is judged as on the desk: amber past half the norm, red past the norm.
    let (w_stijl, w_sym) = wacht_oordeel(theme, t.langste_nu, normen.telefoon_s);
    let wachtrij = if t.wachtend == 0 {
        Line::from(vec![
            Span::styled("Niemand wacht ✓", theme.ok()),
            Span::styled(
                format!(" · vandaag max {}", mmss(t.langste_wachttijd as f64)),
                theme.muted(),
            ),
        ])
    } else {
        Line::from(vec![
            Span::raw(format!("Wachtend {} · langste ", t.wachtend)),
            Span::styled(format!("{} {w_sym}", mmss(t.langste_nu as f64)), w_stijl),
        ])
    };
    let mut telefoon = vec![wachtrij];
    // Several queues (desks each running their simulator, beside a PBX): one line each, never
    // mixed into one.
    if v.wachtrijen.len() > 1 {
        for q in &v.wachtrijen {
            let (s, sym) = wacht_oordeel(theme, q.langste_s, normen.telefoon_s);
            telefoon.push(Line::from(vec![
                Span::styled(format!(" {}: {} · ", q.naam, q.wachtend), theme.muted()),
                Span::styled(format!("{} {sym}", mmss(q.langste_s as f64)), s),
            ]));
        }
    }
    telefoon.extend([
        Line::from(vec![
            Span::raw("Servicelevel "),
            match t.servicelevel {
                // No calls yet: nothing to judge.
                None => Span::styled("-", theme.muted()),
                Some(_) => Span::styled(format!("{} {sl_sym}", pct(t.servicelevel)), sl_stijl),
            },
            Span::styled(
                format!(
                    " (norm {:.0}% ≤ {} s)",
                    normen.servicelevel_pct, normen.telefoon_s
                ),
                theme.muted(),
            ),
        ]),
        Line::raw(format!(
            "Aangeb. {} · beantw. {} · opgehangen {} ({})",
            t.aangeboden,
            t.beantwoord,
            t.verlaten,
            pct(t.verlaten_pct)
        )),
        // Short abandons apart: in neither the service level nor the abandon rate.
        Line::styled(
            format!(
                "Kort opgehangen (< {} s) {}",
                normen.kort_opgehangen_s, t.kort_opgehangen
            ),
            theme.muted(),
        ),
        Line::raw(format!(
            "ASA {} · AHT {} · terugval {}",
            t.gemiddelde_wachttijd.map_or("-".into(), mmss),
            t.gemiddelde_afhandeltijd.map_or("-".into(), mmss),
            v.terugval
        )),
    ]);
    let medewerkers: Vec<Line> = if v.agents.is_empty() {
        vec![Line::styled("Niemand aangemeld vandaag.", theme.muted())]
    } else {
        gesorteerd(v, weergave.sortering)
            .into_iter()
            .map(|a| {
                let (status, sinds) = status_sinds(a, nu);
                Line::raw(format!(
                    "{} · {status} {sinds} · {} gespr · {}",
                    a.naam,
                    a.gesprekken,
                    pct(a.bezetting)
                ))
            })
            .collect()
    };
    let mut balie: Vec<Line> = v
        .balie_wachtend
        .iter()
        .map(|(d, n, langste, verwacht)| {
            let (s, sym) = wacht_oordeel(theme, *langste, normen.balie_s);
            Line::from(vec![
                Span::raw(format!("{d}: {n} · ")),
                Span::styled(format!("{} {sym}", mmss(*langste as f64)), s),
                Span::styled(
                    format!(" · verw. {}", mmss(*verwacht as f64)),
                    theme.muted(),
                ),
            ])
        })
        .collect();
    if balie.is_empty() {
        balie.push(Line::styled("Niemand wacht.", theme.muted()));
    }
    let balie_onder = vec![
        Line::raw(format!(
            "Open {} · geholpen {} · niet versch. {}",
            v.balies_open, v.balie_geholpen, v.balie_no_show
        )),
        // Today's waits of the visitors called (kpi::balie), as the report has them.
        Line::raw(format!(
            "Wachttijd gem. {} · max {}",
            v.balie.gemiddelde_wachttijd.map_or("-".into(), mmss),
            v.balie
                .langste_wachttijd
                .map_or("-".into(), |s| mmss(s as f64))
        )),
    ];
    let afspraken = vec![
        Line::raw(format!("Gepland {}", v.afspraken_gepland)),
        Line::raw(format!("Aanwezig {}", v.afspraken_aanwezig)),
        Line::raw(format!("Geholpen {}", v.afspraken_geholpen)),
        Line::raw(format!("Niet verschenen {}", v.afspraken_no_show)),
        Line::raw(format!("Komend uur {}", v.afspraken_komend_uur)),
    ];
    let te_laat: u32 = v.verzoeken.iter().map(|(_, _, _, l)| l).sum();
    let verzoeken = vec![Line::from(vec![
        Span::raw(format!(
            "Open {} · vandaag {} · ",
            v.verzoeken.iter().map(|(_, o, _, _)| o).sum::<u32>(),
            v.verzoeken.iter().map(|(_, _, d, _)| d).sum::<u32>()
        )),
        {
            let (s, sym) = oordeel(theme, te_laat == 0, false);
            Span::styled(format!("te laat {te_laat} {sym}"), s)
        },
    ])];
    // The back office picking up the KCC's warm transfers, and calls that fell back; then the
    // afdelingen (these rows give way first when the tile is small).
    let (n, niet) = v
        .doorverbindingen
        .iter()
        .fold((0, 0), |(n, niet), d| (n + d.1, niet + d.2));
    let wacht = v
        .doorverbindingen
        .iter()
        .map(|d| d.3 * f64::from(d.1))
        .sum::<f64>();
    let mut verzoeken_lijst = Vec::new();
    if n > 0 {
        verzoeken_lijst.push(Line::raw(format!(
            "Doorverbonden {n} · opname gem. {}",
            mmss(wacht / f64::from(n))
        )));
    }
    verzoeken_lijst.push(Line::raw(format!(
        "Niet opgenomen {niet} · terugval {}",
        v.terugval
    )));
    verzoeken_lijst.extend(
        v.verzoeken
            .iter()
            .map(|(afd, open, _, laat)| Line::raw(format!("{afd}: {open} open, {laat} te laat"))),
    );
    let fcr = |p: Option<f64>| {
        let Some(p) = p else {
            return Span::styled("-", theme.muted());
        };
        let (s, sym) = oordeel(theme, p >= normen.fcr_pct, p >= normen.fcr_pct - 10.0);
        Span::styled(format!("{} {sym}", pct(Some(p))), s)
    };
    let eerste = vec![Line::from(vec![
        Span::raw("Vandaag "),
        fcr(v.fcr_vandaag),
        Span::raw(" · maand "),
        fcr(v.fcr_maand),
        Span::styled(format!(" (norm {:.0}%)", normen.fcr_pct), theme.muted()),
    ])];
    let onderwerpen: Vec<Line> = v
        .top_onderwerpen
        .iter()
        .map(|(o, n)| Line::raw(format!("{n:>3}  {o}")))
        .collect();
    let mut kb: Vec<Line> = v
        .zonder_resultaat
        .iter()
        .map(|(q, n)| Line::raw(format!("{n:>3}  {q}")))
        .collect();
    if kb.is_empty() {
        kb.push(Line::styled(
            "Geen zoektermen zonder resultaat.",
            theme.muted(),
        ));
    }
    // Per tile: fixed lines above, the list (cut with "+N meer" when it does not fit), fixed
    // lines below.
    let inhoud: [(Vec<Line>, Vec<Line>, Vec<Line>); 7] = [
        (Vec::new(), telefoon, Vec::new()),
        (Vec::new(), medewerkers, Vec::new()),
        (Vec::new(), balie, balie_onder),
        (Vec::new(), afspraken, Vec::new()),
        (verzoeken, verzoeken_lijst, Vec::new()),
        (eerste, onderwerpen, Vec::new()),
        (Vec::new(), kb, Vec::new()),
    ];
    for (i, ((boven, lijst, onder), vak)) in inhoud.into_iter().zip(vakken.iter()).enumerate() {
        let (hoogte, breedte) = binnen(*vak);
        let lines = passend(boven, lijst, onder, hoogte, breedte, theme);
        frame.render_widget(tegel(TEGELS[i], lines, i == weergave.gekozen), *vak);
    }
    render_onder(frame, onder, v, theme);
}

/// The agents in the chosen order.
/// An agent's status in words and how long it has lasted.
fn status_sinds(a: &crate::store::vloer::Agent, nu: DateTime<Utc>) -> (String, String) {
    (
        a.status.replace('_', " "),
        mmss((nu - a.sinds).num_seconds().max(0) as f64),
    )
}

fn gesorteerd(v: &Vloer, s: Sortering) -> Vec<&crate::store::vloer::Agent> {
    let mut a: Vec<_> = v.agents.iter().collect();
    match s {
        Sortering::Naam => a.sort_by(|x, y| x.naam.cmp(&y.naam)),
        Sortering::Status => a.sort_by(|x, y| x.status.cmp(&y.status).then(x.naam.cmp(&y.naam))),
        Sortering::Gesprekken => a.sort_by_key(|x| std::cmp::Reverse(x.gesprekken)),
        Sortering::Bezetting => a.sort_by(|x, y| {
            y.bezetting
                .unwrap_or(0.0)
                .total_cmp(&x.bezetting.unwrap_or(0.0))
        }),
    }
    a
}

/// The chosen tile's rows, over the tiles' space.
fn detail(
    frame: &mut Frame,
    area: Rect,
    v: &Vloer,
    w: &Weergave,
    nu: DateTime<Utc>,
    theme: &Theme,
) {
    let klok = |t: DateTime<Utc>| t.with_timezone(&Local).format("%H:%M").to_string();
    let mut l: Vec<Line> = match w.gekozen {
        0 => v
            .langst_gewacht
            .iter()
            .map(|(t, s, keuze, hoe)| {
                Line::raw(format!(
                    "{}  {:>6}  {keuze}  {hoe}",
                    klok(*t),
                    mmss(*s as f64)
                ))
            })
            .collect(),
        1 => gesorteerd(v, w.sortering)
            .into_iter()
            .map(|a| {
                let (status, sinds) = status_sinds(a, nu);
                Line::raw(format!(
                    "{:<28} {status:<12} {sinds}  {:>3} gespr  {:>3} contact  AHT {}  bezetting {}",
                    a.naam,
                    a.gesprekken,
                    a.contacten,
                    a.aht.map_or("-".into(), mmss),
                    pct(a.bezetting)
                ))
            })
            .collect(),
        2 => v
            .wachtende_bezoekers
            .iter()
            .map(|(nr, dienst, s)| Line::raw(format!("{nr}  {:>6}  {dienst}", mmss(*s as f64))))
            .collect(),
        3 => v
            .komende_afspraken
            .iter()
            .map(|(t, product, plek)| Line::raw(format!("{}  {product}  ({plek})", klok(*t))))
            .collect(),
        4 => {
            let mut l: Vec<Line> = v
                .te_laat
                .iter()
                .map(|(afd, wat, t)| {
                    let uren = (nu - *t).num_hours().max(0);
                    Line::raw(format!("{afd:<24} {:>4} u te laat  {wat}", uren))
                })
                .collect();
            if !v.doorverbindingen.is_empty() {
                l.push(Line::styled(
                    "Doorverbonden vandaag: aantal, niet opgenomen, gemiddelde opnametijd",
                    theme.muted(),
                ));
                l.extend(v.doorverbindingen.iter().map(|(naar, n, niet, s)| {
                    Line::raw(format!("{naar:<24} {n:>4}  {niet:>4}  {:>6}", mmss(*s)))
                }));
            }
            l
        }
        5 => v
            .top_onderwerpen
            .iter()
            .map(|(o, n)| Line::raw(format!("{n:>4}  {o}")))
            .collect(),
        _ => v
            .zonder_resultaat
            .iter()
            .map(|(q, n)| Line::raw(format!("{n:>4}  {q}")))
            .collect(),
    };
    if l.is_empty() {
        l.push(Line::styled("Geen regels.", theme.muted()));
    }
    let sortering = if w.gekozen == 1 {
        format!(" · s sorteert ({:?})", w.sortering).to_lowercase()
    } else {
        String::new()
    };
    frame.render_widget(
        Paragraph::new(l).block(
            Block::default()
                .borders(Borders::ALL)
                .border_type(BorderType::Thick)
                .title(format!(
                    " {} · Enter of Esc terug{sortering} ",
                    TEGELS[w.gekozen]
                )),
        ),
        area,
    );
}

fn render_onder(frame: &mut Frame, onder: Rect, v: &Vloer, theme: &Theme) {
    let t = &v.telefoon;
    // Calls per hour through the day.
    let data: Vec<u64> = t.per_uur.iter().map(|n| u64::from(*n)).collect();
    let wachtend: Vec<u64> = v.wachtenden_verloop.iter().map(|n| u64::from(*n)).collect();
    let [lijn, legenda] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(onder);
    let [per_uur, verloop] =
        Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(lijn);
    // One bar per hour from 7 to 20 (the hours a KCC is open, evening included).
    let balken: Vec<Bar> = (7..21)
        .map(|u| {
            Bar::default()
                .value(data[u])
                .label(Line::from(format!("{u}")))
                .text_value(String::new())
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .block(
                Block::default()
                    .borders(Borders::TOP)
                    .title(" Gesprekken per uur "),
            )
            .data(BarGroup::default().bars(&balken))
            .bar_width(2)
            .bar_gap(1)
            .bar_style(theme.title()),
        per_uur,
    );
    // The last quarters that fit, so now is always at the right.
    let past = usize::from(verloop.width);
    let van = wachtend.len().saturating_sub(past);
    frame.render_widget(
        Sparkline::default()
            .block(
                Block::default()
                    .borders(Borders::TOP)
                    .title(" Wachtenden per kwartier "),
            )
            .data(&wachtend[van..])
            .style(theme.warning()),
        verloop,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            "pijltjes kiezen · Enter details · s sorteert medewerkers · Esc sluiten",
            theme.muted(),
        )),
        legenda,
    );
}
