//! `loket rapport`: the management report over a period, each figure against its norm, as
//! Markdown (to read), CSV for Dutch Excel (semicolons, decimal comma, UTF-8 with BOM) or JSON.

use chrono::{DateTime, Duration, Local, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::{parse_ts, ts};
use crate::domain::Kanaal;
use crate::domain::kpi::{self, Normen};
use crate::domain::telefonie::Gesprek;
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
    /// First-contact resolution, percent.
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
    pub eerste_lijn: Option<f64>,
    pub groepen: Vec<Groep>,
    pub telefoon_aangeboden: u32,
    pub telefoon_servicelevel: Option<f64>,
    pub telefoon_gemiddelde_wachttijd: Option<f64>,
    pub telefoon_verlaten: Option<f64>,
    /// Walk-in and appointment visitors called to a balie in the period, the share called
    /// within the balie norm, and their average wait (seconds).
    pub balie_opgeroepen: i64,
    pub balie_binnen_norm: Option<f64>,
    pub balie_gemiddelde_wachttijd: Option<f64>,
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
        "SELECT {sleutel}, count(*), avg(coalesce(c.eerstelijns_afgehandeld, 0)) * 100
         FROM contactmoment c
         LEFT JOIN medewerker m ON m.id = c.medewerker_id
         LEFT JOIN afdeling af ON af.id = m.afdeling_id
         LEFT JOIN afdeling ac ON ac.id = c.afdeling_id
         WHERE c.plaatsgevonden_op >= ?1 AND c.plaatsgevonden_op < ?2 AND c.deleted = 0
         GROUP BY 1 ORDER BY {volgorde}"
    ))?;
    let groepen: Vec<Groep> = st
        .query_map(params![a, b], |r| {
            let groep: String = r.get(0)?;
            Ok(Groep {
                // Channels by the words the UI uses ("e-mail", "social media").
                groep: match per {
                    Per::Kanaal => Kanaal::ALL
                        .into_iter()
                        .find(|k| k.as_str() == groep)
                        .map_or(groep, |k| k.label().to_string()),
                    _ => groep,
                },
                contacten: r.get(1)?,
                eerste_lijn: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (contacten, eerste_lijn): (i64, Option<f64>) = conn.query_row(
        "SELECT count(*), avg(coalesce(eerstelijns_afgehandeld, 0)) * 100 FROM contactmoment
         WHERE plaatsgevonden_op >= ?1 AND plaatsgevonden_op < ?2 AND deleted = 0",
        params![a, b],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // Telephone.
    // Calls closed after a desk's restart before anyone answered have no outcome: left out,
    // as on the floor.
    let mut st = conn.prepare_cached(&format!(
        "SELECT binnen_op, aangenomen_op, coalesce(beeindigd_op, afgebroken_op), verlaten_op
         FROM gesprek WHERE binnen_op >= ?1 AND binnen_op < ?2 AND deleted = 0 AND {}",
        super::gesprekken::TELT_MEE
    ))?;
    let tijd = |s: Option<String>| s.as_deref().and_then(parse_ts);
    let gesprekken: Vec<(Gesprek, Option<i64>)> = st
        .query_map(params![a, b], |r| {
            let binnen = tijd(r.get(0)?).unwrap_or(nu);
            Ok((
                Gesprek::uit_tijden(binnen, tijd(r.get(1)?), tijd(r.get(2)?), tijd(r.get(3)?)),
                None,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let t = kpi::telefoon_periode(&gesprekken, van, tot, normen.telefoon_s, nu);
    // The counter: how long visitors waited until called (no-shows and those still waiting
    // have no wait to judge).
    let (balie_opgeroepen, balie_binnen, balie_gemiddeld): (i64, i64, Option<f64>) = conn
        .query_row(
            "SELECT count(*),
                coalesce(sum(w <= ?3), 0),
                avg(w)
         FROM (SELECT (julianday(opgeroepen_op) - julianday(aangekomen_op)) * 86400.0 AS w
               FROM bezoek
               WHERE aangekomen_op >= ?1 AND aangekomen_op < ?2 AND deleted = 0
                 AND opgeroepen_op IS NOT NULL)",
            params![a, b, normen.balie_s as f64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
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
        eerste_lijn,
        groepen,
        telefoon_aangeboden: t.aangeboden,
        telefoon_servicelevel: t.servicelevel,
        telefoon_gemiddelde_wachttijd: t.gemiddelde_wachttijd,
        telefoon_verlaten: t.verlaten_pct,
        balie_opgeroepen,
        balie_binnen_norm: (balie_opgeroepen > 0)
            .then(|| balie_binnen as f64 * 100.0 / balie_opgeroepen as f64),
        balie_gemiddelde_wachttijd: balie_gemiddeld,
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
        "Contacten: {}. Eerstelijns afgehandeld: {} (norm {}%) {}\n\n",
        r.contacten,
        r.eerste_lijn.map_or("-".into(), procent),
        r.norm_eerste_lijn,
        r.eerste_lijn.map_or("", |p| oordeel(p, r.norm_eerste_lijn))
    ));
    o.push_str(&format!(
        "## Contacten per {0}\n\n| {0} | contacten | eerstelijns % | norm |\n|---|---:|---:|---|\n",
        r.per.naam()
    ));
    for g in &r.groepen {
        o.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            g.groep,
            g.contacten,
            komma(g.eerste_lijn),
            oordeel(g.eerste_lijn, r.norm_eerste_lijn)
        ));
    }
    o.push_str(&format!(
        "\n## Telefoon\n\nAangeboden: {}. Servicelevel (≤ {} s): {} (norm {}%). Gemiddelde wachttijd: {}. Verlaten: {}.\n",
        r.telefoon_aangeboden,
        r.norm_telefoon_s,
        r.telefoon_servicelevel.map_or("-".into(), procent),
        r.norm_servicelevel,
        r.telefoon_gemiddelde_wachttijd.map_or("-".into(), |s| format!("{} s", komma(s))),
        r.telefoon_verlaten.map_or("-".into(), procent),
    ));
    o.push_str(&format!(
        "\n## Balie\n\nOpgeroepen: {}. Binnen {} min: {} (norm {}% van de gevallen){}. Gemiddelde wachttijd: {}.\n",
        r.balie_opgeroepen,
        r.norm_balie_minuten,
        r.balie_binnen_norm.map_or("-".into(), procent),
        r.norm_gehaald,
        r.balie_binnen_norm.map_or(String::new(), |p| format!(" {}", oordeel(p, r.norm_gehaald))),
        r.balie_gemiddelde_wachttijd.map_or("-".into(), |s| format!("{} min", komma(s / 60.0))),
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

fn csv_veld(s: &str) -> String {
    if s.contains([';', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV that Dutch Excel opens as it should: UTF-8 with BOM, semicolons, decimal commas.
pub fn csv(r: &Rapport) -> String {
    let mut o = String::from("\u{feff}");
    o.push_str("onderdeel;groep;aantal;waarde;norm;binnen_norm\n");
    o.push_str(&format!(
        "eerste_lijn;totaal;{};{};{};{}\n",
        r.contacten,
        r.eerste_lijn.map_or(String::new(), komma),
        komma(r.norm_eerste_lijn),
        r.eerste_lijn
            .map_or("", |p| if p >= r.norm_eerste_lijn { "ja" } else { "nee" })
    ));
    for g in &r.groepen {
        o.push_str(&format!(
            "contacten_per_{};{};{};{};{};{}\n",
            r.per.naam(),
            csv_veld(&g.groep),
            g.contacten,
            komma(g.eerste_lijn),
            komma(r.norm_eerste_lijn),
            if g.eerste_lijn >= r.norm_eerste_lijn {
                "ja"
            } else {
                "nee"
            }
        ));
    }
    o.push_str(&format!(
        "telefoon;servicelevel;{};{};{};{}\n",
        r.telefoon_aangeboden,
        r.telefoon_servicelevel.map_or(String::new(), komma),
        komma(r.norm_servicelevel),
        r.telefoon_servicelevel
            .map_or("", |p| if p >= r.norm_servicelevel {
                "ja"
            } else {
                "nee"
            })
    ));
    let ja = |p: f64, norm: f64| if p >= norm { "ja" } else { "nee" };
    if let Some(w) = r.telefoon_gemiddelde_wachttijd {
        o.push_str(&format!(
            "telefoon;gemiddelde_wachttijd_s;{};{};;\n",
            r.telefoon_aangeboden,
            komma(w)
        ));
    }
    if let Some(v) = r.telefoon_verlaten {
        o.push_str(&format!(
            "telefoon;verlaten;{};{};;\n",
            r.telefoon_aangeboden,
            komma(v)
        ));
    }
    if let Some(w) = r.balie_gemiddelde_wachttijd {
        o.push_str(&format!(
            "balie;gemiddelde_wachttijd_min;{};{};;\n",
            r.balie_opgeroepen,
            komma(w / 60.0)
        ));
    }
    o.push_str(&format!(
        "balie;binnen_{}_min;{};{};{};{}\n",
        r.norm_balie_minuten,
        r.balie_opgeroepen,
        r.balie_binnen_norm.map_or(String::new(), komma),
        komma(r.norm_gehaald),
        r.balie_binnen_norm.map_or("", |p| ja(p, r.norm_gehaald))
    ));
    for s in &r.schriftelijk {
        o.push_str(&format!(
            "schriftelijk;{} binnen {} {};{};{};{};{}\n",
            csv_veld(&s.kanaal),
            s.norm_werkdagen,
            if s.norm_werkdagen == 1 {
                "werkdag"
            } else {
                "werkdagen"
            },
            s.totaal,
            komma(s.binnen_norm_pct),
            komma(r.norm_gehaald),
            ja(s.binnen_norm_pct, r.norm_gehaald)
        ));
    }
    for v in &r.verzoeken {
        o.push_str(&format!(
            "contactverzoeken;{};{};{};{};{}\n",
            csv_veld(&v.afdeling),
            v.totaal,
            komma(v.binnen_norm),
            komma(r.norm_gehaald),
            if v.binnen_norm >= r.norm_gehaald {
                "ja"
            } else {
                "nee"
            }
        ));
    }
    o.push_str(&format!(
        "afspraken;gepland;{};;;\nafspraken;niet_verschenen;{};;;\n",
        r.afspraken, r.afspraken_niet_verschenen
    ));
    for (ond, n) in &r.onderwerpen {
        o.push_str(&format!("onderwerpen;{};{n};;;\n", csv_veld(ond)));
    }
    for (q, n) in &r.zonder_resultaat {
        o.push_str(&format!("zonder_resultaat;{};{n};;;\n", csv_veld(q)));
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
            md.contains("Binnen 15 min: 50,0% (norm 95% van de gevallen) ✖"),
            "{md}"
        );
        let c = csv(&r);
        assert!(
            c.contains("schriftelijk;post binnen 5 werkdagen;1;100,0;95,0;ja"),
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
        assert_eq!(kop.split(';').count(), 6);
        let regel = c
            .lines()
            .find(|l| l.starts_with("contacten_per_dag;2026-11-"))
            .expect("a row per day");
        let pct = regel.split(';').nth(3).unwrap();
        assert!(pct.contains(',') && !pct.contains('.'), "{regel}");
        let json = serde_json::to_value(rapport(Per::Uur)).unwrap();
        assert_eq!(json["per"], "uur");
    }
}
