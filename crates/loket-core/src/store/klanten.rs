//! Writing klant data at the desk: correcting contact details and creating a klant with minimal
//! data. Both go through the batch write path, so every change has its outbox entry.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Store, parse_ts};
use crate::domain::RecordMeta;
use crate::domain::klant::{DigitaalAdresRecord, NieuwePartij};

const SOORTEN: [&str; 2] = ["telefoonnummer", "email"];

fn adressen(store: &Store, partij: Uuid) -> rusqlite::Result<Vec<DigitaalAdresRecord>> {
    let mut stmt = store.conn().prepare(
        "SELECT id, created_at, updated_at, desk_id, soort_digitaal_adres, adres
         FROM digitaal_adres WHERE partij_id = ?1 AND deleted = 0 ORDER BY created_at",
    )?;
    let rows = stmt.query_map([partij.to_string()], |r| {
        let u = |s: String| Uuid::parse_str(&s).unwrap_or_default();
        Ok(DigitaalAdresRecord {
            meta: RecordMeta {
                id: u(r.get(0)?),
                created_at: parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
                updated_at: parse_ts(&r.get::<_, String>(2)?).unwrap_or_default(),
                desk_id: u(r.get(3)?),
                deleted: false,
            },
            partij_id: partij,
            soort_digitaal_adres: r.get(4)?,
            adres: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// Set the klant's telefoonnummer and e-mailadres to `nieuw` (already normalised; empty removes
/// it). Only what changed is written. Returns how many records changed.
pub fn wijzig_contact(
    store: &mut Store,
    partij: Uuid,
    nieuw: [&str; 2],
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let bestaand = adressen(store, partij)?;
    let desk = store.desk_id();
    let mut changes = Vec::new();
    for (soort, waarde) in SOORTEN.iter().zip(nieuw) {
        let huidig = bestaand.iter().find(|a| a.soort_digitaal_adres == *soort);
        match (huidig, waarde.is_empty()) {
            (Some(h), false) if h.adres != waarde => {
                let mut a = h.clone();
                a.adres = waarde.to_string();
                changes.push(a);
            }
            (Some(h), true) => {
                let mut a = h.clone();
                a.meta.deleted = true;
                changes.push(a);
            }
            (None, false) => changes.push(DigitaalAdresRecord {
                meta: RecordMeta::new(now, desk),
                partij_id: partij,
                soort_digitaal_adres: soort.to_string(),
                adres: waarde.to_string(),
            }),
            _ => {}
        }
    }
    let n = changes.len();
    if n > 0 {
        let mut batch = store.batch(now)?;
        for c in &mut changes {
            batch.save(c)?;
        }
        batch.commit()?;
    }
    Ok(n)
}

/// Create a klant (persoon) with a name and at least one contact detail.
pub fn nieuwe_klant(
    store: &mut Store,
    mut partij: NieuwePartij,
    contact: [&str; 2],
    now: DateTime<Utc>,
) -> anyhow::Result<Uuid> {
    let desk = store.desk_id();
    let id = partij.meta.id;
    let mut batch = store.batch(now)?;
    batch.save(&mut partij)?;
    for (soort, waarde) in SOORTEN.iter().zip(contact) {
        if !waarde.is_empty() {
            batch.save(&mut DigitaalAdresRecord {
                meta: RecordMeta::new(now, desk),
                partij_id: id,
                soort_digitaal_adres: soort.to_string(),
                adres: waarde.to_string(),
            })?;
        }
    }
    batch.commit()?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_details_are_corrected_added_and_removed_with_outbox_entries() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("l.db"), Uuid::nil()).unwrap();
        let now = Utc::now();
        let id = nieuwe_klant(
            &mut store,
            NieuwePartij {
                meta: RecordMeta::new(now, Uuid::nil()),
                voornamen: "Eva".into(),
                voorvoegsel_achternaam: String::new(),
                achternaam: "Bakker".into(),
                zoeknaam: "bakker".into(),
            },
            ["0612345678", ""],
            now,
        )
        .unwrap();
        assert_eq!(adressen(&store, id).unwrap().len(), 1);
        // Correct the phone, add an e-mail.
        let n = wijzig_contact(&mut store, id, ["0687654321", "eva@voorbeeld.nl"], now).unwrap();
        assert_eq!(n, 2);
        let a = adressen(&store, id).unwrap();
        assert!(a.iter().any(|x| x.adres == "0687654321"));
        assert!(a.iter().any(|x| x.adres == "eva@voorbeeld.nl"));
        // Nothing changed: nothing written.
        assert_eq!(
            wijzig_contact(&mut store, id, ["0687654321", "eva@voorbeeld.nl"], now).unwrap(),
            0
        );
        // Remove the phone: a tombstone.
        assert_eq!(
            wijzig_contact(&mut store, id, ["", "eva@voorbeeld.nl"], now).unwrap(),
            1
        );
        assert_eq!(adressen(&store, id).unwrap().len(), 1);
        let ops: Vec<String> = store
            .conn()
            .prepare("SELECT table_name || ':' || operation FROM outbox ORDER BY op_seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            ops,
            vec![
                "partij:upsert",
                "digitaal_adres:upsert",
                "digitaal_adres:upsert",
                "digitaal_adres:upsert",
                "digitaal_adres:delete"
            ]
        );
    }
}
