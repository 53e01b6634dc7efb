//! Klant and zaak lookup: the queries behind the Zaak/Klant pane. Every query uses an index
//! (see migrations), so a keystroke's search stays within milliseconds on 100k klanten.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use super::parse_ts;
pub use crate::domain::klant::{AuditRegel, MAX_TREFFERS, Treffer};
use crate::domain::klant::{
    ContactRegel, ContactverzoekRegel, DigitaalAdres, KlantTreffer, Klantbeeld, SoortPartij,
    adresregel, volledige_naam,
};
use crate::domain::zaak::{StatusRegel, Vertrouwelijkheid, ZaakDetail, ZaakRegel};
use crate::domain::zoekvraag::Zoekvraag;
pub use crate::domain::{MedewerkerRegel, Referentie};

/// Voorvoegsels a name search may start with; longest first.
const VOORVOEGSELS: &[&str] = &[
    "van der ", "van den ", "van de ", "van het ", "van t ", "in t ", "op de ", "uit den ", "van ",
    "de ", "den ", "der ", "het ", "ter ", "ten ", "te ", "t ",
];

fn uuid(s: String) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn time(s: String) -> DateTime<Utc> {
    parse_ts(&s).unwrap_or_default()
}

const TREFFER_COLUMNS: &str =
    "id, soort_partij, voornamen, voorvoegsel_achternaam, achternaam, statutaire_naam,
    straatnaam, huisnummer, huisnummertoevoeging, postcode, woonplaats, geboortedatum, kvk_nummer";

fn klant_treffer(r: &Row) -> rusqlite::Result<KlantTreffer> {
    let soort: String = r.get(1)?;
    let organisatie = soort == "organisatie";
    let naam = if organisatie {
        r.get::<_, Option<String>>(5)?.unwrap_or_default()
    } else {
        volledige_naam(
            r.get::<_, Option<String>>(2)?.as_deref(),
            r.get::<_, Option<String>>(3)?.as_deref(),
            r.get::<_, Option<String>>(4)?.as_deref(),
        )
    };
    let straat = adresregel(
        r.get::<_, Option<String>>(6)?.as_deref(),
        r.get(7)?,
        r.get::<_, Option<String>>(8)?.as_deref(),
    );
    let postcode: Option<String> = r.get(9)?;
    let kenmerk = if organisatie {
        r.get::<_, Option<String>>(12)?
            .map(|k| format!("KvK {k}"))
            .unwrap_or_default()
    } else {
        date(r.get(11)?)
            .map(|d| format!("geb. {}", d.format("%d-%m-%Y")))
            .unwrap_or_default()
    };
    Ok(KlantTreffer {
        id: uuid(r.get(0)?)?,
        soort: if organisatie {
            SoortPartij::Organisatie
        } else {
            SoortPartij::Persoon
        },
        naam,
        adres: match (straat.trim().is_empty(), postcode) {
            (true, None) => String::new(),
            (true, Some(p)) => p,
            (false, None) => straat,
            (false, Some(p)) => format!("{straat}, {p}"),
        },
        kenmerk,
    })
}

fn klanten(
    conn: &Connection,
    where_sql: &str,
    params: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<KlantTreffer>> {
    let sql = format!(
        "SELECT {TREFFER_COLUMNS} FROM partij WHERE deleted = 0 AND {where_sql}
         ORDER BY zoeknaam, voornamen LIMIT {MAX_TREFFERS}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, klant_treffer)?;
    rows.collect()
}

/// Rows whose `zoeknaam` starts with `key` (an index range scan).
fn op_naam(conn: &Connection, key: &str) -> rusqlite::Result<Vec<KlantTreffer>> {
    let end = format!("{key}\u{7f}");
    klanten(conn, "zoeknaam >= ?1 AND zoeknaam < ?2", &[&key, &end])
}

fn zoek_naam(conn: &Connection, key: &str) -> rusqlite::Result<Vec<KlantTreffer>> {
    let mut hits = op_naam(conn, key)?;
    // "de vries" finds "De Vries" (stored as zoeknaam "vries"), "van der meer" finds "van der Meer".
    if let Some(rest) = VOORVOEGSELS.iter().find_map(|v| key.strip_prefix(v))
        && !rest.is_empty()
    {
        for h in op_naam(conn, rest)? {
            if !hits.iter().any(|x| x.id == h.id) {
                hits.push(h);
            }
        }
    }
    if !hits.is_empty() {
        return Ok(hits);
    }
    // "bakker eva" or "eva bakker": one part is the achternaam, the rest the start of the voornamen.
    let words: Vec<&str> = key.split(' ').collect();
    for i in 1..words.len() {
        for (achter, voor) in [
            (words[i..].join(" "), words[..i].join(" ")),
            (words[..i].join(" "), words[i..].join(" ")),
        ] {
            let achter = VOORVOEGSELS
                .iter()
                .find_map(|v| achter.strip_prefix(v))
                .unwrap_or(&achter)
                .to_string();
            let end = format!("{achter}\u{7f}");
            let voor = format!("{voor}%");
            for h in klanten(
                conn,
                "zoeknaam >= ?1 AND zoeknaam < ?2 AND lower(voornamen) LIKE ?3",
                &[&achter, &end, &voor],
            )? {
                if !hits.iter().any(|x| x.id == h.id) {
                    hits.push(h);
                }
            }
        }
    }
    Ok(hits)
}

fn zaak_regels(
    conn: &Connection,
    where_sql: &str,
    params: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<ZaakRegel>> {
    let sql = format!(
        "SELECT z.id, z.identificatie, zt.omschrijving,
                (SELECT s.statustype FROM zaak_status s WHERE s.zaak_id = z.id ORDER BY s.datum_status_gezet DESC LIMIT 1),
                z.startdatum, z.einddatum, z.uiterlijke_einddatum_afdoening, z.vertrouwelijkheidaanduiding
         FROM zaak z JOIN zaaktype zt ON zt.id = z.zaaktype_id
         WHERE z.deleted = 0 AND {where_sql}
         ORDER BY z.startdatum DESC LIMIT {MAX_TREFFERS}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok(ZaakRegel {
            id: uuid(r.get(0)?)?,
            identificatie: r.get(1)?,
            zaaktype: r.get(2)?,
            status: r
                .get::<_, Option<String>>(3)?
                .unwrap_or_else(|| "onbekend".into()),
            startdatum: date(r.get(4)?).unwrap_or_default(),
            einddatum: date(r.get(5)?),
            uiterlijke_einddatum_afdoening: date(r.get(6)?),
            vertrouwelijkheid: Vertrouwelijkheid::parse(&r.get::<_, String>(7)?),
        })
    })?;
    rows.collect()
}

/// Search klanten or zaken for what was typed.
pub fn zoek(conn: &Connection, vraag: &Zoekvraag) -> rusqlite::Result<Vec<Treffer>> {
    let klant = |v: Vec<KlantTreffer>| v.into_iter().map(Treffer::Klant).collect();
    Ok(match vraag {
        Zoekvraag::Leeg | Zoekvraag::OngeldigBsn(_) => Vec::new(),
        Zoekvraag::Bsn(b) => klant(klanten(conn, "bsn = ?1", &[b])?),
        Zoekvraag::KvkNummer(k) => klant(klanten(conn, "kvk_nummer = ?1", &[k])?),
        Zoekvraag::Vestigingsnummer(v) => klant(klanten(conn, "vestigingsnummer = ?1", &[v])?),
        Zoekvraag::Postcode {
            postcode,
            huisnummer: 0,
            ..
        } => {
            // A postcode without huisnummer: everyone in that street section.
            klant(klanten(conn, "postcode = ?1", &[postcode])?)
        }
        Zoekvraag::Postcode {
            postcode,
            huisnummer,
            toevoeging,
        } => {
            let mut hits = klanten(
                conn,
                "postcode = ?1 AND huisnummer = ?2",
                &[postcode, huisnummer],
            )?;
            // With a toevoeging keep the exact address, if there is one; else everyone at that number.
            if let Some(t) = toevoeging {
                let exact: Vec<_> = hits
                    .iter()
                    .filter(|h| {
                        let straat = h.adres.split(',').next().unwrap_or_default().to_lowercase();
                        straat.ends_with(&format!("{huisnummer}{t}"))
                            || straat.ends_with(&format!("{huisnummer}-{t}"))
                    })
                    .cloned()
                    .collect();
                if !exact.is_empty() {
                    hits = exact;
                }
            }
            klant(hits)
        }
        Zoekvraag::Telefoon(t) | Zoekvraag::Email(t) => {
            let end = format!("{t}\u{7f}");
            klant(klanten(
                conn,
                "id IN (SELECT partij_id FROM digitaal_adres WHERE deleted = 0 AND adres >= ?1 AND adres < ?2)",
                &[t, &end],
            )?)
        }
        Zoekvraag::Zaaknummer(n) => {
            let pattern = if n.starts_with("ZAAK-") {
                n.clone()
            } else {
                format!("%{n}")
            };
            zaak_regels(conn, "z.identificatie LIKE ?1", &[&pattern])?
                .into_iter()
                .map(Treffer::Zaak)
                .collect()
        }
        Zoekvraag::Naam(n) => klant(zoek_naam(conn, n)?),
    })
}

fn contact_regels(
    conn: &Connection,
    where_sql: &str,
    id: &str,
    limit: usize,
) -> rusqlite::Result<Vec<ContactRegel>> {
    let sql = format!(
        "SELECT c.id, c.plaatsgevonden_op, c.kanaal, c.onderwerp, c.afhandeling, m.naam, z.identificatie,
                EXISTS (SELECT 1 FROM contactverzoek v WHERE v.contactmoment_id = c.id AND v.status = 'te_verwerken' AND v.deleted = 0)
         FROM contactmoment c
         LEFT JOIN medewerker m ON m.id = c.medewerker_id
         LEFT JOIN zaak z ON z.id = c.zaak_id
         WHERE c.deleted = 0 AND {where_sql}
         ORDER BY c.plaatsgevonden_op DESC LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id], |r| {
        Ok(ContactRegel {
            id: uuid(r.get(0)?)?,
            plaatsgevonden_op: time(r.get(1)?),
            kanaal: r.get(2)?,
            onderwerp: r.get(3)?,
            afhandeling: r.get(4)?,
            medewerker: r.get(5)?,
            zaak: r.get(6)?,
            open_contactverzoek: r.get(7)?,
        })
    })?;
    rows.collect()
}

/// The klantbeeld of partij `id`, or None when it does not exist.
pub fn klantbeeld(conn: &Connection, id: Uuid) -> rusqlite::Result<Option<Klantbeeld>> {
    let ids = id.to_string();
    let base = conn
        .query_row(
            "SELECT soort_partij, voornamen, voorvoegsel_achternaam, achternaam, statutaire_naam, geboortedatum,
                    bsn, kvk_nummer, vestigingsnummer, straatnaam, huisnummer, huisnummertoevoeging, postcode,
                    woonplaats, voorkeurskanaal, indicatie_geheimhouding
             FROM partij WHERE id = ?1 AND deleted = 0",
            [&ids],
            |r| {
                let organisatie = r.get::<_, String>(0)? == "organisatie";
                Ok(Klantbeeld {
                    id,
                    soort: if organisatie { SoortPartij::Organisatie } else { SoortPartij::Persoon },
                    naam: if organisatie {
                        r.get::<_, Option<String>>(4)?.unwrap_or_default()
                    } else {
                        volledige_naam(
                            r.get::<_, Option<String>>(1)?.as_deref(),
                            r.get::<_, Option<String>>(2)?.as_deref(),
                            r.get::<_, Option<String>>(3)?.as_deref(),
                        )
                    },
                    geboortedatum: date(r.get(5)?),
                    bsn: r.get(6)?,
                    kvk_nummer: r.get(7)?,
                    vestigingsnummer: r.get(8)?,
                    adres: adresregel(r.get::<_, Option<String>>(9)?.as_deref(), r.get(10)?, r.get::<_, Option<String>>(11)?.as_deref()),
                    postcode_woonplaats: format!(
                        "{}  {}",
                        r.get::<_, Option<String>>(12)?.unwrap_or_default(),
                        r.get::<_, Option<String>>(13)?.unwrap_or_default()
                    ),
                    digitale_adressen: Vec::new(),
                    voorkeurskanaal: r.get(14)?,
                    indicatie_geheimhouding: r.get(15)?,
                    zaken: Vec::new(),
                    contacten: Vec::new(),
                    contacten_totaal: 0,
                    open_contactverzoeken: Vec::new(),
                    afspraken: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut kb) = base else { return Ok(None) };
    // Per soort the voorkeur first (the one rule, `VOORKEUR_VOLGORDE`): `Klantbeeld::telefoon`.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT soort_digitaal_adres, adres FROM digitaal_adres WHERE partij_id = ?1 AND deleted = 0
         ORDER BY soort_digitaal_adres DESC, {}",
        crate::domain::klant::VOORKEUR_VOLGORDE
    ))?;
    kb.digitale_adressen = stmt
        .query_map([&ids], |r| {
            Ok(DigitaalAdres {
                soort: r.get(0)?,
                adres: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    kb.zaken = zaak_regels(conn, "z.initiator_partij_id = ?1", &[&ids])?;
    kb.contacten = contact_regels(conn, "c.partij_id = ?1", &ids, 100)?;
    kb.contacten_totaal = conn.query_row(
        "SELECT count(*) FROM contactmoment WHERE partij_id = ?1 AND deleted = 0",
        [&ids],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.created_at, v.uiterlijk_op, v.toelichting, a.naam, v.status
         FROM contactverzoek v LEFT JOIN afdeling a ON a.id = v.afdeling_id
         WHERE v.partij_id = ?1 AND v.status = 'te_verwerken' AND v.deleted = 0
         ORDER BY v.uiterlijk_op",
    )?;
    kb.open_contactverzoeken = stmt
        .query_map([&ids], |r| {
            Ok(ContactverzoekRegel {
                id: uuid(r.get(0)?)?,
                aangemaakt_op: time(r.get(1)?),
                uiterlijk_op: time(r.get(2)?),
                toelichting: r.get(3)?,
                afdeling: r.get(4)?,
                status: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let vandaag = super::ts(
        chrono::Local::now()
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(chrono::Local).earliest())
            .map_or_else(chrono::Utc::now, |t| t.with_timezone(&chrono::Utc)),
    );
    let mut stmt = conn.prepare_cached(
        "SELECT begin_op, eind_op, id, product, locatie,
                EXISTS (SELECT 1 FROM meta WHERE key = 'desk_nummer')
                AND EXISTS (SELECT 1 FROM outbox o WHERE o.uploaded_at IS NULL AND o.record_id = afspraak.id)
         FROM afspraak
         WHERE partij_id = ?1 AND deleted = 0 AND begin_op >= ?2
           AND status NOT IN ('geannuleerd', 'verzet', 'no_show', 'geweigerd')
         ORDER BY begin_op LIMIT 10",
    )?;
    kb.afspraken = stmt
        .query_map([&ids, &vandaag], |r| {
            Ok(crate::domain::klant::KlantAfspraak {
                begin_op: time(r.get(0)?),
                eind_op: time(r.get(1)?),
                id: uuid(r.get(2)?)?,
                product: r.get(3)?,
                locatie: r.get(4)?,
                voorbehoud: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(kb))
}

/// Everything about zaak `id`, or None.
pub fn zaak(conn: &Connection, id: Uuid) -> rusqlite::Result<Option<ZaakDetail>> {
    let ids = id.to_string();
    let base = conn
        .query_row(
            "SELECT z.identificatie, zt.omschrijving, z.omschrijving, z.vertrouwelijkheidaanduiding, z.startdatum,
                    z.einddatum_gepland, z.uiterlijke_einddatum_afdoening, z.einddatum, m.naam, a.naam,
                    p.soort_partij, p.voornamen, p.voorvoegsel_achternaam, p.achternaam, p.statutaire_naam, p.id
             FROM zaak z
             JOIN zaaktype zt ON zt.id = z.zaaktype_id
             LEFT JOIN afdeling a ON a.id = zt.afdeling_id
             LEFT JOIN medewerker m ON m.id = z.behandelaar_medewerker_id
             LEFT JOIN partij p ON p.id = z.initiator_partij_id
             WHERE z.id = ?1 AND z.deleted = 0",
            [&ids],
            |r| {
                let aanvrager = match r.get::<_, Option<String>>(10)?.as_deref() {
                    Some("organisatie") => r.get(14)?,
                    Some(_) => Some(volledige_naam(
                        r.get::<_, Option<String>>(11)?.as_deref(),
                        r.get::<_, Option<String>>(12)?.as_deref(),
                        r.get::<_, Option<String>>(13)?.as_deref(),
                    )),
                    None => None,
                };
                Ok(ZaakDetail {
                    id,
                    identificatie: r.get(0)?,
                    zaaktype: r.get(1)?,
                    omschrijving: r.get(2)?,
                    vertrouwelijkheid: Vertrouwelijkheid::parse(&r.get::<_, String>(3)?),
                    statussen: Vec::new(),
                    startdatum: date(r.get(4)?).unwrap_or_default(),
                    einddatum_gepland: date(r.get(5)?),
                    uiterlijke_einddatum_afdoening: date(r.get(6)?),
                    einddatum: date(r.get(7)?),
                    behandelaar: r.get(8)?,
                    afdeling: r.get(9)?,
                    aanvrager,
                    aanvrager_id: r.get::<_, Option<String>>(15)?.map(uuid).transpose()?,
                    contacten: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut z) = base else { return Ok(None) };
    let mut stmt = conn.prepare_cached(
        "SELECT statustype, datum_status_gezet, statustoelichting FROM zaak_status
         WHERE zaak_id = ?1 AND deleted = 0 ORDER BY datum_status_gezet",
    )?;
    z.statussen = stmt
        .query_map([&ids], |r| {
            Ok(StatusRegel {
                statustype: r.get(0)?,
                datum_status_gezet: time(r.get(1)?),
                statustoelichting: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    z.contacten = contact_regels(conn, "c.zaak_id = ?1", &ids, 50)?;
    Ok(Some(z))
}

/// Why someone's data was looked at; written to the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditReden {
    Klantbeeld,
    BsnGetoond,
    Zaak,
    /// The inzagelog of a klant, read at the desk: a view of personal data too.
    Inzagelog,
}

impl AuditReden {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditReden::Klantbeeld => "klantbeeld",
            AuditReden::BsnGetoond => "BSN getoond",
            AuditReden::Zaak => "zaak",
            AuditReden::Inzagelog => "auditlog bekeken",
        }
    }
}

/// Who looked at what, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub medewerker_id: Option<Uuid>,
    pub medewerker: String,
    pub partij_id: Option<Uuid>,
    pub zaak_id: Option<Uuid>,
    pub reden: AuditReden,
    /// Why (doelbinding): "klantcontact telefoon", "klantcontact balie", "zonder klantcontact".
    pub doel: String,
}

/// Write an audit row on this desk; returns its id.
pub fn write_audit(conn: &Connection, desk: Uuid, e: &AuditEntry) -> rusqlite::Result<Uuid> {
    let id = Uuid::now_v7();
    conn.execute(
        "INSERT INTO audit_log (id, at, desk_id, medewerker_id, medewerker, partij_id, zaak_id, reden, doel)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id.to_string(),
            super::ts(e.at),
            desk.to_string(),
            e.medewerker_id.map(|u| u.to_string()),
            e.medewerker,
            e.partij_id.map(|u| u.to_string()),
            e.zaak_id.map(|u| u.to_string()),
            e.reden.as_str(),
            e.doel
        ],
    )?;
    Ok(id)
}

/// Who is looking, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kijker {
    pub medewerker_id: Option<Uuid>,
    pub naam: String,
    /// Why they look (doelbinding), see [`AuditEntry::doel`].
    pub doel: String,
}

/// Log that `kijker` looked at a klant or zaak, now, from this desk: on the desk, and through
/// the outbox to the shared database's audit log (which never sends it down to other desks). The
/// row names the klant or zaak by record id, never by BSN.
pub fn inzage(
    store: &mut super::Store,
    kijker: &Kijker,
    partij_id: Option<Uuid>,
    zaak_id: Option<Uuid>,
    reden: AuditReden,
) -> anyhow::Result<()> {
    let desk = store.desk_id();
    let e = AuditEntry {
        at: crate::sync::klok::nu(),
        medewerker_id: kijker.medewerker_id,
        medewerker: kijker.naam.clone(),
        partij_id,
        zaak_id,
        reden,
        doel: kijker.doel.clone(),
    };
    let mut b = store.batch(e.at)?;
    let id = write_audit(b.conn(), desk, &e)?;
    let payload = serde_json::json!({
        "id": id,
        "at": super::ts(e.at),
        "desk_id": desk,
        "medewerker_id": e.medewerker_id,
        "medewerker": e.medewerker,
        "partij_id": e.partij_id,
        "zaak_id": e.zaak_id,
        "reden": e.reden.as_str(),
        "doel": e.doel,
    });
    b.alleen_naar_server(AUDIT_TABEL, id, &payload)?;
    b.commit()
}

/// The outbox's name for an audit row (handed in, never read back from the server).
pub const AUDIT_TABEL: &str = "audit_log";

/// The zaken of a klant on this desk (id, identificatie), to find their lookups in the server's
/// audit log, which knows a zaak by its id only.
pub fn zaken_van_klant(conn: &Connection, partij: Uuid) -> rusqlite::Result<Vec<(Uuid, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, identificatie FROM zaak WHERE initiator_partij_id = ?1 ORDER BY identificatie",
    )?;
    let rows = stmt.query_map([partij.to_string()], |r| Ok((uuid(r.get(0)?)?, r.get(1)?)))?;
    rows.collect()
}

/// The audit log of one klant (including lookups of their zaken), newest first.
pub fn audit_van_klant(conn: &Connection, partij: Uuid) -> rusqlite::Result<Vec<AuditRegel>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.at, l.desk_id, l.medewerker, l.partij_id, z.identificatie, l.reden, l.doel
         FROM audit_log l LEFT JOIN zaak z ON z.id = l.zaak_id
         WHERE l.partij_id = ?1 OR z.initiator_partij_id = ?1
         ORDER BY l.at DESC",
    )?;
    let rows = stmt.query_map([partij.to_string()], |r| {
        Ok(AuditRegel {
            at: time(r.get(0)?),
            desk_id: r.get(1)?,
            medewerker: r.get(2)?,
            partij_id: r.get(3)?,
            zaak: r.get(4)?,
            reden: r.get(5)?,
            doel: r.get(6)?,
        })
    })?;
    rows.collect()
}

pub fn referentie(conn: &Connection) -> rusqlite::Result<Referentie> {
    let mut stmt = conn.prepare("SELECT id, naam FROM afdeling WHERE deleted = 0 ORDER BY naam")?;
    let afdelingen = stmt
        .query_map([], |r| Ok((uuid(r.get(0)?)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT m.id, m.naam, m.afdeling_id, a.naam, m.aanwezigheid FROM medewerker m
         LEFT JOIN afdeling a ON a.id = m.afdeling_id WHERE m.deleted = 0 ORDER BY a.naam, m.naam",
    )?;
    let medewerkers = stmt
        .query_map([], |r| {
            Ok(MedewerkerRegel {
                id: uuid(r.get(0)?)?,
                naam: r.get(1)?,
                afdeling_id: r.get::<_, Option<String>>(2)?.map(uuid).transpose()?,
                afdeling: r.get(3)?,
                aanwezigheid: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt =
        conn.prepare("SELECT id, naam, afdeling_id FROM groep WHERE deleted = 0 ORDER BY naam")?;
    let groepen = stmt
        .query_map([], |r| {
            Ok((
                uuid(r.get(0)?)?,
                r.get(1)?,
                r.get::<_, Option<String>>(2)?.map(uuid).transpose()?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(Referentie {
        afdelingen,
        groepen,
        medewerkers,
    })
}

/// The key of the registration draft in the concept table.
pub const CONCEPT_REGISTRATIE: &str = "registratie";
/// The contact in hand, kept as it changes.
pub const CONCEPT_CONTACT: &str = "contact";

/// A draft's key in the `concept` table: per desk, since several desks may share one database
/// file (a hall on one file), and one desk's draft or contact is never another's; and per
/// medewerker signed in at the desk (issue 19): a draft, the contact in hand and the notes are
/// theirs, never the next medewerker's.
pub fn concept_sleutel(store: &super::Store, soort: &str) -> String {
    let wie: Option<String> = store
        .conn()
        .query_row(
            "SELECT medewerker_id FROM aanmelding WHERE desk_id = ?1 AND tot IS NULL
              ORDER BY van DESC LIMIT 1",
            [store.desk_id().to_string()],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten();
    match wie {
        Some(m) => format!("{soort}:{}:{m}", store.desk_id()),
        None => format!("{soort}:{}", store.desk_id()),
    }
}

/// The draft stored under `key`, if any.
pub fn concept(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT payload FROM concept WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
}

/// Store (Some) or remove (None) the draft under `key`.
pub fn bewaar_concept(
    conn: &Connection,
    key: &str,
    payload: Option<&str>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    match payload {
        Some(p) => conn.execute(
            "INSERT INTO concept (key, payload, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at",
            params![key, p, super::ts(now)],
        )?,
        None => conn.execute("DELETE FROM concept WHERE key = ?1", [key])?,
    };
    Ok(())
}

/// The klant whose telefoonnummer is `nummer` (normalised as stored), when exactly one has it.
pub fn klant_met_telefoon(
    conn: &Connection,
    nummer: &str,
) -> rusqlite::Result<Option<(Uuid, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT p.id, p.soort_partij, p.voornamen, p.voorvoegsel_achternaam, p.achternaam,
                p.statutaire_naam
         FROM digitaal_adres d JOIN partij p ON p.id = d.partij_id
         WHERE d.soort_digitaal_adres = 'telefoonnummer' AND d.adres = ?1
           AND d.deleted = 0 AND p.deleted = 0
         LIMIT 2",
    )?;
    let rows: Vec<(Uuid, String)> = st
        .query_map([nummer], |r| {
            let naam = if r.get::<_, String>(1)? == "organisatie" {
                r.get::<_, Option<String>>(5)?.unwrap_or_default()
            } else {
                crate::domain::klant::volledige_naam(
                    r.get::<_, Option<String>>(2)?.as_deref(),
                    r.get::<_, Option<String>>(3)?.as_deref(),
                    r.get::<_, Option<String>>(4)?.as_deref(),
                )
            };
            Ok((uuid(r.get(0)?)?, naam))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if rows.len() == 1 {
        rows.into_iter().next()
    } else {
        None
    })
}

/// Up to `n` telefoonnummers of klanten.
pub fn telefoonnummers(conn: &Connection, n: usize) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare(
        "SELECT adres FROM digitaal_adres WHERE soort_digitaal_adres = 'telefoonnummer'
         AND deleted = 0 ORDER BY id LIMIT ?1",
    )?;
    st.query_map([n as i64], |r| r.get(0))?.collect()
}
