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
        }
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
}
