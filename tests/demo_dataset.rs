//! The demo dataset: deterministic for a seed, realistic in shape, and safe to write.

use std::path::Path;

use chrono::NaiveDate;
use loket::demo::{self, DemoOptions};
use loket::domain::bsn;
use rusqlite::Connection;

fn opts(seed: u64) -> DemoOptions {
    DemoOptions {
        seed,
        days: 30,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        personen: 2000,
    }
}

/// Every row of every table, as text, in a stable order.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {t} ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = format!("{t}:");
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap();
        for row in rows {
            out.push(row.unwrap());
        }
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_database_and_another_seed_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("c.db"),
    );
    demo::generate(&a, &opts(7), false).unwrap();
    demo::generate(&b, &opts(7), false).unwrap();
    demo::generate(&c, &opts(8), false).unwrap();
    let (da, db, dc) = (dump(&a), dump(&b), dump(&c));
    assert!(da.len() > 10_000, "a real dataset: {} rows", da.len());
    assert!(da == db, "same seed, different data");
    assert!(da != dc, "different seeds gave the same data");
}

#[test]
fn the_dataset_has_the_promised_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let summary = demo::generate(&path, &opts(2026), false).unwrap();
    let conn = Connection::open(&path).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };

    assert_eq!(
        count("SELECT count(*) FROM partij WHERE soort_partij = 'persoon'"),
        2000
    );
    assert_eq!(
        count("SELECT count(*) FROM partij WHERE soort_partij = 'organisatie'"),
        200
    );
    assert_eq!(count("SELECT count(*) FROM medewerker"), 40);
    assert_eq!(
        count("SELECT count(DISTINCT afdeling_id) FROM medewerker"),
        7
    );
    assert_eq!(count("SELECT count(*) FROM zaak"), 5000);
    assert_eq!(summary.zaken, 5000);

    // Test BSNs only: all pass the elfproef and start with 9999.
    let mut stmt = conn
        .prepare("SELECT bsn FROM partij WHERE bsn IS NOT NULL")
        .unwrap();
    let bsns: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(bsns.len(), 2000);
    assert!(
        bsns.iter().all(|b| bsn::is_test_number(b)),
        "a BSN outside the test range"
    );

    // The personas are klanten.
    for naam in [
        "Jan", "Albert", "David", "Friso", "Hendrik", "Sietske", "Rianne", "Eva",
    ] {
        assert_eq!(
            count(&format!(
                "SELECT count(*) FROM partij WHERE voornamen = '{naam}'"
            ))
            .min(1),
            1,
            "persona {naam} missing"
        );
    }

    // Every zaak starts 'ontvangen'; statuses follow in time; zaken with einddatum ended 'afgehandeld'.
    assert_eq!(
        count(
            "SELECT count(*) FROM zaak z WHERE NOT EXISTS (SELECT 1 FROM zaak_status s WHERE s.zaak_id = z.id AND s.statustype = 'ontvangen')"
        ),
        0
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM zaak z WHERE einddatum IS NOT NULL AND NOT EXISTS (SELECT 1 FROM zaak_status s WHERE s.zaak_id = z.id AND s.statustype = 'afgehandeld')"
        ),
        0
    );
    let late = count(
        "SELECT count(*) FROM zaak WHERE einddatum IS NULL AND uiterlijke_einddatum_afdoening < '2026-11-23'",
    );
    assert!(late > 0, "some zaken are overdue");

    // About 300 contactmomenten per werkdag, on all six channels.
    let werkdagen =
        count("SELECT count(DISTINCT substr(plaatsgevonden_op, 1, 10)) FROM contactmoment");
    let per_day = count("SELECT count(*) FROM contactmoment") / werkdagen;
    assert!((250..=350).contains(&per_day), "{per_day} per werkdag");
    assert_eq!(count("SELECT count(DISTINCT kanaal) FROM contactmoment"), 6);
    // Every telephone contact has its call record (queue and answer), some callers gave up,
    // written channels say when the message came in, and balie contacts had a ticket.
    assert_eq!(
        count(
            "SELECT count(*) FROM contactmoment c WHERE kanaal = 'telefoon'
             AND NOT EXISTS (SELECT 1 FROM gesprek g WHERE g.id = c.gesprek_id
                             AND g.aangenomen_op = c.plaatsgevonden_op AND g.binnen_op <= g.aangenomen_op)"
        ),
        0
    );
    assert!(count("SELECT count(*) FROM gesprek WHERE verlaten_op IS NOT NULL") > 0);
    assert_eq!(
        count(
            "SELECT count(*) FROM contactmoment WHERE (ontvangen_op IS NOT NULL)
             <> (kanaal IN ('email', 'post', 'social_media'))"
        ),
        0
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM contactmoment WHERE ontvangen_op > substr(plaatsgevonden_op, 1, 10)"
        ),
        0,
        "never answered before it came in"
    );
    assert_eq!(
        count("SELECT count(*) FROM contactmoment WHERE kanaal = 'balie'"),
        count("SELECT count(*) FROM bezoek WHERE status = 'klaar'")
    );
    assert_eq!(
        count("SELECT count(*) FROM contactmoment WHERE plaatsgevonden_op >= '2026-11-23'"),
        0,
        "history ends yesterday"
    );

    // Open contactverzoeken exist, some past their deadline.
    let open = count("SELECT count(*) FROM contactverzoek WHERE status = 'te_verwerken'");
    assert!(open > 0);
    assert!(
        count(
            "SELECT count(*) FROM contactverzoek WHERE status = 'te_verwerken' AND uiterlijk_op < '2026-11-23'"
        ) > 0
    );

    // Afspraken for the next four weeks, never two at one place and time.
    assert!(count("SELECT count(*) FROM afspraak") > 500);
    assert_eq!(
        count(
            "SELECT count(*) FROM afspraak WHERE begin_op < '2026-11-22' OR begin_op > '2026-12-22'"
        ),
        0
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM afspraak a JOIN afspraak b ON a.locatie = b.locatie AND a.id < b.id AND a.begin_op < b.eind_op AND b.begin_op < a.eind_op"
        ),
        0,
        "double booking"
    );

    // Generated data is the shared truth: nothing waits in the outbox.
    assert_eq!(count("SELECT count(*) FROM outbox"), 0);
}

#[test]
fn an_existing_file_is_only_overwritten_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.db");
    std::fs::write(&path, b"precious").unwrap();
    let err = demo::generate(&path, &opts(1), false).unwrap_err();
    assert!(err.to_string().contains("--force"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
    demo::generate(&path, &opts(1), true).unwrap();
    assert!(loket::store::Store::open(&path, uuid::Uuid::nil()).is_ok());
}

#[test]
fn more_days_give_more_history() {
    let dir = tempfile::tempdir().unwrap();
    let short = demo::generate(
        &dir.path().join("s.db"),
        &DemoOptions {
            days: 10,
            ..opts(3)
        },
        false,
    )
    .unwrap();
    let long = demo::generate(
        &dir.path().join("l.db"),
        &DemoOptions {
            days: 40,
            ..opts(3)
        },
        false,
    )
    .unwrap();
    assert!(
        long.contactmomenten > short.contactmomenten * 3,
        "{} vs {}",
        long.contactmomenten,
        short.contactmomenten
    );
}
