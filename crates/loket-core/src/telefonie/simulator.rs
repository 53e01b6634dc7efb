//! A deterministic traffic simulator for demo and training: callers arrive by a Poisson process
//! with a time-of-day and weekday profile, choose from the keuzemenu, wait with limited patience
//! (and hang up), and are answered by this agent or by the simulated colleagues of the floor.
//! Pure: `advance` and `handle` take the (simulated) time; the same seed gives the same day.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{DateTime, Datelike, Duration, Timelike, Utc, Weekday};
use rand::prelude::*;
use rand_chacha::ChaCha8Rng;

use super::{TelCommand, TelEvent};
use crate::domain::telefonie::AgentStatus;

#[derive(Debug, Clone)]
pub struct SimConfig {
    pub seed: u64,
    pub keuzemenu: Vec<String>,
    /// The keuzemenu options this agent takes.
    pub vaardigheden: Vec<String>,
    /// Calls on an average werkdag.
    pub per_dag: f64,
    /// Colleagues on the floor during opening hours.
    pub collegas: Vec<String>,
    /// Mean patience of a caller in the queue, seconds.
    pub geduld_s: f64,
    /// How long an offered call rings before it goes to someone else, seconds.
    pub bel_s: i64,
    /// Treat every moment as a Monday at 10:00 (demo and training outside office hours).
    pub altijd_open: bool,
    /// Callers already waiting when the simulation starts.
    pub al_wachtend: usize,
}

impl SimConfig {
    pub fn demo(seed: u64, keuzemenu: Vec<String>) -> SimConfig {
        SimConfig {
            seed,
            vaardigheden: keuzemenu.clone(),
            keuzemenu,
            per_dag: 420.0,
            collegas: ["Fatima El Amrani", "Kees de Boer", "Linda Smit"]
                .map(String::from)
                .to_vec(),
            geduld_s: 150.0,
            bel_s: 15,
            altijd_open: true,
            al_wachtend: 3,
        }
    }
}

/// Share of a werkdag's calls per hour, 8:00-17:00 (the Monday-morning peak of the seeds).
const UUR: [(u32, f64); 9] = [
    (8, 0.09),
    (9, 0.16),
    (10, 0.15),
    (11, 0.13),
    (12, 0.09),
    (13, 0.11),
    (14, 0.11),
    (15, 0.10),
    (16, 0.06),
];

/// Relative weight of each keuzemenu option (Burgerzaken and Afval most, as in the seeds).
fn keuze_gewicht(i: usize) -> f64 {
    [0.34, 0.26, 0.16, 0.12, 0.12]
        .get(i)
        .copied()
        .unwrap_or(0.1)
}

/// Mean handling time per keuzemenu option, seconds.
fn afhandeltijd(i: usize) -> f64 {
    [260.0, 170.0, 240.0, 300.0, 200.0]
        .get(i)
        .copied()
        .unwrap_or(220.0)
}

fn dag_factor(d: Weekday) -> f64 {
    match d {
        Weekday::Mon => 1.3,
        Weekday::Tue | Weekday::Wed => 1.0,
        Weekday::Thu => 0.95,
        Weekday::Fri => 0.75,
        Weekday::Sat | Weekday::Sun => 0.0,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Gebeurtenis {
    Aankomst,
    Geduld(String),
    BelTijd(String),
    CollegaKlaar(usize),
    CollegaVrij(usize),
    Doorverbind {
        id: String,
        naar: String,
        gelukt: bool,
        sinds: DateTime<Utc>,
    },
}

#[derive(Debug, Clone)]
struct Wachtend {
    id: String,
    keuze: usize,
    /// Offered to this agent and ringing.
    belt: bool,
    /// A training case: only this agent takes it, and the caller waits as long as it takes.
    voor_mij: bool,
}

#[derive(Debug, Clone, Default)]
struct Collega {
    gesprek: Option<String>,
    /// Doing after-call work.
    nawerk: bool,
}

pub struct Simulator {
    cfg: SimConfig,
    rng: ChaCha8Rng,
    nu: DateTime<Utc>,
    heap: BinaryHeap<Reverse<(DateTime<Utc>, u64, Gebeurtenis)>>,
    volgnummer: u64,
    wachtrij: Vec<Wachtend>,
    collegas: Vec<Collega>,
    status: AgentStatus,
    /// This agent's call.
    gesprek: Option<String>,
    nummers: Vec<String>,
    /// Events produced, for the statistics tests and benchmark.
    pub aantal_events: u64,
}

impl Simulator {
    pub fn new(cfg: SimConfig, start: DateTime<Utc>) -> Simulator {
        let mut sim = Simulator {
            rng: ChaCha8Rng::seed_from_u64(cfg.seed),
            collegas: vec![Collega::default(); cfg.collegas.len()],
            cfg,
            nu: start,
            heap: BinaryHeap::new(),
            volgnummer: 0,
            wachtrij: Vec::new(),
            status: AgentStatus::Afgemeld,
            gesprek: None,
            nummers: Vec::new(),
            aantal_events: 0,
        };
        sim.plan_aankomst();
        sim
    }

    pub fn nu(&self) -> DateTime<Utc> {
        self.nu
    }

    /// The start: callers already waiting (a demo shows a queue at once).
    pub fn begin(&mut self) -> Vec<TelEvent> {
        let mut uit = Vec::new();
        // The colleagues are in conversations already; they come free one by one.
        for c in 0..self.collegas.len() {
            self.collegas[c].gesprek = Some(format!("voor-start-{c}"));
            let klaar = self.nu + Duration::seconds(20) + self.exp(150.0);
            self.plan(klaar, Gebeurtenis::CollegaKlaar(c));
            uit.push(TelEvent::Collega {
                naam: self.cfg.collegas[c].clone(),
                status: AgentStatus::InGesprek,
                op: self.nu,
            });
        }
        for i in (0..self.cfg.al_wachtend).rev() {
            let sinds = self.nu - Duration::seconds(8 + 14 * i as i64);
            self.nieuwe_beller(sinds, &mut uit);
        }
        self.verdeel(&mut uit);
        self.aantal_events += uit.len() as u64;
        uit
    }

    fn plan(&mut self, op: DateTime<Utc>, g: Gebeurtenis) {
        self.volgnummer += 1;
        self.heap.push(Reverse((op, self.volgnummer, g)));
    }

    /// Calls per second at `t`.
    fn intensiteit(&self, t: DateTime<Utc>) -> f64 {
        let local = t.with_timezone(&chrono::Local);
        let (dag, uur) = if self.cfg.altijd_open {
            (Weekday::Mon, 10)
        } else {
            (local.weekday(), local.hour())
        };
        let aandeel = UUR.iter().find(|(u, _)| *u == uur).map_or(0.0, |x| x.1);
        self.cfg.per_dag * dag_factor(dag) * aandeel / 3600.0
    }

    /// The next arrival by thinning: candidate times at the highest rate, kept with the
    /// probability of the rate at that moment.
    fn plan_aankomst(&mut self) {
        let max = self.cfg.per_dag * 1.3 * 0.16 / 3600.0;
        if max <= 0.0 {
            return;
        }
        let mut t = self.nu;
        for _ in 0..100_000 {
            let u: f64 = self.rng.random::<f64>().max(1e-12);
            t += Duration::milliseconds((-u.ln() / max * 1000.0) as i64);
            if self.rng.random::<f64>() * max < self.intensiteit(t) {
                self.plan(t, Gebeurtenis::Aankomst);
                return;
            }
        }
    }

    fn exp(&mut self, gemiddeld: f64) -> Duration {
        let u: f64 = self.rng.random::<f64>().max(1e-12);
        Duration::milliseconds((-u.ln() * gemiddeld * 1000.0) as i64)
    }

    fn nieuwe_beller(&mut self, sinds: DateTime<Utc>, uit: &mut Vec<TelEvent>) {
        let totaal: f64 = (0..self.cfg.keuzemenu.len()).map(keuze_gewicht).sum();
        let mut r = self.rng.random::<f64>() * totaal;
        let mut keuze = 0;
        for i in 0..self.cfg.keuzemenu.len() {
            r -= keuze_gewicht(i);
            if r <= 0.0 {
                keuze = i;
                break;
            }
        }
        let nummer = if !self.nummers.is_empty() && self.rng.random_bool(0.6) {
            self.nummers[self.rng.random_range(0..self.nummers.len())].clone()
        } else {
            format!("06{:08}", self.rng.random_range(0..100_000_000u32))
        };
        self.volgnummer += 1;
        let id = format!("sim-{}-{}", self.cfg.seed, self.volgnummer);
        let terugval = self.rng.random_bool(0.08);
        let geduld = self.exp(self.cfg.geduld_s);
        self.plan(self.nu.max(sinds) + geduld, Gebeurtenis::Geduld(id.clone()));
        self.wachtrij.push(Wachtend {
            id: id.clone(),
            keuze,
            belt: false,
            voor_mij: false,
        });
        uit.push(TelEvent::Binnen {
            id,
            linkedid: None,
            nummer,
            keuze: self.cfg.keuzemenu[keuze].clone(),
            terugval,
            sinds,
        });
    }

    /// Hand waiting callers to whoever is free: this agent first (for its skills), then the
    /// colleagues, first come first served.
    fn verdeel(&mut self, uit: &mut Vec<TelEvent>) {
        if self.status == AgentStatus::Beschikbaar
            && self.gesprek.is_none()
            && !self.wachtrij.iter().any(|w| w.belt)
            && let Some(w) = self.wachtrij.iter_mut().find(|w| {
                w.voor_mij || self.cfg.vaardigheden.contains(&self.cfg.keuzemenu[w.keuze])
            })
        {
            w.belt = true;
            let id = w.id.clone();
            let bel = self.nu + Duration::seconds(self.cfg.bel_s);
            self.plan(bel, Gebeurtenis::BelTijd(id.clone()));
            uit.push(TelEvent::Aangeboden { id, op: self.nu });
        }
        let open = self.intensiteit(self.nu) > 0.0;
        for c in 0..self.collegas.len() {
            if !open || self.collegas[c].gesprek.is_some() || self.collegas[c].nawerk {
                continue;
            }
            let Some(pos) = self.wachtrij.iter().position(|w| !w.belt && !w.voor_mij) else {
                break;
            };
            let w = self.wachtrij.remove(pos);
            let duur = self.exp(afhandeltijd(w.keuze));
            self.plan(self.nu + duur, Gebeurtenis::CollegaKlaar(c));
            uit.push(TelEvent::Weg {
                id: w.id.clone(),
                aangenomen_door: Some(Some(self.cfg.collegas[c].clone())),
                op: self.nu,
            });
            uit.push(TelEvent::Collega {
                naam: self.cfg.collegas[c].clone(),
                status: AgentStatus::InGesprek,
                op: self.nu,
            });
            self.collegas[c].gesprek = Some(w.id);
        }
    }

    /// Run the simulation up to `tot`.
    pub fn advance(&mut self, tot: DateTime<Utc>) -> Vec<TelEvent> {
        let mut uit = Vec::new();
        while let Some(Reverse((op, _, _))) = self.heap.peek() {
            if *op > tot {
                break;
            }
            let Some(Reverse((op, _, g))) = self.heap.pop() else {
                break;
            };
            self.nu = op;
            match g {
                Gebeurtenis::Aankomst => {
                    self.nieuwe_beller(op, &mut uit);
                    self.plan_aankomst();
                }
                Gebeurtenis::Geduld(id) => {
                    if let Some(pos) = self.wachtrij.iter().position(|w| w.id == id && !w.belt) {
                        self.wachtrij.remove(pos);
                        uit.push(TelEvent::Weg {
                            id,
                            aangenomen_door: None,
                            op,
                        });
                    }
                }
                Gebeurtenis::BelTijd(id) => {
                    if let Some(w) = self.wachtrij.iter_mut().find(|w| w.id == id && w.belt) {
                        w.belt = false;
                        // Not answered: the ACD stops offering to this agent until it is
                        // available again, as a PBX pauses a member after RingNoAnswer.
                        self.status = AgentStatus::Pauze;
                        uit.push(TelEvent::AanbodVervallen { id });
                    }
                }
                Gebeurtenis::CollegaKlaar(c) => {
                    if let Some(id) = self.collegas[c].gesprek.take() {
                        uit.push(TelEvent::Klaar { id, op });
                        // After-call work, then free for the next caller.
                        self.collegas[c].nawerk = true;
                        let vrij = op + self.exp(35.0);
                        self.plan(vrij, Gebeurtenis::CollegaVrij(c));
                        uit.push(TelEvent::Collega {
                            naam: self.cfg.collegas[c].clone(),
                            status: AgentStatus::Nawerk,
                            op,
                        });
                    }
                }
                Gebeurtenis::CollegaVrij(c) => {
                    self.collegas[c].nawerk = false;
                    uit.push(TelEvent::Collega {
                        naam: self.cfg.collegas[c].clone(),
                        status: AgentStatus::Beschikbaar,
                        op,
                    });
                }
                Gebeurtenis::Doorverbind {
                    id,
                    naar,
                    gelukt,
                    sinds,
                } => {
                    if self.gesprek.as_deref() == Some(id.as_str()) {
                        if gelukt {
                            self.gesprek = None;
                        }
                        uit.push(TelEvent::Doorverbonden {
                            id,
                            naar,
                            gelukt,
                            sinds,
                            op,
                        });
                    }
                }
            }
            self.verdeel(&mut uit);
        }
        self.nu = self.nu.max(tot);
        self.aantal_events += uit.len() as u64;
        uit
    }

    /// This agent's command, at the current simulated time.
    pub fn handle(&mut self, cmd: TelCommand) -> Vec<TelEvent> {
        let mut uit = Vec::new();
        match cmd {
            TelCommand::Status(s, _) => {
                self.status = s;
                if s != AgentStatus::Beschikbaar {
                    // Not available any more: a ringing call goes back to the queue.
                    for w in self.wachtrij.iter_mut().filter(|w| w.belt) {
                        w.belt = false;
                    }
                }
            }
            TelCommand::BekendeNummers(n) => self.nummers = n,
            TelCommand::Inplannen { id, nummer, keuze } => {
                let keuze_nr = self
                    .cfg
                    .keuzemenu
                    .iter()
                    .position(|k| *k == keuze)
                    .unwrap_or(0);
                self.wachtrij.push(Wachtend {
                    id: id.clone(),
                    keuze: keuze_nr,
                    belt: false,
                    voor_mij: true,
                });
                uit.push(TelEvent::Binnen {
                    id,
                    linkedid: None,
                    nummer,
                    keuze,
                    terugval: false,
                    sinds: self.nu,
                });
            }
            TelCommand::Aannemen(id) => {
                if let Some(pos) = self.wachtrij.iter().position(|w| w.id == id && w.belt) {
                    self.wachtrij.remove(pos);
                    self.status = AgentStatus::InGesprek;
                    self.gesprek = Some(id.clone());
                    uit.push(TelEvent::Weg {
                        id: id.clone(),
                        aangenomen_door: Some(None),
                        op: self.nu,
                    });
                    uit.push(TelEvent::Verbonden { id, op: self.nu });
                }
            }
            TelCommand::Ophangen(id) => {
                if self.gesprek.as_deref() == Some(id.as_str()) {
                    self.gesprek = None;
                    self.status = AgentStatus::Nawerk;
                    uit.push(TelEvent::Beeindigd { id, op: self.nu });
                }
            }
            TelCommand::Wacht(..) => {}
            TelCommand::Doorverbinden {
                id,
                naar,
                aanwezigheid,
                erachter,
            } => {
                if self.gesprek.as_deref() == Some(id.as_str()) {
                    let (kans, na) = match aanwezigheid.as_str() {
                        "beschikbaar" => (0.85, 5 + self.rng.random_range(0..8)),
                        "in_gesprek" if erachter => (0.6, 20 + self.rng.random_range(0..40)),
                        "afdeling" => (0.7, 8 + self.rng.random_range(0..15)),
                        "afdeling_bezet" => (0.1, 15 + self.rng.random_range(0..20)),
                        _ => (0.0, 20),
                    };
                    let gelukt = self.rng.random_bool(kans);
                    // Not picked up: back to this agent after the ring time.
                    let na = if gelukt { na } else { na.max(20) };
                    self.plan(
                        self.nu + Duration::seconds(na),
                        Gebeurtenis::Doorverbind {
                            id,
                            naar,
                            gelukt,
                            sinds: self.nu,
                        },
                    );
                }
            }
        }
        self.verdeel(&mut uit);
        self.aantal_events += uit.len() as u64;
        uit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn menu() -> Vec<String> {
        crate::config::standaard_keuzemenu()
    }

    fn week_cfg(seed: u64, collegas: usize) -> SimConfig {
        SimConfig {
            altijd_open: false,
            al_wachtend: 0,
            collegas: (0..collegas).map(|i| format!("Collega {i}")).collect(),
            ..SimConfig::demo(seed, menu())
        }
    }

    fn run_week(seed: u64) -> Vec<(DateTime<Utc>, TelEvent)> {
        run_week_met(seed, 6)
    }

    fn verlaten_aandeel(events: &[(DateTime<Utc>, TelEvent)]) -> f64 {
        let binnen = events
            .iter()
            .filter(|(_, e)| matches!(e, TelEvent::Binnen { .. }))
            .count();
        let verlaten = events
            .iter()
            .filter(|(_, e)| {
                matches!(
                    e,
                    TelEvent::Weg {
                        aangenomen_door: None,
                        ..
                    }
                )
            })
            .count();
        verlaten as f64 / binnen as f64
    }

    fn run_week_met(seed: u64, collegas: usize) -> Vec<(DateTime<Utc>, TelEvent)> {
        // Monday 23 November 2026, 00:00 local.
        let start = chrono::Local
            .with_ymd_and_hms(2026, 11, 23, 0, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let mut sim = Simulator::new(week_cfg(seed, collegas), start);
        let mut uit = Vec::new();
        let mut t = start;
        while t < start + Duration::days(7) {
            t += Duration::minutes(1);
            for e in sim.advance(t) {
                uit.push((sim.nu(), e));
            }
        }
        uit
    }

    #[test]
    fn the_same_seed_gives_the_same_calls() {
        let a = run_week(7);
        let b = run_week(7);
        assert_eq!(a, b);
        assert_ne!(a, run_week(8));
    }

    #[test]
    fn arrivals_per_hour_follow_the_profile_and_callers_abandon_plausibly() {
        let events = run_week(2026);
        let mut per_dag_uur = std::collections::HashMap::<(Weekday, u32), f64>::new();
        let mut binnen: f64 = 0.0;
        let mut verlaten = 0.0;
        for (_, e) in &events {
            match e {
                TelEvent::Binnen { sinds, .. } => {
                    let l = sinds.with_timezone(&chrono::Local);
                    *per_dag_uur.entry((l.weekday(), l.hour())).or_default() += 1.0;
                    binnen += 1.0;
                }
                TelEvent::Weg {
                    aangenomen_door: None,
                    ..
                } => verlaten += 1.0,
                _ => {}
            }
        }
        // A week: 300 * (1.3 + 1 + 1 + 0.95 + 0.75) = 2100 calls expected at 420 per day * 5/7.
        let verwacht_week = 420.0 * (1.3 + 1.0 + 1.0 + 0.95 + 0.75);
        assert!(
            (binnen - verwacht_week).abs() < verwacht_week * 0.08,
            "{binnen} calls, expected about {verwacht_week}"
        );
        for ((dag, uur), n) in &per_dag_uur {
            let aandeel = UUR.iter().find(|(u, _)| u == uur).map_or(0.0, |x| x.1);
            assert!(
                aandeel > 0.0,
                "a call at {dag} {uur}:00, outside the profile"
            );
            let verwacht = 420.0 * dag_factor(*dag) * aandeel;
            // Poisson: within 4 standard deviations.
            assert!(
                (n - verwacht).abs() <= 4.0 * verwacht.sqrt() + 1.0,
                "{dag} {uur}:00: {n} calls, expected {verwacht:.0}"
            );
        }
        // The floor: colleagues report in gesprek, nawerk and beschikbaar as they work.
        for status in [
            AgentStatus::InGesprek,
            AgentStatus::Nawerk,
            AgentStatus::Beschikbaar,
        ] {
            assert!(
                events
                    .iter()
                    .any(|(_, e)| matches!(e, TelEvent::Collega { status: s, .. } if *s == status)),
                "no colleague went {status:?}"
            );
        }
        let monday_10 = per_dag_uur[&(Weekday::Mon, 10)];
        let friday_16 = per_dag_uur[&(Weekday::Fri, 16)];
        assert!(monday_10 > 3.0 * friday_16, "the Monday morning peak");
        let rate = verlaten / binnen;
        assert!(
            (0.01..0.25).contains(&rate),
            "abandon rate {rate:.3} with 6 colleagues is implausible"
        );
        // Fewer hands, more callers give up; more hands, fewer.
        let krap = verlaten_aandeel(&run_week_met(2026, 5));
        let ruim = verlaten_aandeel(&run_week_met(2026, 9));
        assert!(
            krap > rate && rate > ruim,
            "{krap:.3} > {rate:.3} > {ruim:.3}"
        );
    }

    #[test]
    fn an_available_agent_is_offered_a_call_for_its_skills_and_answers_it() {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut cfg = SimConfig::demo(1, menu());
        cfg.collegas.clear();
        cfg.vaardigheden = vec!["Belastingen".into()];
        let mut sim = Simulator::new(cfg, start);
        let mut t = start;
        let mut aangeboden = None;
        sim.handle(TelCommand::Status(AgentStatus::Beschikbaar, None));
        while aangeboden.is_none() && t < start + Duration::hours(2) {
            t += Duration::seconds(5);
            for e in sim.advance(t) {
                if let TelEvent::Aangeboden { id, .. } = e {
                    aangeboden = Some(id);
                }
            }
        }
        let id = aangeboden.expect("a call offered");
        let ev = sim.handle(TelCommand::Aannemen(id.clone()));
        assert!(matches!(&ev[1], TelEvent::Verbonden { id: x, .. } if *x == id));
        let ev = sim.handle(TelCommand::Ophangen(id.clone()));
        assert!(matches!(&ev[0], TelEvent::Beeindigd { .. }));
        // In nawerk nothing is offered.
        let later = sim.advance(t + Duration::minutes(30));
        assert!(
            !later
                .iter()
                .any(|e| matches!(e, TelEvent::Aangeboden { .. })),
            "{later:?}"
        );
    }

    #[test]
    fn pausing_while_a_call_rings_gives_it_back_to_the_queue() {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut cfg = SimConfig::demo(4, menu());
        cfg.collegas.clear();
        let mut sim = Simulator::new(cfg, start);
        sim.begin();
        let ev = sim.handle(TelCommand::Status(AgentStatus::Beschikbaar, None));
        assert!(ev.iter().any(|e| matches!(e, TelEvent::Aangeboden { .. })));
        sim.handle(TelCommand::Status(
            AgentStatus::Pauze,
            Some("koffie".into()),
        ));
        assert!(sim.wachtrij.iter().all(|w| !w.belt));
        let ev = sim.advance(start + Duration::minutes(1));
        assert!(
            !ev.iter().any(|e| matches!(
                e,
                TelEvent::Aangeboden { .. } | TelEvent::AanbodVervallen { .. }
            )),
            "{ev:?}"
        );
    }

    #[test]
    fn a_transfer_to_an_absent_colleague_comes_back() {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut sim = Simulator::new(SimConfig::demo(3, menu()), start);
        sim.begin();
        sim.handle(TelCommand::Status(AgentStatus::Beschikbaar, None));
        let ev = sim.advance(start + Duration::seconds(1));
        let id = ev
            .iter()
            .chain(
                sim.handle(TelCommand::Status(AgentStatus::Beschikbaar, None))
                    .iter(),
            )
            .find_map(|e| match e {
                TelEvent::Aangeboden { id, .. } => Some(id.clone()),
                _ => None,
            });
        let id = id.unwrap_or_else(|| {
            // The first offer came with begin(); take whatever rings.
            sim.wachtrij.iter().find(|w| w.belt).unwrap().id.clone()
        });
        sim.handle(TelCommand::Aannemen(id.clone()));
        sim.handle(TelCommand::Doorverbinden {
            id: id.clone(),
            naar: "Piet (afwezig)".into(),
            aanwezigheid: "afwezig".into(),
            erachter: false,
        });
        let ev = sim.advance(start + Duration::minutes(2));
        assert!(
            ev.iter().any(
                |e| matches!(e, TelEvent::Doorverbonden { gelukt: false, id: x, .. } if *x == id)
            ),
            "{ev:?}"
        );
        // Still this agent's call: hanging up works.
        let ev = sim.handle(TelCommand::Ophangen(id));
        assert!(matches!(&ev[0], TelEvent::Beeindigd { .. }));
    }
}
