//! What agents do with the kennisbank, as records: every search (the content signal the seeds
//! ask for: what could agents not find?) and every flag on an article. No personal data: a
//! search that looks like a BSN, phone number or e-mail address is kept without its words.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::RecordMeta;
use super::zoekvraag::naam_sleutel;

/// One search in the Kennisbank pane: what was asked, how many articles it found, and which
/// one the agent opened (None: gave up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zoekactie {
    pub meta: RecordMeta,
    /// The question, folded (lowercase, no diacritics); None when it looked like personal data.
    pub vraag: Option<String>,
    pub aantal_treffers: i64,
    pub artikel: Option<String>,
    pub medewerker_id: Option<Uuid>,
}

/// A search as the pane reports it, before it becomes a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zoeklog {
    pub vraag: String,
    pub aantal_treffers: usize,
    pub artikel: Option<String>,
}

impl Zoekactie {
    pub fn nieuw(log: &Zoeklog, meta: RecordMeta, medewerker_id: Option<Uuid>) -> Zoekactie {
        let vraag = naam_sleutel(&log.vraag);
        Zoekactie {
            meta,
            vraag: (!vraag.is_empty() && !lijkt_persoonsgegeven(&log.vraag)).then_some(vraag),
            aantal_treffers: log.aantal_treffers as i64,
            artikel: log.artikel.clone(),
            medewerker_id,
        }
    }
}

/// Does `vraag` look like a BSN, a phone number or an e-mail address? Then it must not be kept.
/// Any run of 8 or more digits (spaces, dashes, dots and a leading + between them ignored)
/// counts, and anything with an @.
pub fn lijkt_persoonsgegeven(vraag: &str) -> bool {
    if vraag.contains('@') {
        return true;
    }
    let mut cijfers = 0;
    for c in vraag.chars() {
        if c.is_ascii_digit() {
            cijfers += 1;
            if cijfers >= 8 {
                return true;
            }
        } else if !matches!(c, ' ' | '-' | '.' | '+' | '(' | ')') {
            cijfers = 0;
        }
    }
    false
}

/// Why an article is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeldingSoort {
    KlopNiet,
    Onvolledig,
    Verouderd,
}

impl MeldingSoort {
    pub const ALL: [MeldingSoort; 3] = [
        MeldingSoort::KlopNiet,
        MeldingSoort::Onvolledig,
        MeldingSoort::Verouderd,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MeldingSoort::KlopNiet => "klopt niet",
            MeldingSoort::Onvolledig => "onvolledig",
            MeldingSoort::Verouderd => "verouderd",
        }
    }

    pub fn from_label(s: &str) -> Option<MeldingSoort> {
        MeldingSoort::ALL.into_iter().find(|m| m.label() == s)
    }
}

/// An agent's flag on an article, for the editors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArtikelMelding {
    pub meta: RecordMeta,
    pub artikel: String,
    pub soort: MeldingSoort,
    pub toelichting: String,
    /// The medewerker's name, as editors want to ask them.
    pub medewerker: String,
    /// "open" until an editor handles it.
    pub status: String,
}

/// An open flag, as editors list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeldingRegel {
    pub op: chrono::DateTime<chrono::Utc>,
    pub artikel: String,
    pub soort: MeldingSoort,
    pub toelichting: String,
    pub medewerker: String,
}

/// What agents searched and opened over a period, and the open flags.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KbStatistiek {
    pub zoekacties: u32,
    pub zonder_treffers: u32,
    /// (folded question, times) with no result, most first.
    pub zonder_resultaat: Vec<(String, u32)>,
    pub meest_gezocht: Vec<(String, u32)>,
    /// (article id, times opened), most first.
    pub meest_geopend: Vec<(String, u32)>,
    /// Every article opened in the period (for "never opened").
    pub geopende_artikelen: Vec<String>,
    pub meldingen: Vec<MeldingRegel>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_phone_and_email_are_personal_data() {
        for q in [
            "999901461",
            "bsn 9999 01 461",
            "0612345678",
            "06-12345678",
            "+31 6 1234 5678",
            "020 123 45 67",
            "jan@example.nl",
        ] {
            assert!(lijkt_persoonsgegeven(q), "{q}");
        }
        for q in ["paspoort", "1234 AB 12", "aanslag 2026", "artikel 2.3"] {
            assert!(!lijkt_persoonsgegeven(q), "{q}");
        }
    }

    #[test]
    fn a_personal_question_is_kept_without_its_words() {
        let meta = RecordMeta::new(chrono::Utc::now(), Uuid::nil());
        let log = |q: &str| Zoeklog {
            vraag: q.into(),
            aantal_treffers: 0,
            artikel: None,
        };
        assert_eq!(
            Zoekactie::nieuw(&log("06 1234 5678"), meta.clone(), None).vraag,
            None
        );
        assert_eq!(
            Zoekactie::nieuw(&log("Paspoort Verlópen"), meta, None)
                .vraag
                .as_deref(),
            Some("paspoort verlopen")
        );
    }
}
