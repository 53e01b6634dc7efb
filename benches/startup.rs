//! Start-up benchmarks: time to the first frame with data, on the default demo database and on
//! one with about a million contactmomenten, and the time to generate the demo database.
//!
//! "First frame with data" = open the store (inspect, settings, migrations check), load the
//! overview, the afdelingen/medewerkers lists and the Wachtrij's contactverzoeken, and render the
//! desk into a 120x40 TestBackend. The real binary draws
//! a frame before any of this (the UI never waits on disk); this measures when the figures appear.
//!
//! Run: `cargo bench --bench startup`. The large database is generated once into
//! target/bench-data/ and reused.

use loket::app::verzoeken::VzMsg;
use std::path::Path;

use chrono::{Local, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use loket::app::{self, Action, Session, State};
use loket::demo::{self, DemoOptions};
use loket::store::{Store, lookup, overview, verzoeken};
use loket::ui::{self, Theme};
use ratatui::{Terminal, backend::TestBackend};
use uuid::Uuid;

#[path = "bench_data.rs"]
mod bench_data;
use bench_data::{bench_db, today};

fn first_frame(path: &Path) -> String {
    let desk = Uuid::nil();
    let store = Store::open(path, desk).unwrap();
    let now = Local.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let day_start = Local
        .with_ymd_and_hms(2026, 11, 23, 0, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let day_end = day_start + chrono::Duration::days(1);
    let ov = overview::load(store.conn(), day_start, day_end, now.with_timezone(&Utc)).unwrap();
    let mut state = State::new(
        Session {
            gemeente: None,
            medewerker: Some(loket::config::MedewerkerProfiel {
                id: Uuid::nil(),
                naam: "Bench".into(),
                rol: loket::domain::Rol::Medewerker,
                afdeling: None,
            }),
            desk_id: desk,
            demo: true,
            termijnen: Default::default(),
        },
        loket::app::aanmelden::Fase::Aangemeld,
        now,
    );
    app::update(
        &mut state,
        &app::Ctx::nu(),
        Action::StoreOpened { schema_version: 3 },
    );
    app::update(
        &mut state,
        &app::Ctx::nu(),
        Action::OverviewLoaded(Box::new(ov)),
    );
    // The Wachtrij pane lists the open contactverzoeken of the medewerker's afdeling.
    let referentie = lookup::referentie(store.conn()).unwrap();
    let afdeling = referentie.afdelingen.first().map(|a| a.0);
    app::update(
        &mut state,
        &app::Ctx::nu(),
        Action::ReferentieLoaded(Box::new(referentie)),
    );
    let regels = verzoeken::lijst(
        store.conn(),
        verzoeken::Filter::MijnAfdeling,
        "",
        &verzoeken::Wie {
            medewerker: Some(desk),
            afdeling,
            alles: false,
        },
    )
    .unwrap();
    let seq = state.verzoeken.seq;
    app::update(
        &mut state,
        &app::Ctx::nu(),
        Action::Vz(VzMsg::Loaded { seq, regels }),
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme { color: true };
    terminal.draw(|f| ui::draw(f, &state, &theme)).unwrap();
    terminal.backend().buffer()[(1, 0)].symbol().to_string()
}

fn startup(c: &mut Criterion) {
    let default_db = bench_db("demo-default", 90);
    // ~208 contactmomenten per calendar day: 4810 days give about a million.
    let million_db = bench_db("demo-1m", 4810);

    let mut g = c.benchmark_group("first_frame");
    g.bench_function("before_data", |b| {
        b.iter(|| {
            let state = State::new(
                Session {
                    gemeente: None,
                    medewerker: None,
                    desk_id: Uuid::nil(),
                    demo: true,
                    termijnen: Default::default(),
                },
                loket::app::aanmelden::Fase::Aangemeld,
                Local::now(),
            );
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal
                .draw(|f| ui::draw(f, &state, &Theme { color: true }))
                .unwrap();
        })
    });
    g.bench_function("demo_default", |b| b.iter(|| first_frame(&default_db)));
    g.bench_function("demo_1m_contactmomenten", |b| {
        b.iter(|| first_frame(&million_db))
    });
    g.finish();

    let mut g = c.benchmark_group("demo_generation");
    g.sample_size(10);
    g.bench_function("default_90_days", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().unwrap();
            demo::generate(
                &dir.path().join("demo.db"),
                &DemoOptions {
                    seed: 2026,
                    days: 90,
                    today: today(),
                    personen: 2000,
                },
                false,
            )
            .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
