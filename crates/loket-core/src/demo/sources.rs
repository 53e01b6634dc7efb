//! The source lists of the demo dataset, read from `assets/demo/bronnen.toml` (embedded in the binary).

use serde::Deserialize;

const BRONNEN: &str = include_str!("../../../../assets/demo/bronnen.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Sources {
    pub gemeente: String,
    pub woonplaats: String,
    pub postcode_van: u32,
    pub postcode_tot: u32,
    pub persona: Vec<(String, String, String)>,
    pub voornamen: Vec<String>,
    pub achternamen: Vec<String>,
    pub straten: Vec<String>,
    pub bedrijf_soort: Vec<String>,
    pub bedrijf_vorm: Vec<String>,
    pub afdelingen: Vec<(String, String)>,
    pub medewerkers: Vec<(String, String, u32)>,
    pub groepen: Vec<(String, String)>,
    #[allow(clippy::type_complexity)]
    pub zaaktypen: Vec<(String, String, String, String, u32, String, u32, String)>,
    pub onderwerpen: Vec<(String, String, u32, String)>,
    pub afhandelingen: Vec<(String, u32)>,
    pub kanalen: Vec<(String, u32)>,
    pub afspraak_locaties: Vec<(String, String, u32)>,
    /// Diensten: naam, vorm (afspraak/inloop), minutes, ticket prefix, kennisbank article.
    pub diensten: Vec<(String, String, u32, String, String)>,
}

impl Sources {
    pub fn load() -> Sources {
        toml::from_str(BRONNEN).expect("assets/demo/bronnen.toml is valid (checked by a test)")
    }
}

/// Split "van der Meer" into ("van der", "Meer"): the voorvoegsel is the leading lowercase words.
pub fn split_achternaam(full: &str) -> (String, String) {
    let words: Vec<&str> = full.split(' ').collect();
    let n = words
        .iter()
        .take_while(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c == '\'')
        })
        .count()
        .min(words.len() - 1);
    (words[..n].join(" "), words[n..].join(" "))
}

/// The search key of a name: lowercase, without diacritics, voorvoegsel or punctuation
/// ("Müller" -> "muller", "'t Hart" -> "hart" when given only the achternaam).
pub fn zoeknaam(achternaam: &str) -> String {
    deunicode::deunicode(achternaam)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bronnen_toml_parses_and_is_consistent() {
        let s = Sources::load();
        assert_eq!(s.persona.len(), 8);
        let total: u32 = s.medewerkers.iter().map(|m| m.2).sum();
        assert_eq!(total, 40, "the issue asks for 40 medewerkers");
        for (afdeling, _, _) in &s.medewerkers {
            assert!(s.afdelingen.iter().any(|a| &a.0 == afdeling), "{afdeling}");
        }
        for zt in &s.zaaktypen {
            assert!(s.afdelingen.iter().any(|a| a.0 == zt.2), "{}", zt.2);
        }
        for (_, afdeling) in &s.groepen {
            assert!(s.afdelingen.iter().any(|a| &a.0 == afdeling), "{afdeling}");
        }
        for ow in &s.onderwerpen {
            assert!(s.afdelingen.iter().any(|a| a.0 == ow.1), "{}", ow.1);
        }
    }

    #[test]
    fn voorvoegsel_is_split_off() {
        assert_eq!(
            split_achternaam("van der Meer"),
            ("van der".into(), "Meer".into())
        );
        assert_eq!(split_achternaam("'t Hart"), ("'t".into(), "Hart".into()));
        assert_eq!(split_achternaam("Jansen"), ("".into(), "Jansen".into()));
        assert_eq!(
            split_achternaam("El Amrani"),
            ("".into(), "El Amrani".into())
        );
    }

    #[test]
    fn zoeknaam_folds_case_and_diacritics() {
        assert_eq!(zoeknaam("Müller"), "muller");
        assert_eq!(zoeknaam("Öztürk"), "ozturk");
        assert_eq!(zoeknaam("Çelik"), "celik");
        assert_eq!(zoeknaam("Vries"), "vries");
    }
}
