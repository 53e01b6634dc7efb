//! Where calls come from: the `CallSource` seam. A source runs as a tokio task, reports what
//! happens in the queue as [`TelEvent`]s and takes this agent's [`TelCommand`]s. Two sources:
//! the [`simulator`] (demo and training) and [`ami`] (an Asterisk PBX).

pub mod ami;
pub mod simulator;

/// Why a call followed here is closed when the PBX's queue, rebuilt after a reconnect, no
/// longer holds it.
pub const REDEN_WEG_BIJ_HERVERBINDEN: &str = "afgebroken: niet meer in de wachtrij na herverbinden";

/// Why this agent's own call is closed when the PBX, rebuilt after a reconnect, no longer
/// has the agent in a call: it ended while the connection was down.
pub const REDEN_GESPREK_WEG_BIJ_HERVERBINDEN: &str =
    "afgebroken: gesprek beëindigd terwijl de centrale onbereikbaar was";

/// This agent's membership of the queue as the PBX's `QueueStatus` lists it (`QueueMember`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lidmaatschap {
    /// Listed as a member of the queue at all.
    pub lid: bool,
    pub gepauzeerd: bool,
    /// The pause reason the PBX holds (the desk sends its own: "lunch", "nawerk", "afgemeld").
    pub reden: Option<String>,
    /// In a call of this queue now.
    pub in_gesprek: bool,
}

use chrono::{DateTime, Utc};

use crate::domain::telefonie::AgentStatus;

/// Something that happened in the queue or to this agent's call.
#[derive(Debug, Clone, PartialEq)]
pub enum TelEvent {
    /// Connected to the call source, or lost it.
    Verbinding(bool),
    /// Why the connection failed, in short Dutch words (the detail is in the log; never the
    /// secret), and when the next attempt is made.
    Storing {
        reden: String,
        opnieuw_op: DateTime<Utc>,
    },
    /// A caller joined the queue. `id` is the source's call id (Asterisk: the Uniqueid);
    /// `linkedid` the whole conversation's (Asterisk's Linkedid), when the source has one.
    Binnen {
        id: String,
        linkedid: Option<String>,
        nummer: String,
        keuze: String,
        terugval: bool,
        sinds: DateTime<Utc>,
    },
    /// A caller left the queue: answered (by whom; None: this agent) or hung up waiting.
    Weg {
        id: String,
        aangenomen_door: Option<Option<String>>,
        op: DateTime<Utc>,
    },
    /// The call is offered to this agent (it rings).
    Aangeboden { id: String, op: DateTime<Utc> },
    /// The offer lapsed (not answered in time); the caller waits on.
    AanbodVervallen { id: String },
    /// This agent is connected to the caller.
    Verbonden { id: String, op: DateTime<Utc> },
    /// This agent's call ended.
    Beeindigd { id: String, op: DateTime<Utc> },
    /// A warm transfer was picked up (the call leaves this agent) or not (it comes back).
    Doorverbonden {
        id: String,
        naar: String,
        gelukt: bool,
        /// When the transfer began (the agent's choice).
        sinds: DateTime<Utc>,
        op: DateTime<Utc>,
    },
    /// A call answered by a colleague ended.
    Klaar { id: String, op: DateTime<Utc> },
    /// The source rebuilt its state after a (re)connect: these callers wait in its queue now.
    /// Calls followed here that still waited and are not among them left the queue unseen.
    /// `lid`: this agent's own membership and pause (None: the source does not say), so the
    /// desk takes its state from the PBX and closes its own call when it ended meanwhile.
    Herbouwd {
        wachtend: Vec<String>,
        lid: Option<Lidmaatschap>,
        op: DateTime<Utc>,
    },
    /// A colleague on the floor changed state (the simulator plays the demo floor).
    Collega {
        naam: String,
        status: AgentStatus,
        op: DateTime<Utc>,
    },
}

impl TelEvent {
    /// Every moment in the event, changed by `f` (the simulator's clock to the wall clock).
    pub fn tijden(&mut self, mut f: impl FnMut(DateTime<Utc>) -> DateTime<Utc>) {
        match self {
            TelEvent::Verbinding(_) | TelEvent::AanbodVervallen { .. } => {}
            TelEvent::Storing { opnieuw_op, .. } => *opnieuw_op = f(*opnieuw_op),
            TelEvent::Binnen { sinds, .. } => *sinds = f(*sinds),
            TelEvent::Weg { op, .. }
            | TelEvent::Aangeboden { op, .. }
            | TelEvent::Verbonden { op, .. }
            | TelEvent::Beeindigd { op, .. }
            | TelEvent::Klaar { op, .. }
            | TelEvent::Herbouwd { op, .. }
            | TelEvent::Collega { op, .. } => *op = f(*op),
            TelEvent::Doorverbonden { sinds, op, .. } => {
                *sinds = f(*sinds);
                *op = f(*op);
            }
        }
    }
}

/// What this agent does.
#[derive(Debug, Clone, PartialEq)]
pub enum TelCommand {
    Status(AgentStatus, Option<String>),
    Aannemen(String),
    Ophangen(String),
    Wacht(String, bool),
    /// Warm transfer to a colleague or afdeling, whose presence is given; `erachter`: wait
    /// behind a busy colleague.
    Doorverbinden {
        id: String,
        naar: String,
        aanwezigheid: String,
        erachter: bool,
    },
    /// Phone numbers of known klanten (the simulator lets some of them call).
    BekendeNummers(Vec<String>),
    /// Training: a scripted caller joins the queue now, for this agent only.
    Inplannen {
        id: String,
        nummer: String,
        keuze: String,
    },
}

/// A running call source: send it this agent's commands.
pub type Bron = tokio::sync::mpsc::UnboundedSender<TelCommand>;

/// Run the simulator as a tokio task: its clock runs `snelheid` times the wall clock from now,
/// so callers arrive, wait, give up and colleagues finish `snelheid` times as fast; every batch
/// of events goes to `report` in wall-clock time (at least once a second, so waiting times
/// tick), so what the agent registers has real times and durations. Ends when `report` says
/// the desk is gone. Only this agent's own ring time stays on the wall clock.
pub fn start_simulator<F>(mut cfg: simulator::SimConfig, snelheid: u32, report: F) -> Bron
where
    F: Fn(DateTime<Utc>, Vec<TelEvent>) -> bool + Send + 'static,
{
    // The agent is not faster: an offered call rings as long on the wall clock at any speed.
    cfg.bel_s *= i64::from(snelheid.max(1));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<TelCommand>();
    tokio::spawn(async move {
        let start_echt = std::time::Instant::now();
        let start = Utc::now();
        let klok = move || {
            start + chrono::Duration::from_std(start_echt.elapsed() * snelheid).unwrap_or_default()
        };
        // The simulated moment `t` on the wall clock.
        let snel = i32::try_from(snelheid.max(1)).unwrap_or(i32::MAX);
        let echt = move |t: DateTime<Utc>| start + (t - start) / snel;
        let mut sim = simulator::Simulator::new(cfg, start);
        let mut events = vec![TelEvent::Verbinding(true)];
        events.extend(sim.begin());
        if !report(start, events) {
            return;
        }
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(250));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut n = 0u32;
        loop {
            let events = tokio::select! {
                _ = tick.tick() => {
                    n += 1;
                    let ev = sim.advance(klok());
                    if ev.is_empty() && !n.is_multiple_of(4) {
                        continue;
                    }
                    ev
                }
                cmd = rx.recv() => {
                    let Some(cmd) = cmd else { return };
                    let mut ev = sim.advance(klok());
                    ev.extend(sim.handle(cmd));
                    ev
                }
            };
            let mut events = events;
            for e in &mut events {
                e.tijden(echt);
            }
            if !report(echt(sim.nu()), events) {
                return;
            }
        }
    });
    tx
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[tokio::test]
    async fn a_fast_simulator_reports_in_wall_clock_time() {
        // Twenty times as fast: two seconds are forty simulated ones, but what the desk is
        // told never lies ahead of the wall clock (registrations get real times).
        type Rapporten = Vec<(DateTime<Utc>, Vec<TelEvent>)>;
        let gezien: Arc<Mutex<Rapporten>> = Default::default();
        let g = gezien.clone();
        let _bron = start_simulator(
            simulator::SimConfig::demo(7, crate::config::standaard_keuzemenu()),
            20,
            move |t, ev| {
                g.lock().unwrap().push((t, ev));
                true
            },
        );
        tokio::time::sleep(std::time::Duration::from_millis(2000)).await;
        let nu = Utc::now() + chrono::Duration::milliseconds(300);
        let gezien = gezien.lock().unwrap();
        assert!(gezien.len() > 2, "reports arrive every second");
        for (t, _) in gezien.iter() {
            assert!(*t <= nu, "report clock {t} ahead of {nu}");
        }
        let mut tijden = Vec::new();
        for (_, events) in gezien.iter() {
            for e in events {
                let mut e = e.clone();
                e.tijden(|x| {
                    tijden.push(x);
                    x
                });
            }
        }
        assert!(tijden.iter().all(|x| *x <= nu), "{tijden:?} vs {nu}");
    }
}
