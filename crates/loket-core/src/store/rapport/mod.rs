//! `loket rapport`: the management report over a period, each figure against its norm, as
//! Markdown (to read), CSV for Dutch Excel (semicolons, decimal comma, UTF-8 with BOM) or JSON.

use chrono::Datelike;
use chrono::{DateTime, Local, NaiveDate, Utc};
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
    // The end is the start of the day after `tot`; past year 9999 a stored moment cannot be
    // (timestamps are written with four-digit years), so everything up to then counts.
    let b = tot
        .succ_opt()
        .filter(|d| d.year() <= 9999)
        .map_or_else(|| "9999-12-31T23:59:59.999Z".to_string(), grens);
    let a = grens(van);
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
mod tests;
