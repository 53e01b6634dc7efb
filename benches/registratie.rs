//! Saving a contact registration durably: a contactmoment with two vragen, a contactverzoek and
//! its logboek line, each with its outbox entry, in one transaction with synchronous=FULL (WAL).
//! Prints p50/p99 over 500 saves, then lets criterion measure the mean.
//!
//! Run: `cargo bench --bench registratie`.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use loket::app::registratie::{Aan, Betrokkene, Registratie};
use loket::demo::{self, DemoOptions};
use loket::domain::Kanaal;
use loket::store::Store;
use uuid::Uuid;

fn records(afdeling: Uuid) -> loket::domain::contact::RegistratieRecords {
    let now = Utc::now();
    let mut r = Registratie::new(
        Kanaal::Telefoon,
        Some(Betrokkene {
            id: Uuid::now_v7(),
            naam: "Jan de Vries".into(),
            telefoon: Some("0612345678".into()),
            email: None,
        }),
        None,
        now - chrono::Duration::seconds(180),
        now,
    );
    for c in "Paspoort aanvragen".chars() {
        r.type_char(c);
    }
    r.add_vraag();
    for c in "Afvalkalender".chars() {
        r.type_char(c);
    }
    r.toggle_verzoek();
    let vz = r.verzoek.as_mut().unwrap();
    vz.aan = Some(Aan::Afdeling(afdeling));
    vz.toelichting = "Terugbellen over de ophaaldag".into();
    let mut rec = r.build(now, Uuid::nil(), None, "Bench").unwrap();
    // No foreign key to a made-up klant.
    rec.contactmoment.partij_id = None;
    if let Some((cv, _)) = rec.verzoek.as_mut() {
        cv.partij_id = None;
    }
    rec
}

fn save(store: &mut Store, afdeling: Uuid) {
    let mut rec = records(afdeling);
    let mut b = store.batch(Utc::now()).unwrap();
    b.save(&mut rec.contactmoment).unwrap();
    for v in &mut rec.vragen {
        b.save(v).unwrap();
    }
    if let Some((cv, log)) = rec.verzoek.as_mut() {
        b.save(cv).unwrap();
        b.save(log).unwrap();
    }
    b.commit().unwrap();
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    demo::generate(
        &path,
        &DemoOptions {
            seed: 2026,
            days: 90,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            personen: 2000,
        },
        false,
    )
    .unwrap();
    let mut store = Store::open(&path, Uuid::nil()).unwrap();
    let afdeling: Uuid = store
        .conn()
        .query_row("SELECT id FROM afdeling LIMIT 1", [], |r| {
            Ok(Uuid::parse_str(&r.get::<_, String>(0)?).unwrap())
        })
        .unwrap();

    let mut samples: Vec<Duration> = (0..500)
        .map(|_| {
            let t = Instant::now();
            save(&mut store, afdeling);
            t.elapsed()
        })
        .collect();
    samples.sort();
    eprintln!(
        "durable registration save (5 records + 5 outbox rows, synchronous=FULL): p50 {:?}, p99 {:?}, max {:?}",
        samples[250], samples[495], samples[499]
    );

    c.bench_function("registratie_durable_save", |b| {
        b.iter(|| save(&mut store, afdeling))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
