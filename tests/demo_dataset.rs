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

/// Reference dates that have broken date logic elsewhere: weekends, feestdagen, the changes to
/// and from summer time, leap days, the turn of the year, and the day the tests run.
fn lastige_datums() -> Vec<NaiveDate> {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    vec![
        d(2026, 12, 5),  // Saturday
        d(2026, 12, 6),  // Sunday
        d(2026, 12, 7),  // Monday after a weekend
        d(2026, 12, 25), // Eerste Kerstdag
        d(2026, 12, 31), // last day of the year
        d(2027, 1, 1),   // Nieuwjaarsdag
        d(2026, 3, 29),  // summer time begins (02:00 does not exist)
        d(2026, 10, 25), // summer time ends (02:30 happens twice)
        d(2026, 4, 6),   // Tweede Paasdag
        d(2027, 4, 27),  // Koningsdag
        d(2028, 2, 29),  // leap day
        d(2028, 3, 1),   // the day after a leap day
        chrono::Local::now().date_naive(),
    ]
}

fn klein_op(today: NaiveDate, seed: u64) -> DemoOptions {
    DemoOptions {
        seed,
        days: 12,
        today,
        personen: 120,
    }
}

/// The invariants every demo database keeps, whatever its reference date.
fn check_invarianten(path: &Path, today: NaiveDate) {
    use chrono::{DateTime, Datelike, Local, TimeZone, Utc};
    let conn = Connection::open(path).unwrap();
    let vandaag_begin: DateTime<Utc> = Local
        .from_local_datetime(&today.and_hms_opt(0, 0, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&Utc);
    let parse = |s: &str| -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .unwrap_or_else(|e| panic!("{today}: unreadable timestamp {s:?}: {e}"))
            .with_timezone(&Utc)
    };
    let rows = |sql: &str| -> Vec<Vec<Option<String>>> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect::<Result<_, _>>())
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let sluiting = loket::domain::werkdagen::Sluitingsdagen::default();
    let werkdag = |t: DateTime<Utc>| {
        loket::domain::werkdagen::is_werkdag(t.with_timezone(&Local).date_naive(), &sluiting)
    };

    // Every record: readable stamps, never changed before it was made.
    let tables: Vec<String> = conn
        .prepare(
            "SELECT m.name FROM sqlite_schema m WHERE m.type = 'table'
             AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'updated_at')
             AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'created_at')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.len() > 10, "{tables:?}");
    for t in &tables {
        for r in rows(&format!("SELECT created_at, updated_at FROM {t}")) {
            let (c, u) = (
                parse(r[0].as_deref().unwrap()),
                parse(r[1].as_deref().unwrap()),
            );
            assert!(u >= c, "{today}: {t} updated {u} before created {c}");
            assert!(
                c < vandaag_begin + chrono::Duration::days(1),
                "{today}: {t} created in the future: {c}"
            );
        }
    }
    // History lies before the reference date, on werkdagen; times in order.
    for r in rows("SELECT plaatsgevonden_op FROM contactmoment") {
        let at = parse(r[0].as_deref().unwrap());
        assert!(at < vandaag_begin, "{today}: contactmoment on {at}");
        assert!(werkdag(at), "{today}: contactmoment on a closed day {at}");
    }
    for r in rows(
        "SELECT binnen_op, aangeboden_op, aangenomen_op, beeindigd_op, verlaten_op FROM gesprek",
    ) {
        let t: Vec<Option<DateTime<Utc>>> = r.iter().map(|v| v.as_deref().map(parse)).collect();
        let binnen = t[0].expect("joined the queue");
        assert!(binnen < vandaag_begin, "{today}: call on {binnen}");
        assert!(
            t[1].is_none_or(|a| a >= binnen),
            "{today}: offered before joining {r:?}"
        );
        assert!(
            t[2].is_none_or(|a| a >= binnen),
            "{today}: answered before joining {r:?}"
        );
        if let (Some(a), Some(e)) = (t[2], t[3]) {
            assert!(e >= a, "{today}: ended before answered {r:?}");
        }
        assert!(
            t[2].is_some() != t[4].is_some(),
            "{today}: a call is answered or abandoned: {r:?}"
        );
    }
    for r in rows("SELECT aangekomen_op, opgeroepen_op, klaar_op FROM bezoek") {
        let t: Vec<DateTime<Utc>> = r.iter().map(|v| parse(v.as_deref().unwrap())).collect();
        assert!(
            t[0] <= t[1] && t[1] <= t[2],
            "{today}: bezoek out of order {r:?}"
        );
        assert!(t[2] < vandaag_begin, "{today}: bezoek on {r:?}");
    }
    for r in rows("SELECT created_at, verwerkt_op, status, uiterlijk_op FROM contactverzoek") {
        let created = parse(r[0].as_deref().unwrap());
        match (r[1].as_deref(), r[2].as_deref()) {
            (Some(v), Some("verwerkt")) => {
                let v = parse(v);
                assert!(v >= created, "{today}: processed before made {r:?}");
                assert!(v < vandaag_begin, "{today}: processed in the future {r:?}");
            }
            (None, Some("te_verwerken")) => {}
            _ => panic!("{today}: contactverzoek status and verwerkt_op disagree: {r:?}"),
        }
        assert!(
            werkdag(parse(r[3].as_deref().unwrap())),
            "{today}: deadline on a closed day {r:?}"
        );
    }
    // Afspraken from the reference date for four weeks, on werkdagen, never two at one place.
    for r in rows("SELECT begin_op, eind_op FROM afspraak") {
        let (b, e) = (
            parse(r[0].as_deref().unwrap()),
            parse(r[1].as_deref().unwrap()),
        );
        assert!(b < e, "{today}: afspraak ends before it begins {r:?}");
        assert!(werkdag(b), "{today}: afspraak on a closed day {r:?}");
        assert!(
            b >= vandaag_begin && b < vandaag_begin + chrono::Duration::days(29),
            "{today}: afspraak outside the four weeks {r:?}"
        );
        assert!(
            b.with_timezone(&Local).weekday().number_from_monday() <= 5,
            "{today}: afspraak in a weekend {r:?}"
        );
    }
    let dubbel: i64 = conn
        .query_row(
            "SELECT count(*) FROM afspraak a JOIN afspraak b ON a.locatie = b.locatie AND a.id < b.id
             AND a.begin_op < b.eind_op AND b.begin_op < a.eind_op",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dubbel, 0, "{today}: double booking");
    let outbox: i64 = conn
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(outbox, 0, "{today}: generated data waits in the outbox");
}

#[test]
fn every_reference_date_gives_a_valid_demo() {
    let dir = tempfile::tempdir().unwrap();
    for (i, today) in lastige_datums().into_iter().enumerate() {
        let path = dir.path().join(format!("d{i}.db"));
        demo::generate(&path, &klein_op(today, 11), false)
            .unwrap_or_else(|e| panic!("{today}: {e:#}"));
        check_invarianten(&path, today);
    }
}

/// No field comes from the wall clock: the same seed and date give the same rows a second later,
/// also for today's date (where the time of day could leak in).
#[test]
fn the_demo_for_today_does_not_depend_on_the_time_of_day() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::Local::now().date_naive();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    demo::generate(&a, &klein_op(today, 5), false).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    demo::generate(&b, &klein_op(today, 5), false).unwrap();
    assert!(
        dump(&a) == dump(&b),
        "the demo for {today} changed with the clock"
    );
}
