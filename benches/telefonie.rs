//! The telephone queue's cost:
//! - a simulated busy Monday at full speed (2,000 calls, this agent answering its share): call
//!   events per second through the simulator and the desk's `update`;
//! - the Wachtrij pane ticking with 50 callers waiting: the time to update and redraw the whole
//!   120x40 desk once, and what that is as a share of one core at the desk's redraw rate.
//!
//! Run: `cargo bench --bench telefonie`.

use loket::app::telefonie::TelMsg;
use std::time::{Duration, Instant};

use chrono::{Local, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use loket::app::{self, Action, Session, State};
use loket::domain::telefonie::AgentStatus;
use loket::telefonie::simulator::{SimConfig, Simulator};
use loket::telefonie::{TelCommand, TelEvent};
use loket::ui::{self, Theme};
use ratatui::{Terminal, backend::TestBackend};
use uuid::Uuid;

fn menu() -> Vec<String> {
    loket::config::standaard_keuzemenu()
}

fn desk() -> State {
    let mut s = State::new(
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
    app::update(
        &mut s,
        &app::Ctx::nu(),
        Action::StoreOpened { schema_version: 5 },
    );
    s
}

/// A busy Monday: returns (events, wall time).
fn busy_day() -> (u64, Duration) {
    let start = Local
        .with_ymd_and_hms(2026, 11, 23, 7, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let cfg = SimConfig {
        per_dag: 2000.0,
        altijd_open: false,
        al_wachtend: 0,
        collegas: (0..22).map(|i| format!("Collega {i}")).collect(),
        ..SimConfig::demo(2026, menu())
    };
    let mut sim = Simulator::new(cfg, start);
    let mut state = desk();
    let t0 = Instant::now();
    let mut events = 0u64;
    let mut t = start;
    let mut ophangen: Option<(chrono::DateTime<Utc>, String)> = None;
    let mut batch = sim.handle(TelCommand::Status(AgentStatus::Beschikbaar, None));
    while t < start + chrono::Duration::hours(11) {
        t += chrono::Duration::seconds(1);
        batch.extend(sim.advance(t));
        // This agent: answers what is offered, talks three minutes, wraps up, available again.
        let mut meer = Vec::new();
        for e in &batch {
            if let TelEvent::Aangeboden { id, .. } = e {
                meer.extend(sim.handle(TelCommand::Aannemen(id.clone())));
                ophangen = Some((t + chrono::Duration::minutes(3), id.clone()));
            }
        }
        if let Some((when, id)) = ophangen.clone()
            && when <= t
        {
            meer.extend(sim.handle(TelCommand::Ophangen(id)));
            meer.extend(sim.handle(TelCommand::Status(AgentStatus::Beschikbaar, None)));
            ophangen = None;
        }
        batch.extend(meer);
        if !batch.is_empty() {
            events += batch.len() as u64;
            app::update(
                &mut state,
                &app::Ctx::nu(),
                Action::Tel(TelMsg::Events {
                    nu: t,
                    events: std::mem::take(&mut batch),
                }),
            );
            // The wrap-up opened by a hang-up is closed, as saving it would.
            state.registratie = None;
        }
    }
    (events, t0.elapsed())
}

/// A desk with 50 callers waiting.
fn fifty_waiting() -> State {
    let mut s = desk();
    let nu = Utc::now();
    let events = (0..50)
        .map(|i| TelEvent::Binnen {
            id: format!("c{i}"),
            linkedid: None,
            nummer: format!("06{:08}", i * 7919),
            keuze: menu()[i % 5].clone(),
            terugval: i % 9 == 0,
            sinds: nu - chrono::Duration::seconds(5 * i as i64),
        })
        .collect();
    app::update(
        &mut s,
        &app::Ctx::nu(),
        Action::Tel(TelMsg::Events {
            nu,
            events: [vec![TelEvent::Verbinding(true)], events].concat(),
        }),
    );
    s
}

fn bench(c: &mut Criterion) {
    let (events, wall) = busy_day();
    eprintln!(
        "busy Monday (2,000 calls, simulator + desk update): {events} call events in {wall:?} = {:.0} events/s",
        events as f64 / wall.as_secs_f64()
    );

    let mut state = fifty_waiting();
    let theme = Theme { color: true };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut tick = || {
        // One tick: the source's clock moves a second; the desk redraws.
        let nu = state.telefonie.nu + chrono::Duration::seconds(1);
        app::update(
            &mut state,
            &app::Ctx::nu(),
            Action::Tel(TelMsg::Events {
                nu,
                events: Vec::new(),
            }),
        );
        terminal.draw(|f| ui::draw(f, &state, &theme)).unwrap();
    };
    let n = 2000;
    let t0 = Instant::now();
    for _ in 0..n {
        tick();
    }
    let per = t0.elapsed() / n;
    // The desk redraws on its 1 s clock tick and on each telephony batch (at most 4 a second).
    eprintln!(
        "50 callers waiting: update + redraw of the 120x40 desk {per:?}; at 5 redraws/s that is {:.2}% of one core",
        per.as_secs_f64() * 5.0 * 100.0
    );
    let mut g = c.benchmark_group("telefonie");
    g.bench_function("tick_50_waiting_120x40", |b| b.iter(&mut tick));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
