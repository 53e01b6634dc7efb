//! What the floor manager's view shows, read in one go from the desk's database (with sync: every
//! desk's data): the telephone figures, the agents, the counter, today's afspraken, the
//! contactverzoeken per afdeling, first-contact resolution and the kennisbank's misses.

use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, Utc};
use rusqlite::{Connection, params};

use super::{parse_ts, ts};
use crate::domain::kpi::{self, BalieKpi, Normen, TelefoonKpi};
use crate::domain::telefonie::AgentStatus;
use crate::domain::telefonie::Gesprek;

/// One agent's line.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    pub naam: String,
    pub status: String,
    /// Since when in this state.
    pub sinds: DateTime<Utc>,
    /// Calls answered today.
    pub gesprekken: u32,
    /// Contacts registered today, on every channel.
    pub contacten: u32,
    /// AHT today over the calls this agent answered (`kpi::telefoon`), seconds.
    pub aht: Option<f64>,
    /// Occupancy today (`kpi::bezetting`), percent.
    pub bezetting: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Vloer {
    pub telefoon: TelefoonKpi,
    /// The queues waiting now, from the stored open calls: the PBX's (recorded once, whichever
    /// desks wrote it) and one per desk running the simulator (a demo PBX of its own).
    pub wachtrijen: Vec<super::gesprekken::Wachtrij>,
    /// Calls arrived in the last 30 minutes.
    pub binnen_30_min: u32,
    /// Forecast for the coming hour: the calls that arrived in that hour on the same weekday,
    /// averaged over the last four weeks (None without history).
    pub verwacht_komend_uur: Option<f64>,
    /// Callers waiting through the day, every 15 minutes from midnight until now.
    pub wachtenden_verloop: Vec<u32>,
    /// Fallback calls today (an afdeling did not answer and the call came back to the KCC).
    pub terugval: u32,
    pub agents: Vec<Agent>,
    /// Per dienst: waiting, longest wait in seconds, and the estimated wait for someone
    /// arriving now (`kpi::verwachte_wacht`: over the balies open now that serve the dienst,
    /// handlings of 0 s ignored), seconds.
    pub balie_wachtend: Vec<(String, u32, i64, i64)>,
    /// Today's waits of the visitors called (`kpi::balie`).
    pub balie: BalieKpi,
    /// Balies open: signed in today (also with nobody at them), or calling or helping someone.
    pub balies_open: u32,
    pub balie_geholpen: u32,
    pub balie_no_show: u32,
    pub afspraken_gepland: u32,
    pub afspraken_aanwezig: u32,
    /// Checked in and helped to the end today.
    pub afspraken_geholpen: u32,
    pub afspraken_no_show: u32,
    pub afspraken_komend_uur: u32,
    /// Per afdeling: open, due today, overdue.
    pub verzoeken: Vec<(String, u32, u32, u32)>,
    /// Warm transfers today per colleague or afdeling: how many, how many not picked up, and
    /// the average seconds the caller waited on hold for them (the back office's pick-up time).
    pub doorverbindingen: Vec<(String, u32, u32, f64)>,
    /// First-contact resolution today and this month, percent.
    pub fcr_vandaag: Option<f64>,
    pub fcr_maand: Option<f64>,
    pub top_onderwerpen: Vec<(String, u32)>,
    pub zonder_resultaat: Vec<(String, u32)>,
    /// Drill-down rows: the calls that waited longest today (arrived, waited s, keuze, how it
    /// ended), the overdue contactverzoeken (afdeling, gevraagde handeling, deadline), the
    /// visitors waiting (ticket, dienst, waited s) and the afspraken of the coming hour (time,
    /// product, plek).
    pub langst_gewacht: Vec<(DateTime<Utc>, i64, String, String)>,
    pub te_laat: Vec<(String, String, DateTime<Utc>)>,
    pub wachtende_bezoekers: Vec<(String, String, i64)>,
    pub komende_afspraken: Vec<(DateTime<Utc>, String, String)>,
}

impl Vloer {
    /// For a screen whose viewer may not see who is who (no supervisor started it, or the
    /// config says so): the agents without their names, in an order that does not give them
    /// away (by state, then how long in it).
    pub fn anoniem(&mut self) {
        self.agents
            .sort_by(|a, b| a.status.cmp(&b.status).then(a.sinds.cmp(&b.sinds)));
        for (i, a) in self.agents.iter_mut().enumerate() {
            a.naam = format!("Medewerker {}", i + 1);
        }
    }
}

pub fn dag_grenzen(dag: NaiveDate) -> (String, String) {
    let grens = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(Local).earliest())
            .map(|t| ts(t.with_timezone(&Utc)))
            .unwrap_or_default()
    };
    (grens(dag), grens(dag + Duration::days(1)))
}

fn tijd(s: Option<String>) -> Option<DateTime<Utc>> {
    s.as_deref().and_then(parse_ts)
}

/// The calls that arrived from `van` until `tot` (timestamps as stored), each with the
/// after-call work of its registration when there is one: the input of `kpi::telefoon` for the
/// floor and the report alike.
pub fn gesprekken(
    conn: &Connection,
    van: &str,
    tot: &str,
    nu: DateTime<Utc>,
) -> rusqlite::Result<Vec<(Gesprek, Option<i64>)>> {
    gesprekken_van(conn, van, tot, nu, None)
}

/// As [`gesprekken`], of one queue only when `wachtrij` is given: `Some(Some(desk))` the calls
/// of that desk's simulator, `Some(None)` the telephone exchange's (the desk's own figures
/// after a restart are those of its queue, as the floor's line for that queue).
pub fn gesprekken_van(
    conn: &Connection,
    van: &str,
    tot: &str,
    nu: DateTime<Utc>,
    wachtrij: Option<Option<uuid::Uuid>>,
) -> rusqlite::Result<Vec<(Gesprek, Option<i64>)>> {
    // A call closed after a desk's restart before anyone answered it has no outcome: left out
    // (`TELT_MEE`); one closed while connected ended then.
    let mut st = conn.prepare_cached(&format!(
        "SELECT g.binnen_op, g.aangenomen_op, coalesce(g.beeindigd_op, g.afgebroken_op),
                g.verlaten_op, g.keuze,
                (SELECT max(c.nawerk_seconden) FROM contactmoment c
                 WHERE c.gesprek_id = g.id AND c.deleted = 0),
                g.agent, g.medewerker_id, g.id
         FROM gesprek g WHERE g.binnen_op >= ?1 AND g.binnen_op < ?2 AND g.deleted = 0
           AND (?3 = 0 OR g.simulator_desk IS ?4) AND {}",
        super::gesprekken::TELT_MEE
    ))?;
    let (alle, desk) = match wachtrij {
        None => (0, None),
        Some(d) => (1, d.map(|d| d.to_string())),
    };
    st.query_map(params![van, tot, alle, desk], |r| {
        let binnen = tijd(r.get(0)?).unwrap_or(nu);
        let mut g = Gesprek {
            keuze: r.get(4)?,
            agent: r.get(6)?,
            medewerker_id: r
                .get::<_, Option<String>>(7)?
                .and_then(|m| uuid::Uuid::parse_str(&m).ok()),
            ..Gesprek::uit_tijden(binnen, tijd(r.get(1)?), tijd(r.get(2)?), tijd(r.get(3)?))
        };
        if let Some(id) = r
            .get::<_, String>(8)
            .ok()
            .and_then(|s| uuid::Uuid::parse_str(&s).ok())
        {
            g.meta.id = id;
        }
        Ok((g, r.get(5)?))
    })?
    .collect()
}

/// Everything for `dag`, as of `nu`, against `normen`.
pub fn laad(
    conn: &Connection,
    dag: NaiveDate,
    nu: DateTime<Utc>,
    normen: &Normen,
) -> rusqlite::Result<Vloer> {
    let (van, tot) = dag_grenzen(dag);
    let mut v = Vloer::default();

    // Telephone: today's calls with the after-call work of their registration, the open ones
    // too (every call is stored from the moment it joins the queue).
    let gesprekken = gesprekken(conn, &van, &tot, nu)?;
    v.telefoon = kpi::telefoon(&gesprekken, dag, normen, nu);
    v.wachtrijen = super::gesprekken::wachtrijen(conn, nu)?;
    let mut wachten: Vec<(DateTime<Utc>, i64, String, String)> = gesprekken
        .iter()
        .map(|(g, _)| {
            let (eind, hoe) = match (g.aangenomen_op, g.verlaten_op) {
                (Some(t), _) => (t, "beantwoord"),
                (None, Some(t)) => (t, "opgehangen"),
                (None, None) => (nu, "wacht nog"),
            };
            (
                g.binnen_op,
                (eind - g.binnen_op).num_seconds().max(0),
                g.keuze.clone(),
                hoe.to_string(),
            )
        })
        .collect();
    wachten.sort_by_key(|w| std::cmp::Reverse(w.1));
    wachten.truncate(20);
    v.langst_gewacht = wachten;
    v.binnen_30_min = gesprekken
        .iter()
        .filter(|(g, _)| g.binnen_op > nu - Duration::minutes(30))
        .count() as u32;
    v.terugval = conn.query_row(
        "SELECT coalesce(sum(terugval), 0) FROM gesprek
         WHERE binnen_op >= ?1 AND binnen_op < ?2 AND deleted = 0",
        params![van, tot],
        |r| r.get(0),
    )?;
    // Callers waiting at each quarter hour of the day so far.
    let begin = dag
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(Local).earliest())
        .map_or(nu, |t| t.with_timezone(&Utc));
    let mut t = begin;
    while t <= nu {
        let n = gesprekken
            .iter()
            .filter(|(g, _)| {
                g.binnen_op <= t && g.aangenomen_op.or(g.verlaten_op).is_none_or(|e| e > t)
            })
            .count() as u32;
        v.wachtenden_verloop.push(n);
        t += Duration::minutes(15);
    }
    // The same hour on the same weekday, the last four weeks.
    let mut som = 0u32;
    let mut weken = 0;
    for w in 1..=4 {
        let a = nu - Duration::weeks(w);
        let n: u32 = conn.query_row(
            "SELECT count(*) FROM gesprek WHERE binnen_op >= ?1 AND binnen_op < ?2 AND deleted = 0",
            params![ts(a), ts(a + Duration::hours(1))],
            |r| r.get(0),
        )?;
        let iets: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM gesprek WHERE binnen_op >= ?1 AND binnen_op < ?2)",
            params![ts(a - Duration::hours(12)), ts(a + Duration::hours(12))],
            |r| r.get(0),
        )?;
        if iets {
            som += n;
            weken += 1;
        }
    }
    v.verwacht_komend_uur = (weken > 0).then(|| f64::from(som) / f64::from(weken));

    // Agents: their last state, and today's calls and time per state.
    let mut st = conn.prepare_cached(
        "SELECT coalesce(m.naam, '?'), s.status, s.op, s.medewerker_id FROM agent_status s
         LEFT JOIN medewerker m ON m.id = s.medewerker_id
         WHERE s.op >= ?1 AND s.op < ?2 AND s.deleted = 0 ORDER BY s.medewerker_id, s.op",
    )?;
    let wissels: Vec<(String, String, DateTime<Utc>, Option<String>)> = st
        .query_map(params![van, tot], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                tijd(r.get(2)?).unwrap_or(nu),
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut i = 0;
    while i < wissels.len() {
        let wie = wissels[i].3.clone();
        let mut j = i;
        let mut eigen: Vec<(AgentStatus, DateTime<Utc>)> = Vec::new();
        while j < wissels.len() && wissels[j].3 == wie {
            // A state this version does not know counts in neither side of the occupancy.
            eigen.push((
                AgentStatus::parse(&wissels[j].1).unwrap_or(AgentStatus::Pauze),
                wissels[j].2,
            ));
            j += 1;
        }
        let laatste = &wissels[j - 1];
        let n: u32 = conn.query_row(
            "SELECT count(*) FROM contactmoment
             WHERE medewerker_id = ?1 AND plaatsgevonden_op >= ?2 AND plaatsgevonden_op < ?3
               AND deleted = 0",
            params![wie, van, tot],
            |r| r.get(0),
        )?;
        // Answered by this medewerker: their own desk's calls, or the queue naming them; their
        // AHT by the one definition, over those calls.
        let eigen_gesprekken: Vec<(Gesprek, Option<i64>)> = gesprekken
            .iter()
            .filter(|(g, _)| {
                (wie.is_some() && g.medewerker_id.map(|m| m.to_string()) == wie)
                    || g.agent.as_deref() == Some(laatste.0.as_str())
            })
            .cloned()
            .collect();
        let k = kpi::telefoon(&eigen_gesprekken, dag, normen, nu);
        v.agents.push(Agent {
            naam: laatste.0.clone(),
            status: laatste.1.clone(),
            sinds: laatste.2,
            gesprekken: k.beantwoord,
            contacten: n,
            aht: k.gemiddelde_afhandeltijd,
            bezetting: kpi::bezetting(&eigen, nu),
        });
        i = j;
    }
    v.agents.sort_by(|a, b| a.naam.cmp(&b.naam));

    // Counter.
    let mut st = conn.prepare_cached(
        "SELECT dienst, count(*), min(aangekomen_op) FROM bezoek
         WHERE dag = ?1 AND status = 'wachtend' AND deleted = 0 GROUP BY dienst ORDER BY dienst",
    )?;
    let wachtend: Vec<(String, u32, i64)> = st
        .query_map([dag.to_string()], |r| {
            let eerste = tijd(r.get(2)?).unwrap_or(nu);
            Ok((r.get(0)?, r.get(1)?, (nu - eerste).num_seconds().max(0)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (geholpen, no_show): (u32, u32) = conn.query_row(
        "SELECT coalesce(sum(status = 'klaar'), 0), coalesce(sum(status = 'no_show'), 0)
         FROM bezoek WHERE dag = ?1 AND deleted = 0",
        [dag.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // Open: a balie signed in (also with nobody at it), or one calling or helping someone now.
    let open: u32 = conn.query_row(
        "SELECT count(*) FROM (
             SELECT balie FROM balie_stand WHERE dag = ?1 AND aangemeld = 1 AND deleted = 0
             UNION
             SELECT balie FROM bezoek WHERE dag = ?1 AND deleted = 0 AND balie IS NOT NULL
               AND status IN ('opgeroepen', 'in_behandeling'))",
        [dag.to_string()],
        |r| r.get(0),
    )?;
    (v.balies_open, v.balie_geholpen, v.balie_no_show) = (open, geholpen, no_show);
    // The balies open now, and which diensten each serves (the plek records).
    let mut st = conn.prepare_cached(
        "SELECT balie FROM balie_stand WHERE dag = ?1 AND aangemeld = 1 AND deleted = 0
         UNION
         SELECT balie FROM bezoek
         WHERE dag = ?1 AND status IN ('opgeroepen', 'in_behandeling') AND balie IS NOT NULL
           AND deleted = 0",
    )?;
    let open_balies: Vec<String> = st
        .query_map([dag.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let plekken = plek_diensten(conn)?;
    // Today's handlings per dienst (seconds; kpi::behandeltijd leaves out those of 0 s).
    let mut st = conn.prepare_cached(
        "SELECT dienst, (julianday(klaar_op) - julianday(geholpen_op)) * 86400.0 FROM bezoek
         WHERE dag = ?1 AND status = 'klaar' AND deleted = 0
           AND geholpen_op IS NOT NULL AND klaar_op IS NOT NULL",
    )?;
    let handelingen: Vec<(String, f64)> = st
        .query_map([dag.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (dienst, n, langste) in wachtend {
        let duren: Vec<i64> = handelingen
            .iter()
            .filter(|(d, _)| *d == dienst)
            .map(|(_, s)| s.round() as i64)
            .collect();
        let gepland = conn
            .query_row(
                "SELECT duur_minuten * 60 FROM dienst WHERE naam = ?1 AND deleted = 0",
                [&dienst],
                |r| r.get::<_, i64>(0),
            )
            .unwrap_or(600);
        let balies = open_balies
            .iter()
            .filter(|b| kpi::bedient(&plekken, b, &dienst))
            .count();
        let verwacht = kpi::verwachte_wacht(n, kpi::behandeltijd(&duren), gepland, balies);
        v.balie_wachtend.push((dienst, n, langste, verwacht));
    }
    // Today's waits of the visitors called.
    let mut st = conn.prepare_cached(
        "SELECT aangekomen_op, opgeroepen_op FROM bezoek WHERE dag = ?1 AND deleted = 0",
    )?;
    let bezoeken: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = st
        .query_map([dag.to_string()], |r| {
            Ok((tijd(r.get(0)?).unwrap_or(nu), tijd(r.get(1)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    v.balie = kpi::balie(&bezoeken, normen);
    v.afspraken_geholpen = conn.query_row(
        "SELECT count(*) FROM bezoek WHERE dag = ?1 AND afspraak_id IS NOT NULL
           AND status = 'klaar' AND deleted = 0",
        [dag.to_string()],
        |r| r.get(0),
    )?;

    // Afspraken today.
    let uur = ts(nu + Duration::hours(1));
    let (gepland, aanwezig, weg, komend): (u32, u32, u32, u32) = conn.query_row(
        "SELECT coalesce(sum(status NOT IN ('geannuleerd', 'verzet', 'geweigerd')), 0),
                coalesce(sum(status = 'aanwezig'), 0), coalesce(sum(status = 'no_show'), 0),
                coalesce(sum(status = 'gepland' AND begin_op >= ?3 AND begin_op < ?4), 0)
         FROM afspraak WHERE begin_op >= ?1 AND begin_op < ?2 AND deleted = 0",
        params![van, tot, ts(nu), uur],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    (
        v.afspraken_gepland,
        v.afspraken_aanwezig,
        v.afspraken_no_show,
        v.afspraken_komend_uur,
    ) = (gepland, aanwezig, weg, komend);

    // Contactverzoeken per afdeling: open, due today, overdue.
    let mut st = conn.prepare_cached(
        "SELECT coalesce(a.naam, 'zonder afdeling'), count(*),
                coalesce(sum(v.uiterlijk_op >= ?1 AND v.uiterlijk_op < ?2), 0),
                coalesce(sum(v.uiterlijk_op < ?3), 0)
         FROM contactverzoek v LEFT JOIN afdeling a ON a.id = v.afdeling_id
         WHERE v.status = 'te_verwerken' AND v.deleted = 0
         GROUP BY 1 ORDER BY 4 DESC, 2 DESC",
    )?;
    v.verzoeken = st
        .query_map(params![van, tot, ts(nu)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;

    // Warm transfers of today's calls (older records kept them as plain text: skipped).
    let mut st = conn.prepare_cached(
        "SELECT d.value ->> 'naar', count(*),
                coalesce(sum(NOT (d.value ->> 'gelukt')), 0),
                avg(d.value ->> 'seconden')
         FROM gesprek g, json_each(g.doorverbindingen) d
         WHERE g.binnen_op >= ?1 AND g.binnen_op < ?2 AND g.deleted = 0
           AND json_valid(g.doorverbindingen) AND d.type = 'object'
         GROUP BY 1 ORDER BY 2 DESC, 1",
    )?;
    v.doorverbindingen = st
        .query_map(params![van, tot], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;

    let mut st = conn.prepare_cached(
        "SELECT coalesce(a.naam, 'zonder afdeling'), v.gevraagde_handeling, v.uiterlijk_op
         FROM contactverzoek v LEFT JOIN afdeling a ON a.id = v.afdeling_id
         WHERE v.status = 'te_verwerken' AND v.deleted = 0 AND v.uiterlijk_op < ?1
         ORDER BY v.uiterlijk_op LIMIT 30",
    )?;
    v.te_laat = st
        .query_map([ts(nu)], |r| {
            Ok((r.get(0)?, r.get(1)?, tijd(r.get(2)?).unwrap_or(nu)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT nummer, dienst, aangekomen_op FROM bezoek
         WHERE dag = ?1 AND status = 'wachtend' AND deleted = 0 ORDER BY aangekomen_op LIMIT 30",
    )?;
    v.wachtende_bezoekers = st
        .query_map([dag.to_string()], |r| {
            let t = tijd(r.get(2)?).unwrap_or(nu);
            Ok((r.get(0)?, r.get(1)?, (nu - t).num_seconds().max(0)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT begin_op, product, locatie FROM afspraak
         WHERE status = 'gepland' AND begin_op >= ?1 AND begin_op < ?2 AND deleted = 0
         ORDER BY begin_op LIMIT 30",
    )?;
    v.komende_afspraken = st
        .query_map(params![ts(nu), uur], |r| {
            Ok((tijd(r.get(0)?).unwrap_or(nu), r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;

    // First-contact resolution: today and this month.
    let fcr = |van: &str, tot: &str| -> rusqlite::Result<Option<f64>> {
        let (afgehandeld, contacten): (u32, u32) = conn.query_row(
            "SELECT coalesce(sum(coalesce(eerstelijns_afgehandeld, 0) <> 0), 0), count(*)
             FROM contactmoment
             WHERE plaatsgevonden_op >= ?1 AND plaatsgevonden_op < ?2 AND deleted = 0",
            params![van, tot],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(kpi::eerste_lijn(afgehandeld, contacten))
    };
    v.fcr_vandaag = fcr(&van, &tot)?;
    let (maand_van, _) = dag_grenzen(dag.with_day(1).unwrap_or(dag));
    v.fcr_maand = fcr(&maand_van, &tot)?;
    let mut st = conn.prepare_cached(
        "SELECT onderwerp, count(*) FROM contactmoment
         WHERE plaatsgevonden_op >= ?1 AND plaatsgevonden_op < ?2 AND deleted = 0
         GROUP BY onderwerp ORDER BY 2 DESC, 1 LIMIT 10",
    )?;
    v.top_onderwerpen = st
        .query_map(params![van, tot], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT vraag, count(*) FROM kennisbank_zoekactie
         WHERE created_at >= ?1 AND created_at < ?2 AND aantal_treffers = 0 AND vraag IS NOT NULL
           AND deleted = 0
         GROUP BY vraag ORDER BY 2 DESC, 1 LIMIT 10",
    )?;
    v.zonder_resultaat = st
        .query_map(params![van, tot], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The plekken with the diensten they serve, as `kpi::bedient` reads them (a list that cannot
/// be read counts as none: that plek is taken to serve every dienst).
pub fn plek_diensten(conn: &Connection) -> rusqlite::Result<Vec<(String, Vec<String>)>> {
    let mut st =
        conn.prepare_cached("SELECT naam, diensten FROM plek WHERE deleted = 0 ORDER BY naam")?;
    st.query_map([], |r| {
        let diensten: String = r.get(1)?;
        Ok((
            r.get(0)?,
            serde_json::from_str::<Vec<String>>(&diensten).unwrap_or_default(),
        ))
    })?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::telefonie::{AgentStatus, StatusWissel};
    use chrono::TimeZone;

    #[test]
    fn the_floor_reads_calls_agents_and_verzoeken_of_the_day() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("demo.db");
        let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        crate::demo::klein(&pad, 5, 3, dag);
        let desk = uuid::Uuid::now_v7();
        let mut store = crate::store::Store::open(&pad, desk).unwrap();
        let om = |u: u32, m: u32| {
            Local
                .with_ymd_and_hms(2026, 11, 23, u, m, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        let medewerker: String = store
            .conn()
            .query_row("SELECT id FROM medewerker LIMIT 1", [], |r| r.get(0))
            .unwrap();
        let mid = uuid::Uuid::parse_str(&medewerker).unwrap();
        for (status, t) in [
            (AgentStatus::Beschikbaar, om(9, 0)),
            (AgentStatus::InGesprek, om(9, 30)),
            (AgentStatus::Beschikbaar, om(10, 0)),
        ] {
            let mut w = StatusWissel {
                meta: crate::domain::RecordMeta::new(t, desk),
                medewerker_id: Some(mid),
                status,
                reden: None,
                op: t,
            };
            store.save(&mut w, t).unwrap();
        }
        let gesprek =
            |n: &str, binnen: DateTime<Utc>, wacht: Option<i64>, weg: Option<i64>| Gesprek {
                meta: crate::domain::RecordMeta {
                    id: Gesprek::id_voor(n),
                    ..crate::domain::RecordMeta::new(binnen, desk)
                },
                extern_id: n.into(),
                nummer: "0612345678".into(),
                keuze: "Burgerzaken".into(),
                terugval: false,
                binnen_op: binnen,
                aangeboden_op: None,
                aangenomen_op: wacht.map(|w| binnen + Duration::seconds(w)),
                beeindigd_op: wacht.map(|w| binnen + Duration::seconds(w + 240)),
                verlaten_op: weg.map(|w| binnen + Duration::seconds(w)),
                medewerker_id: Some(mid),
                agent: None,
                doorverbindingen: Vec::new(),
                linkedid: None,
                simulator_desk: None,
                in_wacht_sinds: None,
                afgebroken_op: None,
                afgebroken_reden: None,
            };
        let door =
            |naar: &str, gelukt: bool, seconden: i64| crate::domain::telefonie::Doorverbinding {
                naar: naar.into(),
                gelukt,
                seconden,
            };
        let mut b = gesprek("b", om(9, 40), Some(45), None);
        b.doorverbindingen = vec![
            door("Belastingen", false, 30),
            door("Belastingen", true, 10),
            door("Piet Bakker", true, 5),
        ];
        for (i, g) in [
            gesprek("a", om(9, 30), Some(20), None),
            b,
            gesprek("c", om(9, 50), None, Some(60)),
        ]
        .iter_mut()
        .enumerate()
        {
            let t = om(9, 30) + Duration::minutes(i as i64);
            store.save(g, t).unwrap();
        }
        let nu = om(10, 10);
        let v = laad(store.conn(), dag, nu, &Normen::default()).unwrap();
        assert_eq!(
            (
                v.telefoon.aangeboden,
                v.telefoon.beantwoord,
                v.telefoon.verlaten
            ),
            (3, 2, 1)
        );
        assert_eq!(v.telefoon.binnen_norm, 1);
        assert_eq!(
            v.binnen_30_min, 1,
            "only the call of 9:50 is in the last half hour"
        );
        // 9:30 waited 20 s, 9:40 45 s, 9:50 left after 60 s: at the quarter hours only the
        // caller who arrived at 9:30:00 is waiting (at 9:30 itself).
        assert_eq!(
            v.wachtenden_verloop.len(),
            41,
            "midnight to 10:00 every 15 minutes"
        );
        assert_eq!(v.wachtenden_verloop[38], 1);
        assert_eq!(v.wachtenden_verloop.iter().sum::<u32>(), 1);
        assert_eq!(v.verwacht_komend_uur, None, "no history four weeks back");
        assert_eq!(v.agents.len(), 1);
        let a = &v.agents[0];
        assert_eq!(a.status, "beschikbaar");
        assert_eq!(
            (a.gesprekken, a.contacten),
            (2, 0),
            "two calls answered, none registered yet"
        );
        assert_eq!(
            a.aht,
            Some(240.0),
            "both calls talked 240 s, no nawerk registered"
        );
        // Logged in 9:00-10:10 (70 min), 30 of them in a call.
        assert!(
            (a.bezetting.unwrap() - 30.0 * 100.0 / 70.0).abs() < 0.01,
            "{a:?}"
        );
        assert!(v.afspraken_gepland > 0, "the demo books today");
        assert!(!v.verzoeken.is_empty());
        assert_eq!(
            v.doorverbindingen,
            vec![
                ("Belastingen".to_string(), 2, 1, 20.0),
                ("Piet Bakker".to_string(), 1, 0, 5.0)
            ],
            "per target: transfers, not picked up, average hold seconds"
        );
        assert!(v.fcr_maand.is_some());
        // History: a week ago, in the coming hour (10:10-11:10), three calls.
        for (i, m) in [15u32, 30, 45].into_iter().enumerate() {
            let t = om(10, m) - Duration::weeks(1);
            let mut g = gesprek(&format!("oud{i}"), t, Some(10), None);
            store.save(&mut g, t).unwrap();
        }
        let v = laad(store.conn(), dag, nu, &Normen::default()).unwrap();
        assert_eq!(v.verwacht_komend_uur, Some(3.0));
        assert_eq!(
            v.telefoon.aangeboden, 3,
            "last week's calls are not today's"
        );
    }

    /// Issue 15 §4: the expected wait per dienst counts only the open balies that serve that
    /// dienst and ignores handlings of 0 s; the counter's waits are called − arrived.
    #[test]
    fn the_expected_wait_counts_balies_for_the_dienst_and_ignores_handlings_of_zero_seconds() {
        use crate::domain::klantgeleiding::Bezoek;
        let dir = tempfile::tempdir().unwrap();
        let desk = uuid::Uuid::now_v7();
        let mut store = crate::store::Store::open(&dir.path().join("l.db"), desk).unwrap();
        let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let om = |u: u32, m: u32| {
            Local
                .with_ymd_and_hms(2026, 11, 23, u, m, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        store
            .conn()
            .execute_batch(
                "INSERT INTO dienst (id, created_at, updated_at, desk_id, naam, vorm, duur_minuten, prefix)
                 VALUES ('d1', '2026-11-23T07:00:00Z', '2026-11-23T07:00:00Z', 'x', 'Ophalen', 'inloop', 5, 'S');
                 INSERT INTO plek (id, created_at, updated_at, desk_id, naam, soort, diensten)
                 VALUES ('p1', '2026-11-23T07:00:00Z', '2026-11-23T07:00:00Z', 'x', 'Balie 3', 'balie',
                         '[\"Paspoort\"]');",
            )
            .unwrap();
        let mut n = 0;
        let mut bezoek = |dienst: &str,
                          status: &str,
                          balie: Option<&str>,
                          aangekomen: DateTime<Utc>,
                          opgeroepen: Option<DateTime<Utc>>,
                          behandeld_s: Option<i64>| {
            n += 1;
            let mut b = Bezoek {
                meta: crate::domain::RecordMeta::new(aangekomen, desk),
                dag,
                locatie: "Stadskantoor".into(),
                nummer: format!("S-{n:03}"),
                volgnummer: n,
                dienst: dienst.into(),
                partij_id: None,
                aangekomen_op: aangekomen,
                opgeroepen_op: opgeroepen,
                oproepen: i64::from(opgeroepen.is_some()),
                balie: balie.map(String::from),
                geholpen_op: opgeroepen,
                klaar_op: behandeld_s.and_then(|s| opgeroepen.map(|o| o + Duration::seconds(s))),
                status: status.into(),
                afspraak_id: None,
                afspraak_op: None,
            };
            store.save(&mut b, aangekomen).unwrap();
        };
        // Handled today: one in 240 s, two finished straight from the call (0 s).
        bezoek(
            "Ophalen",
            "klaar",
            Some("Snelbalie 1"),
            om(9, 0),
            Some(om(9, 10)),
            Some(240),
        );
        bezoek(
            "Ophalen",
            "klaar",
            Some("Snelbalie 1"),
            om(9, 0),
            Some(om(9, 20)),
            Some(0),
        );
        bezoek(
            "Ophalen",
            "klaar",
            Some("Snelbalie 1"),
            om(9, 0),
            Some(om(9, 30)),
            Some(0),
        );
        // Open now: Snelbalie 1 (no plek record: every dienst) and Balie 3 (Paspoort only).
        bezoek(
            "Ophalen",
            "in_behandeling",
            Some("Snelbalie 1"),
            om(10, 0),
            Some(om(10, 40)),
            None,
        );
        bezoek(
            "Paspoort",
            "in_behandeling",
            Some("Balie 3"),
            om(10, 0),
            Some(om(10, 50)),
            None,
        );
        // Three wait for Ophalen.
        for m in [30, 40, 50] {
            bezoek("Ophalen", "wachtend", None, om(10, m), None, None);
        }
        let nu = om(11, 0);
        let v = laad(store.conn(), dag, nu, &Normen::default()).unwrap();
        // 3 waiting × 240 s over the one balie that serves Ophalen (not 3 × 80 s over two).
        assert_eq!(
            v.balie_wachtend,
            vec![("Ophalen".to_string(), 3, 30 * 60, 3 * 240)]
        );
        assert_eq!(
            crate::store::klantgeleiding::behandeltijden(store.conn(), "Stadskantoor", dag)
                .unwrap(),
            vec![("Ophalen".to_string(), 240)]
        );
        // Waits of the five called: 10, 20, 30, 40 and 50 minutes; 15 min norm: one within.
        assert_eq!((v.balie.opgeroepen, v.balie.binnen_norm), (5, 1));
        assert_eq!(v.balie.gemiddelde_wachttijd, Some(30.0 * 60.0));
        assert_eq!(v.balie.langste_wachttijd, Some(50 * 60));
    }

    #[test]
    fn a_signed_in_balie_counts_as_open_also_with_nobody_at_it() {
        use crate::store::klantgeleiding::{inchecken, roep_volgende, zet_balie};
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            crate::store::Store::open(&dir.path().join("t.db"), uuid::Uuid::now_v7()).unwrap();
        let nu = Local
            .with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let dag = nu.with_timezone(&Local).date_naive();
        let open =
            |store: &crate::store::Store| laad(store.conn(), dag, nu, &Normen::default()).unwrap();
        // Signed in yesterday and never out (the desk was killed): not open today.
        let gisteren = nu - chrono::Duration::days(1);
        zet_balie(&mut store, "Stadskantoor", "Balie 9", true, None, gisteren).unwrap();
        assert_eq!(open(&store).balies_open, 0);
        zet_balie(&mut store, "Stadskantoor", "Balie 1", true, Some("Eva"), nu).unwrap();
        zet_balie(&mut store, "Stadskantoor", "Balie 2", true, Some("Jan"), nu).unwrap();
        for _ in 0..4 {
            inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, nu).unwrap();
        }
        let v = open(&store);
        assert_eq!(v.balies_open, 2, "two signed in, nobody called yet");
        // Four waiting, ten minutes each (no dienst record, no handlings yet), over two balies.
        assert_eq!(
            v.balie_wachtend,
            vec![("Ophalen".to_string(), 4, 0, 4 * 600 / 2)]
        );
        // Balie 1 calls; Balie 2 signs out and again in: one record per balie per day.
        roep_volgende(&mut store, "Stadskantoor", "Balie 1", &[], nu)
            .unwrap()
            .unwrap();
        zet_balie(
            &mut store,
            "Stadskantoor",
            "Balie 2",
            false,
            Some("Jan"),
            nu,
        )
        .unwrap();
        assert_eq!(open(&store).balies_open, 1);
        zet_balie(&mut store, "Stadskantoor", "Balie 2", true, Some("Jan"), nu).unwrap();
        let records: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM balie_stand WHERE balie = 'Balie 2'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!((open(&store).balies_open, records), (2, 1));
    }
}
