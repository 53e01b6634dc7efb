//! The contact in hand (Klantinteracties' *klantcontact*): the one conversation the agent is
//! handling now, and what its registration will be saved on.
//!
//! A contact starts when a call is answered, a visitor is called at the balie, or the agent starts
//! one (F5 with nothing in hand). It holds the klant **only when linked**: by an unambiguous
//! screen pop, by the visitor's own ticket or afspraak, or by the agent with one key in the
//! klantbeeld or zaak ("koppel aan dit contact"). Looking at another klant never links them.
//! Plain data: the update function changes it, the status line and the wrap-up show it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::registratie::Betrokkene;
use crate::domain::Kanaal;

/// What started the contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Aanleiding {
    /// A call answered: the caller's number (empty when withheld).
    Gesprek { nummer: String },
    /// A visitor called at the balie: their ticket.
    Bezoek { nummer: String, bezoek_id: Uuid },
    /// Started by the agent (F5 with nothing in hand, or linking a klant).
    Handmatig,
}

/// How the klant came to be linked to the contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Via {
    /// The caller's number belongs to exactly one klant.
    ScreenPop,
    /// The visitor's ticket was checked in for this klant.
    Ticket,
    /// The visitor came for their own afspraak.
    Afspraak,
    /// The agent linked them ("koppel aan dit contact").
    DoorU,
}

impl Via {
    pub fn label(self) -> &'static str {
        match self {
            Via::ScreenPop => "via screen pop",
            Via::Ticket => "via het ticket",
            Via::Afspraak => "via de afspraak",
            Via::DoorU => "door u gekoppeld",
        }
    }
}

/// A klant linked to the contact, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Koppeling {
    pub klant: Betrokkene,
    pub via: Via,
}

/// Kept in the desk's database as it changes (a desk killed mid-contact has it back, with what
/// the agent linked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Klantcontact {
    pub aanleiding: Aanleiding,
    pub klant: Option<Koppeling>,
    pub zaak: Option<(Uuid, String)>,
    /// Kennisbank articles consulted (ids), in the order opened.
    pub bronnen: Vec<String>,
    pub begonnen_op: DateTime<Utc>,
}

impl Klantcontact {
    pub fn new(aanleiding: Aanleiding, begonnen_op: DateTime<Utc>) -> Klantcontact {
        Klantcontact {
            aanleiding,
            klant: None,
            zaak: None,
            bronnen: Vec::new(),
            begonnen_op,
        }
    }

    /// The kanaal its registration starts with.
    pub fn kanaal(&self) -> Kanaal {
        match self.aanleiding {
            Aanleiding::Bezoek { .. } => Kanaal::Balie,
            Aanleiding::Gesprek { .. } | Aanleiding::Handmatig => Kanaal::Telefoon,
        }
    }

    /// Link `klant` (replacing another one linked before); returns the name it replaced.
    pub fn koppel(&mut self, klant: Betrokkene, via: Via) -> Option<String> {
        let vorige = self
            .klant
            .take()
            .filter(|k| k.klant.id != klant.id)
            .map(|k| k.klant.naam);
        self.klant = Some(Koppeling { klant, via });
        vorige
    }

    /// Fill in what a klantbeeld loaded later knows (name, phone, e-mail) of the linked klant.
    pub fn verrijk(&mut self, klant: &Betrokkene) {
        if let Some(k) = self.klant.as_mut().filter(|k| k.klant.id == klant.id) {
            k.klant = klant.clone();
        }
    }

    pub fn bron(&mut self, id: String) {
        if !self.bronnen.contains(&id) {
            self.bronnen.push(id);
        }
    }

    /// The status line for `breedte` columns: in full when it fits, else without how the klant
    /// was linked, else cut with an ellipsis (the zaak last, so the klant stays readable).
    pub fn regel_past(&self, breedte: usize) -> String {
        let vol = self.regel();
        if vol.chars().count() <= breedte {
            return vol;
        }
        let kort = self.regel_met(false);
        if kort.chars().count() <= breedte {
            return kort;
        }
        let mut t: String = kort.chars().take(breedte.saturating_sub(1)).collect();
        t.push('…');
        t
    }

    /// The status line: "Contact: beller 0616169760 · klant: — · zaak: —".
    pub fn regel(&self) -> String {
        self.regel_met(true)
    }

    fn regel_met(&self, hoe: bool) -> String {
        let wie = match &self.aanleiding {
            Aanleiding::Gesprek { nummer } if nummer.is_empty() => {
                "beller (nummer onbekend)".into()
            }
            Aanleiding::Gesprek { nummer } => format!("beller {nummer}"),
            Aanleiding::Bezoek { nummer, .. } => format!("bezoeker {nummer}"),
            Aanleiding::Handmatig => "zelf begonnen".into(),
        };
        let klant = match &self.klant {
            Some(k) if hoe => format!("{} ({})", k.klant.naam, k.via.label()),
            Some(k) => k.klant.naam.clone(),
            None => "—".into(),
        };
        let zaak = self.zaak.as_ref().map_or("—", |z| z.1.as_str());
        format!("Contact: {wie} · klant: {klant} · zaak: {zaak}")
    }
}

/// What the agent did before any contact was in hand (a search, an article read): a contact the
/// agent then starts with F5 begins then and has those articles as its bronnen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Voorwerk {
    pub begin: Option<DateTime<Utc>>,
    pub bronnen: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jan() -> Betrokkene {
        Betrokkene {
            id: Uuid::from_u128(1),
            naam: "Jan de Vries".into(),
            telefoon: Some("0612345678".into()),
            email: None,
        }
    }

    #[test]
    fn the_status_line_says_who_is_in_hand_and_what_is_linked() {
        let t = DateTime::<Utc>::MIN_UTC;
        let mut c = Klantcontact::new(
            Aanleiding::Gesprek {
                nummer: "0616169760".into(),
            },
            t,
        );
        assert_eq!(c.regel(), "Contact: beller 0616169760 · klant: — · zaak: —");
        assert_eq!(c.koppel(jan(), Via::DoorU), None);
        c.zaak = Some((Uuid::from_u128(2), "ZAAK-2026-0000001".into()));
        assert_eq!(
            c.regel(),
            "Contact: beller 0616169760 · klant: Jan de Vries (door u gekoppeld) · zaak: ZAAK-2026-0000001"
        );
        let eva = Betrokkene {
            id: Uuid::from_u128(3),
            naam: "Eva Bakker".into(),
            telefoon: None,
            email: None,
        };
        assert_eq!(c.koppel(eva, Via::DoorU), Some("Jan de Vries".into()));
        // At 80 columns: without how, then cut, never wider than the screen.
        c.koppel(jan(), Via::DoorU);
        let smal = c.regel_past(80);
        assert_eq!(
            smal,
            "Contact: beller 0616169760 · klant: Jan de Vries · zaak: ZAAK-2026-0000001"
        );
        assert!(c.regel_past(40).chars().count() == 40 && c.regel_past(40).ends_with('…'));
        assert_eq!(c.regel_past(200), c.regel());
    }

    #[test]
    fn enriching_touches_only_the_linked_klant() {
        let mut c = Klantcontact::new(Aanleiding::Handmatig, DateTime::<Utc>::MIN_UTC);
        let mut kaal = jan();
        kaal.telefoon = None;
        c.koppel(kaal, Via::ScreenPop);
        let ander = Betrokkene {
            id: Uuid::from_u128(9),
            naam: "Iemand anders".into(),
            telefoon: None,
            email: None,
        };
        c.verrijk(&ander);
        assert_eq!(c.klant.as_ref().unwrap().klant.naam, "Jan de Vries");
        c.verrijk(&jan());
        assert_eq!(
            c.klant.as_ref().unwrap().klant.telefoon.as_deref(),
            Some("0612345678")
        );
    }
}
