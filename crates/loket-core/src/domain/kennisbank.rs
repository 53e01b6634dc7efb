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

/// Does `vraag` look like a BSN, a phone number, an e-mail address or a postcode with a
/// huisnummer? Then it must not be kept. No spelling slips through: any Unicode digit counts as
/// a digit (full-width `９`, Arabic-Indic `٩`), and anything but a letter may stand between
/// digits (`9999_01_461`, `9,9,9`, `999:901:461`, `999/901/461`). Any run of 8 or more digits
/// counts (a BSN, a phone number, also with +31), and anything with an @ (also a full-width ＠).
pub fn lijkt_persoonsgegeven(vraag: &str) -> bool {
    if vraag
        .chars()
        .any(|c| matches!(c, '@' | '\u{ff20}' | '\u{fe6b}'))
    {
        return true;
    }
    // Runs of digits and of letters, separators skipped: "1234 AB 12" is [4 digits, 2 letters,
    // 2 digits]. Any Unicode digit is a digit (`is_numeric`); a letter ends a run of digits,
    // nothing else does.
    let mut stukken: Vec<(bool, usize)> = Vec::new();
    for c in vraag.chars() {
        let cijfer = c.is_numeric();
        if !cijfer && !c.is_alphabetic() {
            continue;
        }
        match stukken.last_mut() {
            Some((was_cijfer, n)) if *was_cijfer == cijfer => *n += 1,
            _ => stukken.push((cijfer, 1)),
        }
        if cijfer && stukken.last().is_some_and(|(_, n)| *n >= 8) {
            return true;
        }
    }
    // A postcode with a huisnummer: 4 digits, 2 letters, a number.
    stukken
        .windows(3)
        .any(|w| w[0] == (true, 4) && w[1] == (false, 2) && w[2].0 && w[2].1 <= 5)
}

/// A logged search as JSON (an outbox copy, a synced record): drop its `vraag` when it looks
/// like personal data. Says whether it did.
pub fn schoon_zoekactie(payload: &mut serde_json::Value) -> bool {
    let persoonlijk = payload
        .get("vraag")
        .and_then(serde_json::Value::as_str)
        .is_some_and(lijkt_persoonsgegeven);
    if persoonlijk {
        payload["vraag"] = serde_json::Value::Null;
    }
    persoonlijk
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
        for q in [
            "9999_01_461",
            "999,901,461",
            "999:901:461",
            "999/901/461",
            "\u{ff19}\u{ff19}\u{ff19}\u{ff19}\u{ff10}\u{ff11}\u{ff14}\u{ff16}\u{ff11}",
            "bsn\u{ff1a}999901461",
            "jan\u{ff20}example.nl",
            "1234 AB 12",
            "1234ab 12-3",
            "verhuizing naar 2511 CV 7",
        ] {
            assert!(lijkt_persoonsgegeven(q), "{q}");
        }
        for q in [
            "paspoort",
            "aanslag 2026",
            "artikel 2.3",
            "postcode 1234 AB",
            "wet 2015 artikel 12",
            "",
        ] {
            assert!(!lijkt_persoonsgegeven(q), "{q}");
        }
    }

    proptest::proptest! {
        /// A valid BSN, in any spelling: any digit form (ASCII, full-width, Arabic-Indic,
        /// Devanagari), any separators between its digits, words around it.
        #[test]
        fn a_bsn_in_any_spelling_is_never_kept(
            eerste8 in proptest::collection::vec(0u8..10, 8),
            vormen in proptest::collection::vec(0usize..4, 9),
            scheiders in proptest::collection::vec(0usize..12, 9),
            voor in proptest::sample::select(vec!["", "bsn ", "BSN:", "mijn nummer is ", "nr."]),
            na in proptest::sample::select(vec!["", " graag", " verhuizing", "?"]),
        ) {
            let eerste8: String = eerste8.iter().map(|d| char::from(b'0' + d)).collect();
            let Some(controle) = super::super::bsn::check_digit(&eerste8) else {
                return Ok(());
            };
            let bsn = format!("{eerste8}{controle}");
            proptest::prop_assume!(super::super::bsn::is_valid(&bsn));
            const SCHEIDERS: [&str; 12] =
                ["", " ", "-", ".", "_", ",", ":", "/", "\u{3000}", "\u{b7}", "\u{ff0f}", " - "];
            let mut gespeld = String::from(voor);
            for (i, c) in bsn.chars().enumerate() {
                let d = c.to_digit(10).unwrap_or(0);
                let vorm = match vormen[i] {
                    0 => c,
                    1 => char::from_u32(0xff10 + d).unwrap_or(c),
                    2 => char::from_u32(0x0660 + d).unwrap_or(c),
                    _ => char::from_u32(0x0966 + d).unwrap_or(c),
                };
                gespeld.push(vorm);
                if i < 8 {
                    gespeld.push_str(SCHEIDERS[scheiders[i]]);
                }
            }
            gespeld.push_str(na);
            proptest::prop_assert!(lijkt_persoonsgegeven(&gespeld), "{gespeld}");
            let meta = RecordMeta::new(chrono::Utc::now(), Uuid::nil());
            let log = Zoeklog { vraag: gespeld.clone(), aantal_treffers: 0, artikel: None };
            proptest::prop_assert_eq!(Zoekactie::nieuw(&log, meta, None).vraag, None);
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
