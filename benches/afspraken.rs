//! Finding the next 10 free slots over 8 weeks for 20 balies and spreekkamers with 5,000
//! booked afspraken: a product every plek serves, and a product only one plek serves whose
//! first six weeks are full (the search has to walk far).
//!
//! Run: `cargo bench --bench afspraken`.

use std::time::{Duration, Instant};

use chrono::{Duration as D, NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use loket::domain::afspraken::{Geboekt, Openingstijden, Plek, Zoekopdracht, vrije_slots};
use loket::domain::werkdagen::{self, Sluitingsdagen};
use rand::prelude::*;
use rand_chacha::ChaCha8Rng;

fn opzet() -> (Vec<Plek>, Vec<Geboekt>) {
    let maandag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let plekken: Vec<Plek> = (0..20)
        .map(|i| Plek {
            naam: format!("Balie {i:02}"),
            producten: if i == 0 {
                vec!["paspoort".into(), "trouwen".into()]
            } else {
                vec!["paspoort".into()]
            },
            open: Openingstijden::gemeente(),
            afwezig: Vec::new(),
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(5000);
    let sluiting = Sluitingsdagen::default();
    let mut bezet = std::collections::HashSet::new();
    let mut geboekt = Vec::new();
    // Balie 00 is full for six weeks (15-minute grid).
    for d in 0..42 {
        let dag = maandag + D::days(d);
        if !werkdagen::is_werkdag(dag, &sluiting) {
            continue;
        }
        for (open, dicht) in &Openingstijden::gemeente().per_dag
            [chrono::Datelike::weekday(&dag).num_days_from_monday() as usize]
        {
            let mut t = dag.and_time(*open);
            while t + D::minutes(15) <= dag.and_time(*dicht) {
                geboekt.push(Geboekt {
                    plek: "Balie 00".into(),
                    begin: t,
                    eind: t + D::minutes(15),
                });
                bezet.insert(("Balie 00".to_string(), t));
                t += D::minutes(15);
            }
        }
    }
    // The rest, at random across the other balies over 8 weeks, up to 5,000 in all.
    while geboekt.len() < 5000 {
        let p = format!("Balie {:02}", rng.random_range(1..20));
        let dag = maandag + D::days(rng.random_range(0..56));
        if !werkdagen::is_werkdag(dag, &sluiting) {
            continue;
        }
        let min = 9 * 60 + 15 * rng.random_range(0..14u32);
        let t = dag.and_time(NaiveTime::from_hms_opt(min / 60, min % 60, 0).unwrap());
        if bezet.insert((p.clone(), t)) {
            geboekt.push(Geboekt {
                plek: p,
                begin: t,
                eind: t + D::minutes(15),
            });
        }
    }
    (plekken, geboekt)
}

fn bench(c: &mut Criterion) {
    let (plekken, geboekt) = opzet();
    let vanaf = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let sluiting = Sluitingsdagen::default();
    let paspoort = [("paspoort", 15)];
    let trouwen = [("trouwen", 30)];
    let vraag = |p: &'static [(&'static str, u32)]| Zoekopdracht {
        producten: p,
        vanaf,
        aantal: 10,
        dagen: 56,
        plek: None,
        stap_min: 5,
    };
    let paspoort: &'static [(&'static str, u32)] = Box::leak(Box::new(paspoort));
    let trouwen: &'static [(&'static str, u32)] = Box::leak(Box::new(trouwen));
    for (naam, p) in [
        ("any of 20 balies", paspoort),
        ("only Balie 00, full for 6 weeks", trouwen),
    ] {
        let mut tijden: Vec<Duration> = (0..200)
            .map(|_| {
                let t = Instant::now();
                let s = vrije_slots(&plekken, &geboekt, &sluiting, &vraag(p));
                let e = t.elapsed();
                assert_eq!(s.len(), 10);
                e
            })
            .collect();
        tijden.sort();
        eprintln!(
            "next 10 free slots, {naam} (5,000 booked, 8 weeks): p50 {:?}, max {:?}",
            tijden[100], tijden[199]
        );
    }
    let mut g = c.benchmark_group("afspraken");
    g.bench_function("next_10_any_balie", |b| {
        b.iter(|| vrije_slots(&plekken, &geboekt, &sluiting, &vraag(paspoort)))
    });
    g.bench_function("next_10_one_full_balie", |b| {
        b.iter(|| vrije_slots(&plekken, &geboekt, &sluiting, &vraag(trouwen)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
