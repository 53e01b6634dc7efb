//! Writing klant data at the desk: correcting contact details and creating a klant with minimal
//! data. Both go through the batch write path, so every change has its outbox entry.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Store, parse_ts};
use crate::domain::RecordMeta;
use crate::domain::klant::{DigitaalAdresRecord, NieuwePartij, sleutelwaarde};

const SOORTEN: [&str; 2] = ["telefoonnummer", "email"];

/// Every digitaal adres of the klant, ended ones included (a value added again revives its record).
fn adressen(store: &Store, partij: Uuid) -> rusqlite::Result<Vec<DigitaalAdresRecord>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT id, created_at, updated_at, desk_id, soort_digitaal_adres, adres, deleted
         FROM digitaal_adres WHERE partij_id = ?1 ORDER BY created_at",
    )?;
    let rows = stmt.query_map([partij.to_string()], |r| {
        let u = |s: String| Uuid::parse_str(&s).unwrap_or_default();
        Ok(DigitaalAdresRecord {
            meta: RecordMeta {
                id: u(r.get(0)?),
                created_at: parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
                updated_at: parse_ts(&r.get::<_, String>(2)?).unwrap_or_default(),
                desk_id: u(r.get(3)?),
                deleted: r.get::<_, i64>(6)? != 0,
            },
            partij_id: partij,
            soort_digitaal_adres: r.get(4)?,
            adres: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// The records to write so that `waarde` (empty: none) becomes the klant's voorkeur of `soort`,
/// given all of the klant's `adressen`. It is stored in its key spelling ([`sleutelwaarde`]), so
/// desks that typed it differently write the same row. A value is never edited in place: the old
/// voorkeur is ended (a tombstone) and the value lives under the id derived from its natural key
/// ([`DigitaalAdresRecord::id_voor`]), revived when it was ended before, written again (so the
/// newest, the voorkeur) when another value was newer. A live copy of the same value under another
/// id (a random one of an older desk or the demo data) is ended too, so one record holds it.
fn wijzigingen(
    adressen: &[DigitaalAdresRecord],
    partij: Uuid,
    soort: &str,
    waarde: &str,
    now: DateTime<Utc>,
    desk: Uuid,
) -> Vec<DigitaalAdresRecord> {
    let huidig = DigitaalAdresRecord::voorkeur(adressen, soort);
    let beeindigd = |a: &DigitaalAdresRecord| {
        let mut a = a.clone();
        a.meta.deleted = true;
        a
    };
    if waarde.is_empty() {
        return huidig.map(beeindigd).into_iter().collect();
    }
    let sleutel = sleutelwaarde(soort, waarde);
    if huidig.is_some_and(|h| h.sleutel() == sleutel) {
        return Vec::new();
    }
    let id = DigitaalAdresRecord::id_voor(partij, soort, waarde);
    let mut uit: Vec<DigitaalAdresRecord> = huidig.map(beeindigd).into_iter().collect();
    uit.extend(
        adressen
            .iter()
            .filter(|a| {
                !a.meta.deleted
                    && a.meta.id != id
                    && a.soort_digitaal_adres == soort
                    && a.sleutel() == sleutel
            })
            .map(beeindigd),
    );
    uit.push(match adressen.iter().find(|a| a.meta.id == id) {
        Some(a) => DigitaalAdresRecord {
            meta: RecordMeta {
                deleted: false,
                ..a.meta.clone()
            },
            adres: sleutel.clone(),
            ..a.clone()
        },
        None => DigitaalAdresRecord {
            meta: RecordMeta {
                id,
                ..RecordMeta::new(now, desk)
            },
            partij_id: partij,
            soort_digitaal_adres: soort.to_string(),
            adres: sleutel.clone(),
        },
    });
    uit
}

/// Set the klant's telefoonnummer and e-mailadres (their voorkeur) to `nieuw` (already
/// normalised; empty ends the current one). Only what changed is written; a correction ends the
/// old value and writes the new one under its own id (see [`wijzigingen`]). Returns how many
/// records were written.
pub fn wijzig_contact(
    store: &mut Store,
    partij: Uuid,
    nieuw: [&str; 2],
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let bestaand = adressen(store, partij)?;
    let desk = store.desk_id();
    let mut changes: Vec<DigitaalAdresRecord> = SOORTEN
        .iter()
        .zip(nieuw)
        .flat_map(|(soort, waarde)| wijzigingen(&bestaand, partij, soort, waarde, now, desk))
        .collect();
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
        for mut c in wijzigingen(&[], id, soort, waarde, now, desk) {
            batch.save(&mut c)?;
        }
    }
    batch.commit()?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::desk;
    use crate::sync::server::Wijziging;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn minuut(n: i64) -> DateTime<Utc> {
        t0() + chrono::Duration::minutes(n)
    }

    fn desk_id(n: u128) -> Uuid {
        Uuid::from_u128(0xd35c_0000 + n)
    }

    fn store(dir: &tempfile::TempDir, n: u128) -> Store {
        Store::open(&dir.path().join(format!("desk{n}.db")), desk_id(n)).unwrap()
    }

    fn eva(store: &mut Store, contact: [&str; 2]) -> Uuid {
        nieuwe_klant(
            store,
            NieuwePartij {
                meta: RecordMeta::new(t0(), store.desk_id()),
                voornamen: "Eva".into(),
                voorvoegsel_achternaam: String::new(),
                achternaam: "Bakker".into(),
                zoeknaam: "bakker".into(),
            },
            contact,
            t0(),
        )
        .unwrap()
    }

    /// What the desk hands in, as another desk receives it from the server; handed in here.
    fn verstuur(store: &mut Store) -> Vec<Wijziging> {
        let ops = desk::te_versturen(store.conn(), 100).unwrap();
        store
            .conn()
            .execute("UPDATE outbox SET uploaded_at = 'x'", [])
            .unwrap();
        ops.into_iter()
            .map(|o| Wijziging {
                seq: o.op_seq,
                tabel: o.tabel,
                record_id: o.record_id,
                desk_id: store.desk_id(),
                hlc: o.hlc,
                payload: o.payload,
            })
            .collect()
    }

    fn ontvang(store: &mut Store, w: &[Wijziging]) {
        let uit = desk::pas_toe(store.conn_mut(), w).unwrap();
        assert_eq!((uit.rijen, uit.mislukt), (w.len(), 0));
    }

    /// The klant's rows: (id, adres, deleted), oldest first.
    fn rijen(store: &Store, partij: Uuid) -> Vec<(Uuid, String, bool)> {
        adressen(store, partij)
            .unwrap()
            .into_iter()
            .map(|a| (a.meta.id, a.adres, a.meta.deleted))
            .collect()
    }

    fn live(store: &Store, partij: Uuid) -> Vec<String> {
        let mut v: Vec<String> = rijen(store, partij)
            .into_iter()
            .filter(|r| !r.2)
            .map(|r| r.1)
            .collect();
        v.sort();
        v
    }

    fn telefoon_id(partij: Uuid, nummer: &str) -> Uuid {
        DigitaalAdresRecord::id_voor(partij, "telefoonnummer", nummer)
    }

    #[test]
    fn contact_details_are_corrected_added_and_removed_with_outbox_entries() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir, 1);
        let id = eva(&mut store, ["0612345678", ""]);
        assert_eq!(live(&store, id), ["0612345678"]);
        // Correct the phone (the old one ended, the new one added), add an e-mail.
        let n = wijzig_contact(
            &mut store,
            id,
            ["0687654321", "eva@voorbeeld.nl"],
            minuut(1),
        )
        .unwrap();
        assert_eq!(n, 3);
        assert_eq!(live(&store, id), ["0687654321", "eva@voorbeeld.nl"]);
        // Nothing changed: nothing written.
        assert_eq!(
            wijzig_contact(
                &mut store,
                id,
                ["0687654321", "eva@voorbeeld.nl"],
                minuut(2)
            )
            .unwrap(),
            0
        );
        // Remove the phone: a tombstone.
        assert_eq!(
            wijzig_contact(&mut store, id, ["", "eva@voorbeeld.nl"], minuut(3)).unwrap(),
            1
        );
        assert_eq!(live(&store, id), ["eva@voorbeeld.nl"]);
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
                "digitaal_adres:delete",
                "digitaal_adres:upsert",
                "digitaal_adres:upsert",
                "digitaal_adres:delete"
            ]
        );
    }

    /// Issue 18 item 2: two desks adding the same number offline converge on one record.
    #[test]
    fn the_same_value_added_on_two_desks_is_one_record() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, mut b) = (store(&dir, 1), store(&dir, 2));
        let id = eva(&mut a, ["", "eva@voorbeeld.nl"]);
        let klant = verstuur(&mut a);
        ontvang(&mut b, &klant);
        // Both offline: each adds the number, in its own spelling.
        wijzig_contact(&mut a, id, ["0612345678", "eva@voorbeeld.nl"], minuut(1)).unwrap();
        wijzig_contact(
            &mut b,
            id,
            ["+31 6 1234 5678", "eva@voorbeeld.nl"],
            minuut(2),
        )
        .unwrap();
        let (van_a, van_b) = (verstuur(&mut a), verstuur(&mut b));
        assert_eq!(van_a.len(), 1);
        assert_eq!(van_a[0].record_id, van_b[0].record_id, "one natural key");
        assert_eq!(van_a[0].record_id, telefoon_id(id, "06-12 34 56 78"));
        ontvang(&mut a, &van_b);
        ontvang(&mut b, &van_a);
        for s in [&a, &b] {
            let tel: Vec<_> = rijen(s, id)
                .into_iter()
                .filter(|r| r.1 != "eva@voorbeeld.nl")
                .collect();
            assert_eq!(
                tel,
                [(telefoon_id(id, "0612345678"), "0612345678".into(), false)]
            );
        }
    }

    /// Two different numbers are both kept; the newest is the voorkeur, on every desk and for
    /// every reader.
    #[test]
    fn two_different_values_are_both_kept_and_the_newest_is_shown() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, mut b) = (store(&dir, 1), store(&dir, 2));
        let id = eva(&mut a, ["", "eva@voorbeeld.nl"]);
        let klant = verstuur(&mut a);
        ontvang(&mut b, &klant);
        // B's is the newer, although A hands it in last.
        wijzig_contact(&mut b, id, ["0622222222", "eva@voorbeeld.nl"], minuut(2)).unwrap();
        wijzig_contact(&mut a, id, ["0611111111", "eva@voorbeeld.nl"], minuut(1)).unwrap();
        let van_b = verstuur(&mut b);
        let van_a = verstuur(&mut a);
        ontvang(&mut a, &van_b);
        ontvang(&mut b, &van_a);
        for s in [&a, &b] {
            assert_eq!(
                live(s, id),
                ["0611111111", "0622222222", "eva@voorbeeld.nl"]
            );
            let kb = crate::store::lookup::klantbeeld(s.conn(), id)
                .unwrap()
                .unwrap();
            assert_eq!(kb.telefoon(), Some("0622222222"));
            assert_eq!(kb.email(), Some("eva@voorbeeld.nl"));
            let (naam, tel) = desk::klant_contact(s.conn(), &id.to_string())
                .unwrap()
                .unwrap();
            assert_eq!(
                (naam.as_str(), tel.as_deref()),
                ("Eva Bakker", Some("0622222222"))
            );
            assert_eq!(
                crate::store::lookup::klant_met_telefoon(s.conn(), "0611111111")
                    .unwrap()
                    .map(|k| k.0),
                Some(id),
                "found by either number"
            );
        }
        // Choosing the older one again makes it the voorkeur (and ends the one shown).
        wijzig_contact(&mut a, id, ["0611111111", "eva@voorbeeld.nl"], minuut(3)).unwrap();
        let kb = crate::store::lookup::klantbeeld(a.conn(), id)
            .unwrap()
            .unwrap();
        assert_eq!(kb.telefoon(), Some("0611111111"));
        assert_eq!(live(&a, id), ["0611111111", "eva@voorbeeld.nl"]);
    }

    /// A correction ends the old value instead of editing it, and on the other desk too; adding
    /// an ended value again revives its record.
    #[test]
    fn a_correction_ends_the_old_value_and_a_value_added_again_is_revived() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, mut b) = (store(&dir, 1), store(&dir, 2));
        let id = eva(&mut a, ["0611111111", ""]);
        let oud = telefoon_id(id, "0611111111");
        let klant = verstuur(&mut a);
        ontvang(&mut b, &klant);
        wijzig_contact(&mut a, id, ["0622222222", ""], minuut(1)).unwrap();
        let correctie = verstuur(&mut a);
        assert_eq!(
            correctie
                .iter()
                .map(|w| (w.record_id, w.payload["deleted"].as_i64()))
                .collect::<Vec<_>>(),
            [(oud, Some(1)), (telefoon_id(id, "0622222222"), Some(0))]
        );
        ontvang(&mut b, &correctie);
        for s in [&a, &b] {
            assert_eq!(
                rijen(s, id),
                [
                    (oud, "0611111111".to_string(), true),
                    (
                        telefoon_id(id, "0622222222"),
                        "0622222222".to_string(),
                        false
                    )
                ],
                "the old value is kept as it was, ended"
            );
        }
        // B puts the first number back: the same record lives again, no third one.
        wijzig_contact(&mut b, id, ["06 11 11 11 11", ""], minuut(2)).unwrap();
        let terug = verstuur(&mut b);
        assert_eq!(terug.last().map(|w| w.record_id), Some(oud));
        ontvang(&mut a, &terug);
        for s in [&a, &b] {
            let r = rijen(s, id);
            assert_eq!(r.len(), 2, "{r:?}");
            assert_eq!(live(s, id), ["0611111111"]);
            assert!(r.iter().any(|x| x.0 == oud && !x.2));
        }
    }

    /// A number under a random id (the demo data, an older desk) is ended the same way when
    /// corrected; a live copy of the chosen value under a random id gives way to the derived one.
    #[test]
    fn records_with_random_ids_are_ended_when_corrected() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = store(&dir, 1);
        let id = eva(&mut a, ["", "eva@voorbeeld.nl"]);
        let (x, y) = (Uuid::now_v7(), Uuid::now_v7());
        for (rid, nummer, at) in [(x, "0633333333", minuut(2)), (y, "0644444444", minuut(1))] {
            a.conn()
                .execute(
                    "INSERT INTO digitaal_adres (id, created_at, updated_at, desk_id, partij_id,
                       soort_digitaal_adres, adres)
                     VALUES (?1, ?2, ?2, 'demo', ?3, 'telefoonnummer', ?4)",
                    rusqlite::params![
                        rid.to_string(),
                        crate::store::ts(at),
                        id.to_string(),
                        nummer
                    ],
                )
                .unwrap();
        }
        // The voorkeur (x, the newest) is corrected to the other (y's value).
        assert_eq!(
            wijzig_contact(&mut a, id, ["0644444444", "eva@voorbeeld.nl"], minuut(3)).unwrap(),
            3
        );
        let r = rijen(&a, id);
        assert!(r.contains(&(x, "0633333333".into(), true)), "{r:?}");
        assert!(r.contains(&(y, "0644444444".into(), true)), "{r:?}");
        assert!(r.contains(&(telefoon_id(id, "0644444444"), "0644444444".into(), false)));
        assert_eq!(live(&a, id), ["0644444444", "eva@voorbeeld.nl"]);
    }
}
