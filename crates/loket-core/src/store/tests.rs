use super::*;
use crate::domain::{Aanwezigheid, Medewerker, Rol};
use chrono::TimeZone;

fn desk() -> Uuid {
    Uuid::parse_str("0190a0b0-0000-4000-8000-00000000d35c").unwrap()
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn medewerker(naam: &str) -> Medewerker {
    Medewerker {
        meta: RecordMeta::new(t0(), desk()),
        naam: naam.into(),
        rol: Rol::Medewerker,
        functie: "medewerker dienstverlening 1e lijn".into(),
        afdeling_id: None,
        aanwezigheid: Aanwezigheid::Beschikbaar,
        telefoon: None,
    }
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn fresh_database_gets_the_whole_schema_and_safe_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let store = Store::open(&path, desk()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let app_id: i32 = store
        .conn()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
    let journal: String = store
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(journal.to_lowercase(), "wal");
    let sync: i64 = store
        .conn()
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = store
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    for table in [
        "outbox",
        "partij",
        "zaak",
        "contactmoment",
        "contactverzoek",
        "afspraak",
        "audit_log",
    ] {
        let n = count(
            &store,
            &format!(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}'"
            ),
        );
        assert_eq!(n, 1, "table {table} missing");
    }
}

#[test]
fn reopening_keeps_data_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    {
        let mut store = Store::open(&path, desk()).unwrap();
        store.save(&mut medewerker("Rianne"), t0()).unwrap();
    }
    let store = Store::open(&path, desk()).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM medewerker"), 1);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

/// The version before migration 15, which creates the index `gesprek_open`: the upgrade tests
/// look for that object.
const VOOR_GESPREK_OPEN: i32 = 14;

#[test]
fn an_older_database_is_upgraded_in_place_keeping_its_data() {
    const { assert!(SCHEMA_VERSION > VOOR_GESPREK_OPEN) };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, 0, VOOR_GESPREK_OPEN).unwrap();
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('gemeente', 'Gemeente Oud')",
            [],
        )
        .unwrap();
        let has_audit: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'gesprek_open'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(has_audit, 0, "the older version lacks the newest object");
    }
    // Made by hand here, so with the default rights: only the owner's, as loket asks.
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let store = Store::open(&path, desk()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        store.meta("gemeente").unwrap().as_deref(),
        Some("Gemeente Oud")
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM sqlite_schema WHERE name = 'gesprek_open'"
        ),
        1
    );
}

#[test]
fn a_failing_migration_leaves_the_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let mut conn = Connection::open(&path).unwrap();
    migrate(&mut conn, 0, VOOR_GESPREK_OPEN).unwrap();
    // Make migration 15 fail: the name of the index it creates is taken.
    conn.execute_batch("CREATE TABLE gesprek_open (x)").unwrap();
    assert!(migrate(&mut conn, VOOR_GESPREK_OPEN, SCHEMA_VERSION).is_err());
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, VOOR_GESPREK_OPEN, "rolled back as one transaction");
}

fn assert_refused_untouched(path: &Path, check: impl Fn(&OpenError) -> bool) {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path, desk()).unwrap_err();
    assert!(check(&err), "unexpected error: {err}");
    assert!(err.to_string().contains("niet aangeraakt"), "{err}");
    assert_eq!(std::fs::read(path).unwrap(), before, "file was changed");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(
        !wal.exists(),
        "a WAL file was created beside the refused file"
    );
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, 0, SCHEMA_VERSION).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    assert_refused_untouched(
        &path,
        |e| matches!(e, OpenError::Newer { found, .. } if *found == SCHEMA_VERSION + 1),
    );
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
            .unwrap();
    }
    assert_refused_untouched(&path, |e| matches!(e, OpenError::NotLoket { .. }));
}

#[test]
fn an_empty_file_or_another_programs_empty_database_is_not_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let leeg = dir.path().join("leeg.db");
    std::fs::write(&leeg, b"").unwrap();
    assert_refused_untouched(&leeg, |e| matches!(e, OpenError::Leeg { .. }));
    let ander = dir.path().join("ander.db");
    {
        let conn = Connection::open(&ander).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;")
            .unwrap();
    }
    assert!(std::fs::metadata(&ander).unwrap().len() > 0);
    assert_refused_untouched(&ander, |e| matches!(e, OpenError::Leeg { .. }));
    let map = dir.path().join("map.db");
    std::fs::create_dir(&map).unwrap();
    assert!(Store::open(&map, desk()).is_err());
}

#[test]
fn a_new_database_appears_complete_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let store = Store::open(&path, desk()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    // Nothing is left beside it.
    let namen: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(namen.iter().all(|n| !n.contains(".nieuw")), "{namen:?}");
    // And it opens again as loket's own.
    Store::open(&path, desk()).unwrap();
}

#[test]
fn desks_starting_together_on_one_new_file_share_one_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hal.db");
    let stores: Vec<Store> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| Store::open(&path, Uuid::new_v4()).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    // One file: what one desk writes, another reads.
    stores[0]
        .conn()
        .execute("INSERT INTO meta (key, value) VALUES ('proef', 'een')", [])
        .unwrap();
    for s in &stores {
        assert_eq!(s.meta("proef").unwrap().as_deref(), Some("een"));
    }
}

#[test]
fn a_corrupt_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    assert_refused_untouched(&path, |e| matches!(e, OpenError::Corrupt { .. }));
}

#[test]
fn a_loket_file_with_a_damaged_header_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    drop(Store::open(&path, desk()).unwrap());
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[0..16].copy_from_slice(b"not sqlite at al");
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, |e| matches!(e, OpenError::Corrupt { .. }));
}

#[test]
fn save_writes_the_record_and_its_outbox_entry_together() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db"), desk()).unwrap();
    let mut m = medewerker("Hendrik Mulder");
    store.save(&mut m, t0()).unwrap();
    m.aanwezigheid = Aanwezigheid::InGesprek;
    store
        .save(&mut m, t0() + chrono::Duration::seconds(5))
        .unwrap();

    assert_eq!(count(&store, "SELECT count(*) FROM medewerker"), 1);
    let rows: Vec<(i64, String, String, String, String)> = store
        .conn()
        .prepare(
            "SELECT op_seq, table_name, record_id, operation, payload FROM outbox ORDER BY op_seq",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].0, rows[1].0), (1, 2), "op_seq without gaps");
    assert!(
        rows.iter()
            .all(|r| r.1 == "medewerker" && r.2 == m.meta.id.to_string())
    );
    assert!(rows.iter().all(|r| r.3 == "upsert"));
    let last: serde_json::Value = serde_json::from_str(&rows[1].4).unwrap();
    assert_eq!(last["aanwezigheid"], "in_gesprek");
    assert_eq!(last["desk_id"], desk().to_string());
    let (created, updated, aanwezig): (String, String, String) = store
        .conn()
        .query_row(
            "SELECT created_at, updated_at, aanwezigheid FROM medewerker",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(created, ts(t0()));
    assert_eq!(updated, ts(t0() + chrono::Duration::seconds(5)));
    assert_eq!(aanwezig, "in_gesprek");
    assert_eq!(store.pending_outbox().unwrap(), 2);
}

#[test]
fn a_tombstone_is_a_delete_operation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db"), desk()).unwrap();
    let mut m = medewerker("Friso Kuipers");
    store.save(&mut m, t0()).unwrap();
    m.meta.deleted = true;
    store.save(&mut m, t0()).unwrap();
    let op: String = store
        .conn()
        .query_row("SELECT operation FROM outbox WHERE op_seq = 2", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(op, "delete");
    assert_eq!(count(&store, "SELECT deleted FROM medewerker"), 1);
}

#[test]
fn when_the_outbox_write_fails_the_record_is_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db"), desk()).unwrap();
    store
        .conn()
        .execute_batch(
            "CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox
             BEGIN SELECT RAISE(ABORT, 'disk vol'); END;",
        )
        .unwrap();
    let err = store
        .save(&mut medewerker("David van Dijk"), t0())
        .unwrap_err();
    assert!(err.to_string().contains("disk vol"), "{err}");
    assert_eq!(count(&store, "SELECT count(*) FROM medewerker"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM outbox"), 0);
}

#[test]
fn when_the_record_write_fails_no_outbox_entry_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db"), desk()).unwrap();
    let mut m = medewerker("Albert Hoekstra");
    m.afdeling_id = Some(Uuid::now_v7()); // no such afdeling: foreign key violation
    assert!(store.save(&mut m, t0()).is_err());
    assert_eq!(count(&store, "SELECT count(*) FROM medewerker"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM outbox"), 0);
    // The next good write still gets op_seq 1.
    store.save(&mut medewerker("Eva Bakker"), t0()).unwrap();
    assert_eq!(count(&store, "SELECT max(op_seq) FROM outbox"), 1);
}

#[test]
fn a_newer_wal_mode_database_from_a_newer_loket_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    {
        let store = Store::open(&path, desk()).unwrap();
        store
            .conn()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    assert_refused_untouched(&path, |e| matches!(e, OpenError::Newer { .. }));
}

#[test]
fn a_registration_is_written_whole_or_not_at_all() {
    use crate::domain::contact::*;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db"), desk()).unwrap();
    let cm = Contactmoment {
        meta: RecordMeta::new(t0(), desk()),
        plaatsgevonden_op: t0(),
        kanaal: crate::domain::Kanaal::Telefoon,
        onderwerp: "Paspoort".into(),
        inhoud: String::new(),
        notitie: String::new(),
        afhandeling: "terugbelverzoek".into(),
        partij_id: None,
        zaak_id: None,
        medewerker_id: None,
        afdeling_id: None,
        duur_seconden: 60,
        nawerk_seconden: 20,
        eerstelijns_afgehandeld: false,
        bronnen: vec!["kb-paspoort".into()],
        gesprek_id: None,
        ontvangen_op: None,
    };
    let vraag = ContactmomentVraag {
        meta: RecordMeta::new(t0(), desk()),
        contactmoment_id: cm.meta.id,
        volgnummer: 1,
        onderwerp: "Paspoort".into(),
        vraag: String::new(),
        gespreksresultaat: Gespreksresultaat::Terugbelverzoek,
        afdeling_id: None,
    };
    let mut verzoek = Contactverzoek {
        meta: RecordMeta::new(t0(), desk()),
        contactmoment_id: Some(cm.meta.id),
        partij_id: None,
        gevraagde_handeling: "Terugbellen".into(),
        toelichting: "Bellen".into(),
        terugbelnummer: Some("0612345678".into()),
        emailadres: None,
        afdeling_id: Some(Uuid::now_v7()), // no such afdeling: the last write fails
        groep_id: None,
        medewerker_id: None,
        status: "te_verwerken".into(),
        uiterlijk_op: t0(),
        verwerkt_op: None,
        resultaat: None,
        verwerkt_door: None,
    };
    let write =
        |store: &mut Store, cm: &Contactmoment, v: &ContactmomentVraag, cv: &Contactverzoek| {
            let mut b = store.batch(t0()).unwrap();
            b.save(&mut cm.clone())?;
            b.save(&mut v.clone())?;
            b.save(&mut cv.clone())?;
            b.commit()
        };
    assert!(write(&mut store, &cm, &vraag, &verzoek).is_err());
    for t in [
        "contactmoment",
        "contactmoment_vraag",
        "contactverzoek",
        "outbox",
    ] {
        assert_eq!(
            count(&store, &format!("SELECT count(*) FROM {t}")),
            0,
            "{t}"
        );
    }
    verzoek.afdeling_id = None;
    write(&mut store, &cm, &vraag, &verzoek).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM outbox"), 3);
    assert_eq!(count(&store, "SELECT max(op_seq) FROM outbox"), 3);
    let bronnen: String = store
        .conn()
        .query_row("SELECT bronnen FROM contactmoment", [], |r| r.get(0))
        .unwrap();
    assert_eq!(bronnen, "[\"kb-paspoort\"]");
}

#[test]
fn an_older_desks_search_log_loses_its_personal_questions_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let vragen = [
        ("a", "9999 01 461"),
        ("b", "999901461 bsn"),
        ("c", "1234 ab 12"),
        ("d", "paspoort verlopen"),
    ];
    {
        // What an older desk kept: its test let `9999_01_461` (folded to spaces) and a
        // postcode with a huisnummer through, into the table and the outbox.
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, 0, migrations::ZOEKLOG_SCHOON - 1).unwrap();
        for (i, (id, vraag)) in vragen.iter().enumerate() {
            conn.execute(
                "INSERT INTO kennisbank_zoekactie (id, created_at, updated_at, desk_id, vraag, aantal_treffers)
                 VALUES (?1, '2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z', 'd', ?2, 0)",
                rusqlite::params![id, vraag],
            )
            .unwrap();
            let payload = serde_json::json!({"id": id, "vraag": vraag, "aantal_treffers": 0});
            conn.execute(
                "INSERT INTO outbox (op_seq, op_id, hlc, desk_id, table_name, record_id, operation, payload, created_at)
                 VALUES (?1, ?2, 'h', 'd', 'kennisbank_zoekactie', ?3, 'upsert', ?4, '2026-11-23T09:00:00Z')",
                rusqlite::params![i as i64 + 1, format!("op-{id}"), id, payload.to_string()],
            )
            .unwrap();
        }
    }
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let store = Store::open(&path, desk()).unwrap();
    let vraag = |id: &str| -> Option<String> {
        store
            .conn()
            .query_row(
                "SELECT vraag FROM kennisbank_zoekactie WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(
        [vraag("a"), vraag("b"), vraag("c"), vraag("d")],
        [None, None, None, Some("paspoort verlopen".into())]
    );
    let outbox: String = store
        .conn()
        .query_row("SELECT group_concat(payload) FROM outbox", [], |r| r.get(0))
        .unwrap();
    for weg in ["9999 01 461", "999901461", "1234 ab 12"] {
        assert!(!outbox.contains(weg), "{outbox}");
    }
    assert!(outbox.contains("paspoort verlopen"), "{outbox}");
}

/// Issue 18: every write of an existing row carries the row as this desk had it (the base of a
/// three-way merge on the server); a new record carries none; and the sync hands it in as such.
#[test]
fn an_edit_carries_the_row_as_it_was_before_as_its_base() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db"), desk()).unwrap();
    let mut m = medewerker("Hendrik Mulder");
    store.save(&mut m, t0()).unwrap();
    m.aanwezigheid = Aanwezigheid::InGesprek;
    store
        .save(&mut m, t0() + chrono::Duration::seconds(5))
        .unwrap();
    m.meta.deleted = true;
    store
        .save(&mut m, t0() + chrono::Duration::seconds(9))
        .unwrap();
    let rows: Vec<(String, Option<String>)> = store
        .conn()
        .prepare("SELECT payload, basis FROM outbox ORDER BY op_seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let json = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
    assert_eq!(rows[0].1, None, "a new record has no base");
    let (payload, basis) = (json(&rows[1].0), json(rows[1].1.as_deref().unwrap()));
    assert_eq!(basis, json(&rows[0].0), "the base is the row as it was");
    assert_eq!(basis["aanwezigheid"], "beschikbaar");
    assert_eq!(basis["updated_at"], ts(t0()));
    assert_eq!(payload["aanwezigheid"], "in_gesprek");
    assert_eq!(
        basis.as_object().unwrap().keys().collect::<Vec<_>>(),
        payload.as_object().unwrap().keys().collect::<Vec<_>>(),
        "the same shape as the payload"
    );
    let basis = json(rows[2].1.as_deref().unwrap());
    assert_eq!(
        (basis["deleted"].as_i64(), basis["aanwezigheid"].as_str()),
        (Some(0), Some("in_gesprek"))
    );

    // The sync hands the base in; one it cannot read as a row is none, never a panic.
    store
        .conn()
        .execute("UPDATE outbox SET basis = '{kapot' WHERE op_seq = 3", [])
        .unwrap();
    let ops = crate::sync::desk::te_versturen(store.conn(), 10).unwrap();
    assert_eq!(ops.len(), 3);
    assert_eq!(ops[0].basis, None);
    assert_eq!(ops[1].basis.as_ref(), Some(&json(&rows[0].0)));
    assert_eq!(ops[2].basis, None);
}

#[test]
fn a_desk_database_is_its_owners_alone_and_one_others_can_read_is_refused_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("loket").join("desk");
    crate::bestand::maak_map(&map).unwrap();
    assert_eq!(mode(&map), 0o700);
    assert_eq!(mode(map.parent().unwrap()), 0o700);
    let db = map.join("loket.db");
    {
        let mut store = Store::open(&db, desk()).unwrap();
        let mut b = store.batch(t0()).unwrap();
        b.save(&mut medewerker("Eva Bakker")).unwrap();
        b.commit().unwrap();
        assert_eq!(mode(&db), 0o600);
        let wal = sibling(&db, "-wal");
        assert!(wal.exists());
        assert_eq!(mode(&wal), 0o600, "the WAL holds the same data");
    }
    for te_open in [0o644, 0o640, 0o604, 0o660] {
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(te_open)).unwrap();
        for fout in [
            Store::open(&db, desk()).err(),
            Store::open_alleen_lezen(&db).err(),
        ] {
            let fout = fout.expect("refused").to_string();
            assert!(
                fout.contains("leesbaar voor anderen")
                    && fout.contains(&format!("chmod 600 {}", db.display())),
                "{fout}"
            );
        }
        assert_eq!(mode(&db), te_open, "the file is left as it was");
    }
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    let store = Store::open(&db, desk()).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM medewerker"), 1);
}
