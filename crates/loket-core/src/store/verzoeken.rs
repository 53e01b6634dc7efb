//! Contactverzoeken (callback requests): the list to work from, one request with its logboek,
//! and marking one handled.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::{Store, parse_ts};
use crate::domain::RecordMeta;
use crate::domain::contact::{Contactverzoek, LogboekRegel};
pub use crate::domain::contact::{Filter, LogRegel, MAX_LIJST, RESULTATEN, VerzoekRegel};
use crate::domain::klant::volledige_naam;
use crate::domain::zoekvraag::naam_sleutel;

const SELECT: &str = "SELECT v.id, v.created_at, v.uiterlijk_op, p.soort_partij, p.voornamen,
        p.voorvoegsel_achternaam, p.achternaam, p.statutaire_naam, v.terugbelnummer, v.emailadres,
        coalesce(m.naam, g.naam, a.naam, '-'), v.gevraagde_handeling, v.toelichting, v.status, v.resultaat
    FROM contactverzoek v
    LEFT JOIN partij p ON p.id = v.partij_id
    LEFT JOIN afdeling a ON a.id = v.afdeling_id
    LEFT JOIN groep g ON g.id = v.groep_id
    LEFT JOIN medewerker m ON m.id = v.medewerker_id";

fn regel(r: &rusqlite::Row) -> rusqlite::Result<VerzoekRegel> {
    let klant = match r.get::<_, Option<String>>(3)?.as_deref() {
        Some("organisatie") => r.get(7)?,
        Some(_) => Some(volledige_naam(
            r.get::<_, Option<String>>(4)?.as_deref(),
            r.get::<_, Option<String>>(5)?.as_deref(),
            r.get::<_, Option<String>>(6)?.as_deref(),
        )),
        None => None,
    };
    Ok(VerzoekRegel {
        id: Uuid::parse_str(&r.get::<_, String>(0)?).unwrap_or_default(),
        aangemaakt_op: parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
        uiterlijk_op: parse_ts(&r.get::<_, String>(2)?).unwrap_or_default(),
        klant,
        telefoon: r.get(8)?,
        email: r.get(9)?,
        aan: r.get(10)?,
        handeling: r.get(11)?,
        toelichting: r.get(12)?,
        status: r.get(13)?,
        resultaat: r.get(14)?,
    })
}

/// Whose list it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wie {
    pub medewerker: Option<Uuid>,
    pub afdeling: Option<Uuid>,
    /// A supervisor may see every contactverzoek.
    pub alles: bool,
}

/// The list for `filter`, narrowed by `zoek` (klant name, phone number or e-mail address).
pub fn lijst(
    conn: &Connection,
    filter: Filter,
    zoek: &str,
    wie: &Wie,
) -> rusqlite::Result<Vec<VerzoekRegel>> {
    const MIJN_AFDELING: &str = "(v.afdeling_id = ?1
        OR v.medewerker_id IN (SELECT id FROM medewerker WHERE afdeling_id = ?1)
        OR v.groep_id IN (SELECT id FROM groep WHERE afdeling_id = ?1))";
    let verwerkt = if wie.alles {
        "v.status = 'verwerkt'".to_string()
    } else {
        format!("v.status = 'verwerkt' AND (v.medewerker_id = ?2 OR {MIJN_AFDELING})")
    };
    let (where_sql, order) = match filter {
        Filter::AlleOpen if wie.alles => {
            ("v.status = 'te_verwerken'".to_string(), "v.uiterlijk_op")
        }
        Filter::AlleOpen | Filter::MijnAfdeling => (
            format!("v.status = 'te_verwerken' AND {MIJN_AFDELING}"),
            "v.uiterlijk_op",
        ),
        Filter::AanMij => (
            "v.status = 'te_verwerken' AND (v.medewerker_id = ?2 OR v.contactmoment_id IN
                (SELECT id FROM contactmoment WHERE medewerker_id = ?2))"
                .to_string(),
            "v.uiterlijk_op",
        ),
        Filter::Verwerkt => (verwerkt, "v.verwerkt_op DESC"),
    };
    let sql = format!(
        "{SELECT} WHERE v.deleted = 0 AND {where_sql} AND ?1 = ?1 AND ?2 = ?2
         ORDER BY {order} LIMIT 5000"
    );
    let mij = wie.medewerker.map(|m| m.to_string()).unwrap_or_default();
    let afdeling = wie.afdeling.map(|a| a.to_string()).unwrap_or_default();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![afdeling, mij], regel)?;
    let matcher = Zoeker::new(zoek);
    let mut out = Vec::new();
    for r in rows {
        let r = r?;
        if matcher.past(&r) {
            out.push(r);
            if out.len() == MAX_LIJST {
                break;
            }
        }
    }
    Ok(out)
}

/// Matches the list's search text against a klant's name (any case, without diacritics, every
/// word), an e-mail address, or, when only digits are typed, a phone number.
struct Zoeker {
    woorden: Vec<String>,
    tekst: String,
    cijfers: Option<String>,
}

impl Zoeker {
    fn new(zoek: &str) -> Zoeker {
        let alleen_cijfers = zoek
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+'));
        let cijfers: String = zoek.chars().filter(char::is_ascii_digit).collect();
        Zoeker {
            woorden: naam_sleutel(zoek)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect(),
            tekst: zoek.trim().to_lowercase(),
            cijfers: (alleen_cijfers && cijfers.len() >= 3).then_some(cijfers),
        }
    }

    fn past(&self, r: &VerzoekRegel) -> bool {
        if self.tekst.is_empty() {
            return true;
        }
        if let Some(c) = &self.cijfers {
            let tel: String = r
                .telefoon
                .as_deref()
                .unwrap_or_default()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            return tel.contains(c.as_str());
        }
        let naam = naam_sleutel(r.klant.as_deref().unwrap_or_default());
        let naam_past = !self.woorden.is_empty()
            && self
                .woorden
                .iter()
                .all(|w| naam.split(' ').any(|n| n.starts_with(w.as_str())));
        naam_past
            || r.email
                .as_deref()
                .is_some_and(|e| e.to_lowercase().contains(&self.tekst))
    }
}

/// One contactverzoek with its logboek (oldest first).
pub fn detail(
    conn: &Connection,
    id: Uuid,
) -> rusqlite::Result<Option<(VerzoekRegel, Vec<LogRegel>)>> {
    let Some(r) = conn
        .query_row(
            &format!("{SELECT} WHERE v.id = ?1"),
            [id.to_string()],
            regel,
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT created_at, medewerker, actie, toelichting FROM contactverzoek_logboek
         WHERE contactverzoek_id = ?1 AND deleted = 0 ORDER BY created_at",
    )?;
    let log = stmt
        .query_map([id.to_string()], |r| {
            Ok(LogRegel {
                op: parse_ts(&r.get::<_, String>(0)?).unwrap_or_default(),
                medewerker: r.get(1)?,
                actie: r.get(2)?,
                toelichting: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some((r, log)))
}

fn load(conn: &Connection, id: Uuid) -> rusqlite::Result<Contactverzoek> {
    conn.query_row(
        "SELECT id, created_at, updated_at, desk_id, deleted, contactmoment_id, partij_id,
                gevraagde_handeling, toelichting, terugbelnummer, emailadres, afdeling_id, medewerker_id,
                status, uiterlijk_op, verwerkt_op, resultaat, verwerkt_door, groep_id
         FROM contactverzoek WHERE id = ?1",
        [id.to_string()],
        |r| {
            let u = |s: Option<String>| s.and_then(|s| Uuid::parse_str(&s).ok());
            Ok(Contactverzoek {
                meta: RecordMeta {
                    id,
                    created_at: parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
                    updated_at: parse_ts(&r.get::<_, String>(2)?).unwrap_or_default(),
                    desk_id: u(r.get(3)?).unwrap_or_default(),
                    deleted: r.get(4)?,
                },
                contactmoment_id: u(r.get(5)?),
                partij_id: u(r.get(6)?),
                gevraagde_handeling: r.get(7)?,
                toelichting: r.get(8)?,
                terugbelnummer: r.get(9)?,
                emailadres: r.get(10)?,
                afdeling_id: u(r.get(11)?),
                medewerker_id: u(r.get(12)?),
                status: r.get(13)?,
                uiterlijk_op: parse_ts(&r.get::<_, String>(14)?).unwrap_or_default(),
                verwerkt_op: r.get::<_, Option<String>>(15)?.and_then(|s| parse_ts(&s)),
                resultaat: r.get(16)?,
                verwerkt_door: r.get(17)?,
                groep_id: u(r.get(18)?),
            })
        },
    )
}

/// Record an attempt or the handling of contactverzoek `id`: status, who, when, result, and a
/// logboek line, in one transaction.
pub fn afhandelen(
    store: &mut Store,
    id: Uuid,
    resultaat: usize,
    toelichting: &str,
    medewerker: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (label, klaar) = RESULTATEN
        .get(resultaat)
        .copied()
        .ok_or_else(|| anyhow::anyhow!("onbekend resultaat"))?;
    let desk = store.desk_id();
    let mut batch = store.batch(now)?;
    // Claimed, not assumed: read and change under the write lock, and only while it is not
    // handled yet (another medewerker may have taken it from their own list a moment ago).
    let nog_open = batch.conn().execute(
        "UPDATE contactverzoek SET status = status WHERE id = ?1 AND status <> 'verwerkt'",
        [id.to_string()],
    )?;
    if nog_open == 0 {
        let (door, op): (Option<String>, Option<String>) = batch
            .conn()
            .query_row(
                "SELECT verwerkt_door, verwerkt_op FROM contactverzoek WHERE id = ?1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| anyhow::anyhow!("dit contactverzoek bestaat niet (meer)"))?;
        let wanneer = op
            .as_deref()
            .and_then(parse_ts)
            .map(|t| format!(" om {}", t.with_timezone(&chrono::Local).format("%H:%M")))
            .unwrap_or_default();
        anyhow::bail!(
            "dit contactverzoek is al afgehandeld door {}{wanneer}; uw resultaat is niet vastgelegd",
            door.as_deref().unwrap_or("een collega")
        );
    }
    let mut cv = load(batch.conn(), id)?;
    // With sync the shared database judges again: refused there when another desk handled it.
    let voorwaarde = serde_json::json!({ "status": cv.status });
    if klaar {
        cv.status = "verwerkt".into();
        cv.verwerkt_op = Some(now);
        cv.verwerkt_door = Some(medewerker.to_string());
    }
    cv.resultaat = Some(label.to_string());
    let mut log = LogboekRegel {
        meta: RecordMeta::new(now, desk),
        contactverzoek_id: id,
        medewerker: medewerker.to_string(),
        actie: label.to_string(),
        toelichting: (!toelichting.trim().is_empty()).then(|| toelichting.trim().to_string()),
    };
    batch.save_onder(&mut cv, Some(&voorwaarde))?;
    batch.save(&mut log)?;
    batch.commit()
}
