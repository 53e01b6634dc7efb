//! The telephone queue (TIC): agent states and calls as records (their figures: `super::kpi`).
//! No I/O; the call sources (simulator, Asterisk) live in `crate::telefonie`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::RecordMeta;

/// Where a telephone agent is in the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AgentStatus {
    #[default]
    Afgemeld,
    Beschikbaar,
    InGesprek,
    Nawerk,
    Pauze,
}

impl AgentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AgentStatus::Afgemeld => "afgemeld",
            AgentStatus::Beschikbaar => "beschikbaar",
            AgentStatus::InGesprek => "in_gesprek",
            AgentStatus::Nawerk => "nawerk",
            AgentStatus::Pauze => "pauze",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgentStatus::Afgemeld => "afgemeld",
            AgentStatus::Beschikbaar => "beschikbaar",
            AgentStatus::InGesprek => "in gesprek",
            AgentStatus::Nawerk => "nawerk",
            AgentStatus::Pauze => "pauze",
        }
    }

    pub fn parse(s: &str) -> Option<AgentStatus> {
        [
            AgentStatus::Afgemeld,
            AgentStatus::Beschikbaar,
            AgentStatus::InGesprek,
            AgentStatus::Nawerk,
            AgentStatus::Pauze,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// Reasons for a pause, chosen with a number key.
pub const PAUZE_REDENEN: [&str; 5] = ["koffie", "lunch", "overleg", "training", "overig"];

/// One change of an agent's state, kept so the floor view can compute occupancy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusWissel {
    pub meta: RecordMeta,
    pub medewerker_id: Option<Uuid>,
    pub status: AgentStatus,
    pub reden: Option<String>,
    pub op: DateTime<Utc>,
}

/// A telephone call as it went: through the queue, to an agent, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gesprek {
    /// Keyed by the call source's own id (UUID v5 of it), so every desk that sees the same call
    /// writes the same record.
    pub meta: RecordMeta,
    pub extern_id: String,
    pub nummer: String,
    pub keuze: String,
    /// Terugvalverkeer: an afdeling did not answer and the call fell back to the KCC.
    pub terugval: bool,
    pub binnen_op: DateTime<Utc>,
    pub aangeboden_op: Option<DateTime<Utc>>,
    pub aangenomen_op: Option<DateTime<Utc>>,
    pub beeindigd_op: Option<DateTime<Utc>>,
    /// The caller hung up while waiting.
    pub verlaten_op: Option<DateTime<Utc>>,
    /// Who answered: this desk's medewerker, or the name the source gave.
    pub medewerker_id: Option<Uuid>,
    pub agent: Option<String>,
    /// Warm transfers, in order.
    pub doorverbindingen: Vec<Doorverbinding>,
    /// Asterisk's Linkedid: the id of the whole conversation this channel belongs to (the
    /// record itself is keyed by the channel's Uniqueid).
    pub linkedid: Option<String>,
    /// A call of a desk's simulator (a demo PBX of its own): that desk. None for a real PBX.
    pub simulator_desk: Option<Uuid>,
    /// On hold since (None: not on hold).
    pub in_wacht_sinds: Option<DateTime<Utc>>,
    /// Closed without an ending from the source (the desk that followed it restarted): when,
    /// and why. A later write by a desk that still follows the call opens it again.
    pub afgebroken_op: Option<DateTime<Utc>>,
    pub afgebroken_reden: Option<String>,
}

/// One warm transfer of a call: to whom, whether it was picked up, and how long the caller
/// waited on hold for it (the back office's pick-up time the floor view reports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doorverbinding {
    /// The colleague or afdeling, as chosen in the list.
    pub naar: String,
    pub gelukt: bool,
    /// Seconds from the agent's choice until picked up, or until it came back.
    pub seconden: i64,
}

/// The namespace of call record ids: UUID v5 of the source's call id.
const GESPREK_NS: Uuid = Uuid::from_u128(0x6c6f_6b65_742d_6765_7370_7265_6b00_0001);

impl Gesprek {
    /// A call known only by its moments (what the floor's and the report's figures read from
    /// the database); the rest empty.
    pub fn uit_tijden(
        binnen_op: DateTime<Utc>,
        aangenomen_op: Option<DateTime<Utc>>,
        beeindigd_op: Option<DateTime<Utc>>,
        verlaten_op: Option<DateTime<Utc>>,
    ) -> Gesprek {
        Gesprek {
            meta: RecordMeta::new(binnen_op, Uuid::nil()),
            extern_id: String::new(),
            nummer: String::new(),
            keuze: String::new(),
            terugval: false,
            binnen_op,
            aangeboden_op: None,
            aangenomen_op,
            beeindigd_op,
            verlaten_op,
            medewerker_id: None,
            agent: None,
            doorverbindingen: Vec::new(),
            linkedid: None,
            simulator_desk: None,
            in_wacht_sinds: None,
            afgebroken_op: None,
            afgebroken_reden: None,
        }
    }

    /// Still in progress: neither ended, abandoned nor closed after a restart.
    pub fn open(&self) -> bool {
        self.beeindigd_op.is_none() && self.verlaten_op.is_none() && self.afgebroken_op.is_none()
    }

    /// Two versions of the same call, as two desks (or one desk over time) wrote them, made
    /// one. `nieuwer` is the later write. A call only moves forward: every moment known to
    /// either is kept (the earliest when both know it), who answered is kept once known, the
    /// longer list of transfers wins. Hold and a restart's closing are the later writer's
    /// (a desk that still follows the call opens it again); a call that really ended is never
    /// "afgebroken". The same two versions give the same result on every desk and the server.
    pub fn samenvoegen(ouder: &Gesprek, nieuwer: &Gesprek) -> Gesprek {
        fn vroegst(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
            match (a, b) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        }
        let tekst = |n: &String, o: &String| if n.is_empty() { o.clone() } else { n.clone() };
        let mut g = Gesprek {
            meta: RecordMeta {
                created_at: ouder.meta.created_at.min(nieuwer.meta.created_at),
                ..nieuwer.meta.clone()
            },
            extern_id: tekst(&nieuwer.extern_id, &ouder.extern_id),
            nummer: tekst(&nieuwer.nummer, &ouder.nummer),
            keuze: tekst(&nieuwer.keuze, &ouder.keuze),
            terugval: ouder.terugval || nieuwer.terugval,
            binnen_op: ouder.binnen_op.min(nieuwer.binnen_op),
            aangeboden_op: vroegst(ouder.aangeboden_op, nieuwer.aangeboden_op),
            aangenomen_op: vroegst(ouder.aangenomen_op, nieuwer.aangenomen_op),
            beeindigd_op: vroegst(ouder.beeindigd_op, nieuwer.beeindigd_op),
            verlaten_op: vroegst(ouder.verlaten_op, nieuwer.verlaten_op),
            medewerker_id: nieuwer.medewerker_id.or(ouder.medewerker_id),
            agent: nieuwer.agent.clone().or_else(|| ouder.agent.clone()),
            doorverbindingen: if ouder.doorverbindingen.len() > nieuwer.doorverbindingen.len() {
                ouder.doorverbindingen.clone()
            } else {
                nieuwer.doorverbindingen.clone()
            },
            linkedid: nieuwer.linkedid.clone().or_else(|| ouder.linkedid.clone()),
            simulator_desk: nieuwer.simulator_desk.or(ouder.simulator_desk),
            in_wacht_sinds: nieuwer.in_wacht_sinds,
            afgebroken_op: nieuwer.afgebroken_op,
            afgebroken_reden: nieuwer.afgebroken_reden.clone(),
        };
        if g.aangenomen_op.is_some() {
            // Answered (by any desk's account): the caller did not hang up waiting.
            g.verlaten_op = None;
        }
        if g.beeindigd_op.is_some() || g.verlaten_op.is_some() {
            g.afgebroken_op = None;
            g.afgebroken_reden = None;
            g.in_wacht_sinds = None;
        }
        g
    }

    pub fn id_voor(extern_id: &str) -> Uuid {
        Uuid::new_v5(&GESPREK_NS, extern_id.as_bytes())
    }

    /// Seconds in the queue before answered or abandoned (None while still waiting).
    pub fn wachttijd(&self) -> Option<i64> {
        self.aangenomen_op
            .or(self.verlaten_op)
            .map(|t| (t - self.binnen_op).num_seconds().max(0))
    }

    pub fn gespreksduur(&self) -> Option<i64> {
        Some(
            (self.beeindigd_op? - self.aangenomen_op?)
                .num_seconds()
                .max(0),
        )
    }
}

/// How a waiting time stands against the norm: ok, amber (over half), red (over the norm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Oordeel {
    Goed,
    Let,
    Te,
}

impl Oordeel {
    pub fn van(seconden: i64, norm: i64) -> Oordeel {
        if seconden > norm {
            Oordeel::Te
        } else if seconden * 2 > norm {
            Oordeel::Let
        } else {
            Oordeel::Goed
        }
    }

    /// A symbol, so the verdict reads without colour.
    pub fn symbool(self) -> &'static str {
        match self {
            Oordeel::Goed => "✓",
            Oordeel::Let => "▲",
            Oordeel::Te => "✖",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_against_the_norm() {
        assert_eq!(Oordeel::van(10, 30), Oordeel::Goed);
        assert_eq!(Oordeel::van(16, 30), Oordeel::Let);
        assert_eq!(Oordeel::van(31, 30), Oordeel::Te);
    }

    #[test]
    fn the_same_call_gets_the_same_record_id_on_every_desk() {
        assert_eq!(
            Gesprek::id_voor("1700000000.42"),
            Gesprek::id_voor("1700000000.42")
        );
        assert_ne!(
            Gesprek::id_voor("1700000000.42"),
            Gesprek::id_voor("1700000000.43")
        );
    }

    fn om(s: i64) -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + chrono::Duration::seconds(s)
    }

    #[test]
    fn two_desks_versions_of_one_call_merge_forward_in_either_order() {
        // Desk A saw the caller join and a colleague answer; desk B (the colleague's) saw it
        // offered, answered by its own medewerker and ended, with a transfer.
        let mut a = Gesprek::uit_tijden(om(0), Some(om(20)), None, None);
        a.extern_id = "1700000000.7".into();
        a.nummer = "0612345678".into();
        a.agent = Some("PJSIP/2002".into());
        a.linkedid = Some("1700000000.6".into());
        let mut b = Gesprek::uit_tijden(om(1), Some(om(21)), Some(om(300)), None);
        b.extern_id = "1700000000.7".into();
        b.aangeboden_op = Some(om(15));
        b.medewerker_id = Some(Uuid::from_u128(9));
        b.doorverbindingen = vec![Doorverbinding {
            naar: "Belastingen".into(),
            gelukt: false,
            seconden: 20,
        }];
        for (oud, nieuw) in [(&a, &b), (&b, &a)] {
            let g = Gesprek::samenvoegen(oud, nieuw);
            assert_eq!(g.binnen_op, om(0));
            assert_eq!(g.aangeboden_op, Some(om(15)));
            assert_eq!(g.aangenomen_op, Some(om(20)), "the earliest account");
            assert_eq!(g.beeindigd_op, Some(om(300)), "an ending is never lost");
            assert_eq!(g.nummer, "0612345678");
            assert_eq!(g.medewerker_id, Some(Uuid::from_u128(9)));
            assert_eq!(g.linkedid.as_deref(), Some("1700000000.6"));
            assert_eq!(g.doorverbindingen.len(), 1);
            assert!(!g.open());
        }
    }

    #[test]
    fn a_restart_closes_a_call_and_a_desk_still_following_it_opens_it_again() {
        let wacht = Gesprek::uit_tijden(om(0), None, None, None);
        assert!(wacht.open());
        let mut dicht = wacht.clone();
        dicht.afgebroken_op = Some(om(60));
        dicht.afgebroken_reden = Some("afgebroken: desk herstart".into());
        let g = Gesprek::samenvoegen(&wacht, &dicht);
        assert!(!g.open());
        assert_eq!(
            g.afgebroken_reden.as_deref(),
            Some("afgebroken: desk herstart")
        );
        // Another desk that still sees the caller in the PBX's queue writes later: open.
        assert!(Gesprek::samenvoegen(&g, &wacht).open());
        // A real ending clears the restart's reason, in either order.
        let mut weg = wacht.clone();
        weg.verlaten_op = Some(om(90));
        for (o, n) in [(&dicht, &weg), (&weg, &dicht)] {
            let g = Gesprek::samenvoegen(o, n);
            assert_eq!((g.verlaten_op, g.afgebroken_op), (Some(om(90)), None));
        }
    }
}
