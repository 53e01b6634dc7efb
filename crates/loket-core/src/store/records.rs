//! The one write path for records that sync: every such type implements [`SyncRecord`] and is
//! written with [`super::Store::save`], which also appends its outbox entry.

use rusqlite::types::Value;
use serde::Serialize;

use chrono::{DateTime, Utc};

use super::ts;
use crate::domain::afspraken::Afspraak;
use crate::domain::contact::{Contactmoment, ContactmomentVraag, Contactverzoek, LogboekRegel};
use crate::domain::kas::{Betaling, Kasopmaak};
use crate::domain::kennisbank::{ArtikelMelding, Zoekactie};
use crate::domain::klant::{DigitaalAdresRecord, NieuwePartij};
use crate::domain::klantgeleiding::{Baliestand, Bezoek, Bezoeker};
use crate::domain::telefonie::{Gesprek, StatusWissel};
use crate::domain::{Medewerker, RecordMeta};

/// The two accessors every record with a `meta: RecordMeta` field has.
macro_rules! meta_accessors {
    () => {
        fn meta(&self) -> &RecordMeta {
            &self.meta
        }
        fn meta_mut(&mut self) -> &mut RecordMeta {
            &mut self.meta
        }
    };
}

/// A record type that syncs. `COLUMNS` lists the table columns after the five meta columns, in the
/// order `values` returns them.
pub trait SyncRecord: Serialize {
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    fn meta(&self) -> &RecordMeta;
    fn meta_mut(&mut self) -> &mut RecordMeta;
    fn values(&self) -> Vec<Value>;
}

fn opt_text(v: &Option<String>) -> Value {
    v.clone().map_or(Value::Null, Value::Text)
}

impl SyncRecord for Medewerker {
    const TABLE: &'static str = "medewerker";
    const COLUMNS: &'static [&'static str] = &[
        "naam",
        "rol",
        "functie",
        "afdeling_id",
        "aanwezigheid",
        "telefoon",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.naam.clone()),
            Value::Text(self.rol.as_str().into()),
            Value::Text(self.functie.clone()),
            self.afdeling_id
                .map_or(Value::Null, |id| Value::Text(id.to_string())),
            Value::Text(self.aanwezigheid.as_str().into()),
            opt_text(&self.telefoon),
        ]
    }
}

fn opt_uuid(v: Option<uuid::Uuid>) -> Value {
    v.map_or(Value::Null, |id| Value::Text(id.to_string()))
}

fn opt_ts(v: Option<DateTime<Utc>>) -> Value {
    v.map_or(Value::Null, |t| Value::Text(ts(t)))
}

impl SyncRecord for Contactmoment {
    const TABLE: &'static str = "contactmoment";
    const COLUMNS: &'static [&'static str] = &[
        "plaatsgevonden_op",
        "kanaal",
        "onderwerp",
        "inhoud",
        "notitie",
        "afhandeling",
        "partij_id",
        "zaak_id",
        "medewerker_id",
        "afdeling_id",
        "duur_seconden",
        "nawerk_seconden",
        "eerstelijns_afgehandeld",
        "bronnen",
        "gesprek_id",
        "ontvangen_op",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(ts(self.plaatsgevonden_op)),
            Value::Text(self.kanaal.as_str().into()),
            Value::Text(self.onderwerp.clone()),
            Value::Text(self.inhoud.clone()),
            Value::Text(self.notitie.clone()),
            Value::Text(self.afhandeling.clone()),
            opt_uuid(self.partij_id),
            opt_uuid(self.zaak_id),
            opt_uuid(self.medewerker_id),
            opt_uuid(self.afdeling_id),
            Value::Integer(self.duur_seconden),
            Value::Integer(self.nawerk_seconden),
            Value::Integer(i64::from(self.eerstelijns_afgehandeld)),
            Value::Text(serde_json::to_string(&self.bronnen).unwrap_or_else(|_| "[]".into())),
            opt_uuid(self.gesprek_id),
            self.ontvangen_op
                .map_or(Value::Null, |d| Value::Text(d.to_string())),
        ]
    }
}

impl SyncRecord for ContactmomentVraag {
    const TABLE: &'static str = "contactmoment_vraag";
    const COLUMNS: &'static [&'static str] = &[
        "contactmoment_id",
        "volgnummer",
        "onderwerp",
        "vraag",
        "gespreksresultaat",
        "afdeling_id",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.contactmoment_id.to_string()),
            Value::Integer(self.volgnummer),
            Value::Text(self.onderwerp.clone()),
            Value::Text(self.vraag.clone()),
            Value::Text(self.gespreksresultaat.label().into()),
            opt_uuid(self.afdeling_id),
        ]
    }
}

impl SyncRecord for Contactverzoek {
    const TABLE: &'static str = "contactverzoek";
    const COLUMNS: &'static [&'static str] = &[
        "contactmoment_id",
        "partij_id",
        "gevraagde_handeling",
        "toelichting",
        "terugbelnummer",
        "emailadres",
        "afdeling_id",
        "groep_id",
        "medewerker_id",
        "status",
        "uiterlijk_op",
        "verwerkt_op",
        "resultaat",
        "verwerkt_door",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            opt_uuid(self.contactmoment_id),
            opt_uuid(self.partij_id),
            Value::Text(self.gevraagde_handeling.clone()),
            Value::Text(self.toelichting.clone()),
            opt_text(&self.terugbelnummer),
            opt_text(&self.emailadres),
            opt_uuid(self.afdeling_id),
            opt_uuid(self.groep_id),
            opt_uuid(self.medewerker_id),
            Value::Text(self.status.clone()),
            Value::Text(ts(self.uiterlijk_op)),
            opt_ts(self.verwerkt_op),
            opt_text(&self.resultaat),
            opt_text(&self.verwerkt_door),
        ]
    }
}

impl SyncRecord for LogboekRegel {
    const TABLE: &'static str = "contactverzoek_logboek";
    const COLUMNS: &'static [&'static str] =
        &["contactverzoek_id", "medewerker", "actie", "toelichting"];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.contactverzoek_id.to_string()),
            Value::Text(self.medewerker.clone()),
            Value::Text(self.actie.clone()),
            opt_text(&self.toelichting),
        ]
    }
}

impl SyncRecord for DigitaalAdresRecord {
    const TABLE: &'static str = "digitaal_adres";
    const COLUMNS: &'static [&'static str] = &["partij_id", "soort_digitaal_adres", "adres"];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.partij_id.to_string()),
            Value::Text(self.soort_digitaal_adres.clone()),
            Value::Text(self.adres.clone()),
        ]
    }
}

impl SyncRecord for NieuwePartij {
    const TABLE: &'static str = "partij";
    const COLUMNS: &'static [&'static str] = &[
        "soort_partij",
        "voornamen",
        "voorvoegsel_achternaam",
        "achternaam",
        "zoeknaam",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        let opt = |s: &str| {
            if s.is_empty() {
                Value::Null
            } else {
                Value::Text(s.to_string())
            }
        };
        vec![
            Value::Text("persoon".into()),
            opt(&self.voornamen),
            opt(&self.voorvoegsel_achternaam),
            Value::Text(self.achternaam.clone()),
            Value::Text(self.zoeknaam.clone()),
        ]
    }
}

impl SyncRecord for Zoekactie {
    const TABLE: &'static str = "kennisbank_zoekactie";
    const COLUMNS: &'static [&'static str] =
        &["vraag", "aantal_treffers", "artikel", "medewerker_id"];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            opt_text(&self.vraag),
            Value::Integer(self.aantal_treffers),
            opt_text(&self.artikel),
            opt_uuid(self.medewerker_id),
        ]
    }
}

impl SyncRecord for ArtikelMelding {
    const TABLE: &'static str = "kennisbank_melding";
    const COLUMNS: &'static [&'static str] =
        &["artikel", "soort", "toelichting", "medewerker", "status"];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.artikel.clone()),
            Value::Text(self.soort.label().into()),
            Value::Text(self.toelichting.clone()),
            Value::Text(self.medewerker.clone()),
            Value::Text(self.status.clone()),
        ]
    }
}

impl SyncRecord for Gesprek {
    const TABLE: &'static str = "gesprek";
    const COLUMNS: &'static [&'static str] = &[
        "extern_id",
        "nummer",
        "keuze",
        "terugval",
        "binnen_op",
        "aangeboden_op",
        "aangenomen_op",
        "beeindigd_op",
        "verlaten_op",
        "medewerker_id",
        "agent",
        "doorverbindingen",
        "linkedid",
        "simulator_desk",
        "in_wacht_sinds",
        "afgebroken_op",
        "afgebroken_reden",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.extern_id.clone()),
            Value::Text(self.nummer.clone()),
            Value::Text(self.keuze.clone()),
            Value::Integer(i64::from(self.terugval)),
            Value::Text(ts(self.binnen_op)),
            opt_ts(self.aangeboden_op),
            opt_ts(self.aangenomen_op),
            opt_ts(self.beeindigd_op),
            opt_ts(self.verlaten_op),
            opt_uuid(self.medewerker_id),
            opt_text(&self.agent),
            Value::Text(
                serde_json::to_string(&self.doorverbindingen).unwrap_or_else(|_| "[]".into()),
            ),
            opt_text(&self.linkedid),
            opt_uuid(self.simulator_desk),
            opt_ts(self.in_wacht_sinds),
            opt_ts(self.afgebroken_op),
            opt_text(&self.afgebroken_reden),
        ]
    }
}

/// A call from its columns as JSON (a row as the outbox and the server carry it, or a row read
/// back): what [`Gesprek::samenvoegen`] needs to merge two desks' versions. None when the id or
/// the arrival is missing or unreadable; missing newer columns read as empty (an older desk's
/// payload).
pub fn gesprek_uit_kolommen(j: &serde_json::Value) -> Option<Gesprek> {
    let t = |k: &str| j.get(k).and_then(serde_json::Value::as_str);
    let tijd = |k: &str| t(k).and_then(super::parse_ts);
    let uuid = |k: &str| t(k).and_then(|s| uuid::Uuid::parse_str(s).ok());
    let tekst = |k: &str| t(k).unwrap_or_default().to_string();
    Some(Gesprek {
        meta: RecordMeta {
            id: uuid("id")?,
            created_at: tijd("created_at")?,
            updated_at: tijd("updated_at")?,
            desk_id: uuid("desk_id").unwrap_or_default(),
            deleted: j.get("deleted").and_then(serde_json::Value::as_i64) == Some(1),
        },
        extern_id: tekst("extern_id"),
        nummer: tekst("nummer"),
        keuze: tekst("keuze"),
        terugval: j.get("terugval").and_then(serde_json::Value::as_i64) == Some(1),
        binnen_op: tijd("binnen_op")?,
        aangeboden_op: tijd("aangeboden_op"),
        aangenomen_op: tijd("aangenomen_op"),
        beeindigd_op: tijd("beeindigd_op"),
        verlaten_op: tijd("verlaten_op"),
        medewerker_id: uuid("medewerker_id"),
        agent: t("agent").map(String::from),
        doorverbindingen: t("doorverbindingen")
            .and_then(|d| serde_json::from_str(d).ok())
            .unwrap_or_default(),
        linkedid: t("linkedid").map(String::from),
        simulator_desk: uuid("simulator_desk"),
        in_wacht_sinds: tijd("in_wacht_sinds"),
        afgebroken_op: tijd("afgebroken_op"),
        afgebroken_reden: t("afgebroken_reden").map(String::from),
    })
}

/// A record as its columns in JSON, as [`super::Batch::save`] puts it in the outbox.
pub fn kolommen_json<R: SyncRecord>(rec: &R) -> serde_json::Value {
    let meta = rec.meta();
    let mut values: Vec<Value> = vec![
        meta.id.to_string().into(),
        ts(meta.created_at).into(),
        ts(meta.updated_at).into(),
        meta.desk_id.to_string().into(),
        i64::from(meta.deleted).into(),
    ];
    values.extend(rec.values());
    ["id", "created_at", "updated_at", "desk_id", "deleted"]
        .iter()
        .chain(R::COLUMNS)
        .zip(&values)
        .map(|(c, v)| (c.to_string(), super::kolom_json(v)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

impl SyncRecord for StatusWissel {
    const TABLE: &'static str = "agent_status";
    const COLUMNS: &'static [&'static str] = &["medewerker_id", "status", "reden", "op"];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            opt_uuid(self.medewerker_id),
            Value::Text(self.status.as_str().into()),
            opt_text(&self.reden),
            Value::Text(ts(self.op)),
        ]
    }
}

impl SyncRecord for Afspraak {
    const TABLE: &'static str = "afspraak";
    const COLUMNS: &'static [&'static str] = &[
        "partij_id",
        "product",
        "locatie",
        "medewerker_id",
        "begin_op",
        "eind_op",
        "status",
        "bevestiging",
        "reden",
        "verzet_van",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            opt_uuid(self.partij_id),
            Value::Text(self.product.clone()),
            Value::Text(self.locatie.clone()),
            opt_uuid(self.medewerker_id),
            Value::Text(ts(self.begin_op)),
            Value::Text(ts(self.eind_op)),
            Value::Text(self.status.clone()),
            opt_text(&self.bevestiging),
            opt_text(&self.reden),
            opt_uuid(self.verzet_van),
        ]
    }
}

impl SyncRecord for Bezoek {
    const TABLE: &'static str = "bezoek";
    const COLUMNS: &'static [&'static str] = &[
        "dag",
        "locatie",
        "nummer",
        "volgnummer",
        "dienst",
        "partij_id",
        "aangekomen_op",
        "opgeroepen_op",
        "oproepen",
        "balie",
        "geholpen_op",
        "klaar_op",
        "status",
        "afspraak_id",
        "afspraak_op",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.dag.to_string()),
            Value::Text(self.locatie.clone()),
            Value::Text(self.nummer.clone()),
            Value::Integer(self.volgnummer),
            Value::Text(self.dienst.clone()),
            opt_uuid(self.partij_id),
            Value::Text(ts(self.aangekomen_op)),
            opt_ts(self.opgeroepen_op),
            Value::Integer(self.oproepen),
            opt_text(&self.balie),
            opt_ts(self.geholpen_op),
            opt_ts(self.klaar_op),
            Value::Text(self.status.clone()),
            opt_uuid(self.afspraak_id),
            opt_ts(self.afspraak_op),
        ]
    }
}

impl SyncRecord for Baliestand {
    const TABLE: &'static str = "balie_stand";
    const COLUMNS: &'static [&'static str] = &[
        "locatie",
        "balie",
        "dag",
        "aangemeld",
        "sinds",
        "medewerker",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.locatie.clone()),
            Value::Text(self.balie.clone()),
            Value::Text(self.dag.to_string()),
            Value::Integer(i64::from(self.aangemeld)),
            Value::Text(ts(self.sinds)),
            opt_text(&self.medewerker),
        ]
    }
}

impl SyncRecord for Bezoeker {
    const TABLE: &'static str = "bezoeker";
    const COLUMNS: &'static [&'static str] = &[
        "locatie",
        "dag",
        "naam",
        "voor_wie",
        "bedrijf",
        "binnen_op",
        "buiten_op",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.locatie.clone()),
            Value::Text(self.dag.to_string()),
            Value::Text(self.naam.clone()),
            Value::Text(self.voor_wie.clone()),
            opt_text(&self.bedrijf),
            Value::Text(ts(self.binnen_op)),
            opt_ts(self.buiten_op),
        ]
    }
}

impl SyncRecord for Betaling {
    const TABLE: &'static str = "kas_betaling";
    const COLUMNS: &'static [&'static str] = &[
        "balie",
        "dag",
        "volgnummer",
        "bonnummer",
        "product",
        "bedrag_cent",
        "methode",
        "medewerker",
        "bezoek_id",
        "partij_id",
        "correctie_van",
        "reden",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.balie.clone()),
            Value::Text(self.dag.to_string()),
            Value::Integer(self.volgnummer),
            Value::Text(self.bonnummer.clone()),
            Value::Text(self.product.clone()),
            Value::Integer(self.bedrag_cent),
            Value::Text(self.methode.as_str().into()),
            Value::Text(self.medewerker.clone()),
            opt_uuid(self.bezoek_id),
            opt_uuid(self.partij_id),
            opt_uuid(self.correctie_van),
            opt_text(&self.reden),
        ]
    }
}

impl SyncRecord for Kasopmaak {
    const TABLE: &'static str = "kasopmaak";
    const COLUMNS: &'static [&'static str] = &[
        "balie",
        "dag",
        "contant_verwacht_cent",
        "contant_geteld_cent",
        "pin_cent",
        "verschil_cent",
        "betalingen",
        "medewerker",
        "gesloten_op",
    ];
    meta_accessors!();
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.balie.clone()),
            Value::Text(self.dag.to_string()),
            Value::Integer(self.contant_verwacht_cent),
            Value::Integer(self.contant_geteld_cent),
            Value::Integer(self.pin_cent),
            Value::Integer(self.verschil_cent),
            Value::Integer(self.betalingen),
            Value::Text(self.medewerker.clone()),
            Value::Text(ts(self.gesloten_op)),
        ]
    }
}
