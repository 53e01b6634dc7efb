//! Where calls come from: the `CallSource` seam. A source runs as a tokio task, reports what
//! happens in the queue as [`TelEvent`]s and takes this agent's [`TelCommand`]s. Two sources:
//! the [`simulator`] (demo and training) and [`ami`] (an Asterisk PBX).

pub mod ami;
pub mod simulator;

use chrono::{DateTime, Utc};

use crate::domain::telefonie::AgentStatus;

/// Something that happened in the queue or to this agent's call.
#[derive(Debug, Clone, PartialEq)]
pub enum TelEvent {
    /// Connected to the call source, or lost it.
    Verbinding(bool),
    /// Why the connection failed (for the bottom bar; never holds the secret).
    Storing(String),
    /// A caller joined the queue.
    Binnen {
        id: String,
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
    /// A colleague on the floor changed state (the simulator plays the demo floor).
    Collega {
        naam: String,
        status: AgentStatus,
        op: DateTime<Utc>,
    },
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
}

/// A running call source: send it this agent's commands.
pub type Bron = tokio::sync::mpsc::UnboundedSender<TelCommand>;

/// Run the simulator as a tokio task: its clock runs `snelheid` times the wall clock from now;
/// every batch of events goes to `report` with the simulated time (at least once a second, so
/// waiting times tick). Ends when `report` says the desk is gone.
pub fn start_simulator<F>(cfg: simulator::SimConfig, snelheid: u32, report: F) -> Bron
where
    F: Fn(DateTime<Utc>, Vec<TelEvent>) -> bool + Send + 'static,
{
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<TelCommand>();
    tokio::spawn(async move {
        let start_echt = std::time::Instant::now();
        let start = Utc::now();
        let klok = move || {
            start + chrono::Duration::from_std(start_echt.elapsed() * snelheid).unwrap_or_default()
        };
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
            if !report(sim.nu(), events) {
                return;
            }
        }
    });
    tx
}
