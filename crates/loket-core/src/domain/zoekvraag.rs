//! What the agent typed in the one search field, recognised: BSN, KvK-nummer, vestigingsnummer,
//! postcode + huisnummer, telephone number, e-mail address, zaaknummer, or a name.

use super::bsn;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zoekvraag {
    /// Nothing (or only spaces) typed.
    Leeg,
    /// Nine digits that pass the elfproef.
    Bsn(String),
    /// Nine digits that fail the elfproef: say so instead of searching.
    OngeldigBsn(String),
    /// Eight digits.
    KvkNummer(String),
    /// Twelve digits.
    Vestigingsnummer(String),
    /// `1234 AB 12`, `1234AB 12a`, `1234 ab 12-bis`: postcode normalised to `1234 AB`;
    /// huisnummer 0 when only the postcode was typed.
    Postcode {
        postcode: String,
        huisnummer: u32,
        toevoeging: Option<String>,
    },
    /// Digits of a Dutch phone number, normalised to its national form (`0612345678`).
    Telefoon(String),
    /// An e-mail address, lowercased.
    Email(String),
    /// `ZAAK-2026-0001234`, or its last digits after a `#` or `zaak` (`#1234`, `zaak 1234`).
    Zaaknummer(String),
    /// Anything else: a name, lowercased without diacritics, voorvoegsel kept.
    Naam(String),
}

/// The longest search recognised; anything beyond is not a name, number or address anyone types.
pub const MAX_ZOEK: usize = 200;

/// Recognise what `input` is (its first [`MAX_ZOEK`] characters).
pub fn herken(input: &str) -> Zoekvraag {
    let t = match input.char_indices().nth(MAX_ZOEK) {
        Some((i, _)) => &input[..i],
        None => input,
    };
    let t = t.trim();
    if t.is_empty() {
        return Zoekvraag::Leeg;
    }
    if let Some(z) = zaaknummer(t) {
        return Zoekvraag::Zaaknummer(z);
    }
    if t.contains('@') && !t.contains(' ') {
        return Zoekvraag::Email(t.to_lowercase());
    }
    if let Some(p) = postcode(t) {
        return p;
    }
    let compact: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        return match compact.len() {
            9 if !compact.starts_with('0') => {
                if bsn::is_valid(&compact) {
                    Zoekvraag::Bsn(compact)
                } else {
                    Zoekvraag::OngeldigBsn(compact)
                }
            }
            8 => Zoekvraag::KvkNummer(compact),
            12 => Zoekvraag::Vestigingsnummer(compact),
            10 if compact.starts_with('0') => Zoekvraag::Telefoon(compact),
            13 if compact.starts_with("0031") => Zoekvraag::Telefoon(format!("0{}", &compact[4..])),
            _ if compact.len() >= 6 => Zoekvraag::Telefoon(compact),
            _ => Zoekvraag::Naam(compact),
        };
    }
    if let Some(tel) = internationaal_telefoon(&compact) {
        return Zoekvraag::Telefoon(tel);
    }
    Zoekvraag::Naam(naam_sleutel(t))
}

/// `+31 6 1234 5678` / `0031612345678` -> `0612345678`.
fn internationaal_telefoon(compact: &str) -> Option<String> {
    let rest = compact
        .strip_prefix("+31")
        .or_else(|| compact.strip_prefix("0031"))?;
    let rest = rest.strip_prefix("(0)").unwrap_or(rest);
    (rest.len() == 9 && rest.chars().all(|c| c.is_ascii_digit())).then(|| format!("0{rest}"))
}

/// The search key of a name: lowercase, no diacritics, single spaces.
pub fn naam_sleutel(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn zaaknummer(t: &str) -> Option<String> {
    let upper = t.to_uppercase();
    if let Some(rest) = upper.strip_prefix("ZAAK-") {
        let ok = rest.chars().all(|c| c.is_ascii_digit() || c == '-') && !rest.is_empty();
        return ok.then(|| upper.clone());
    }
    let digits = upper
        .strip_prefix('#')
        .or_else(|| upper.strip_prefix("ZAAK "))
        .or_else(|| upper.strip_prefix("ZAAK"))?
        .trim();
    (!digits.is_empty() && digits.len() <= 7 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.to_string())
}

fn postcode(t: &str) -> Option<Zoekvraag> {
    let s: Vec<char> = t.chars().collect();
    // Four digits, the first not 0.
    if s.len() < 6 || !s[..4].iter().all(char::is_ascii_digit) || s[0] == '0' {
        return None;
    }
    let mut i = 4;
    while i < s.len() && s[i] == ' ' {
        i += 1;
    }
    if i + 2 > s.len() || !s[i].is_ascii_alphabetic() || !s[i + 1].is_ascii_alphabetic() {
        return None;
    }
    let letters: String = s[i..i + 2].iter().collect::<String>().to_uppercase();
    i += 2;
    let rest: String = s[i..].iter().collect();
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(Zoekvraag::Postcode {
            postcode: format!("{} {letters}", s[..4].iter().collect::<String>()),
            huisnummer: 0,
            toevoeging: None,
        });
    }
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let huisnummer: u32 = digits.parse().ok().filter(|n| *n > 0)?;
    let toevoeging = rest[digits.len()..]
        .trim_start_matches([' ', '-'])
        .trim()
        .to_lowercase();
    Some(Zoekvraag::Postcode {
        postcode: format!("{} {letters}", s[..4].iter().collect::<String>()),
        huisnummer,
        toevoeging: (!toevoeging.is_empty()).then_some(toevoeging),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// Fuzz: whatever is typed or pasted, recognising it never panics and what comes out
        /// is bounded by what went in.
        #[test]
        fn recognising_anything_never_panics_and_stays_bounded(
            tekst in "\\PC{0,300}|[0-9 .+()#@a-zA-Z-]{0,40}|[0-9]{0,400}",
        ) {
            let uit = format!("{:?}", herken(&tekst));
            prop_assert!(uit.chars().count() <= 4 * MAX_ZOEK + 64, "{}", uit);
        }
    }

    #[test]
    fn digits_by_length() {
        assert_eq!(herken("123456782"), Zoekvraag::Bsn("123456782".into()));
        assert_eq!(herken("1234 56 782"), Zoekvraag::Bsn("123456782".into()));
        assert_eq!(
            herken("123456789"),
            Zoekvraag::OngeldigBsn("123456789".into())
        );
        assert_eq!(herken("68750110"), Zoekvraag::KvkNummer("68750110".into()));
        assert_eq!(
            herken("000012345678"),
            Zoekvraag::Vestigingsnummer("000012345678".into())
        );
        assert_eq!(
            herken("06-12345678"),
            Zoekvraag::Telefoon("0612345678".into())
        );
        assert_eq!(
            herken("0583 20 10 00"),
            Zoekvraag::Telefoon("0583201000".into())
        );
        assert_eq!(
            herken("+31 6 1234 5678"),
            Zoekvraag::Telefoon("0612345678".into())
        );
    }

    #[test]
    fn postcodes_with_and_without_space_and_toevoeging() {
        let p = |pc: &str, n, t: Option<&str>| Zoekvraag::Postcode {
            postcode: pc.into(),
            huisnummer: n,
            toevoeging: t.map(String::from),
        };
        assert_eq!(herken("1234 AB 12"), p("1234 AB", 12, None));
        assert_eq!(herken("1234ab 12a"), p("1234 AB", 12, Some("a")));
        assert_eq!(herken("5834JM168"), p("5834 JM", 168, None));
        assert_eq!(herken("1234 AB 12-bis"), p("1234 AB", 12, Some("bis")));
        assert!(
            matches!(herken("0123 AB 1"), Zoekvraag::Naam(_)),
            "no postcode starts with 0"
        );
        assert_eq!(
            herken("1234 ab"),
            p("1234 AB", 0, None),
            "a postcode alone lists the whole section"
        );
        assert!(matches!(herken("1234 ABC"), Zoekvraag::Naam(_)));
        assert_eq!(
            herken("0031612345678"),
            Zoekvraag::Telefoon("0612345678".into())
        );
    }

    #[test]
    fn email_zaak_and_names() {
        assert_eq!(
            herken(" Eva.Bakker@Voorbeeld.nl "),
            Zoekvraag::Email("eva.bakker@voorbeeld.nl".into())
        );
        assert_eq!(
            herken("zaak-2026-0001234"),
            Zoekvraag::Zaaknummer("ZAAK-2026-0001234".into())
        );
        assert_eq!(herken("#1234"), Zoekvraag::Zaaknummer("1234".into()));
        assert_eq!(herken("zaak 1234"), Zoekvraag::Zaaknummer("1234".into()));
        assert_eq!(herken("De  Vries"), Zoekvraag::Naam("de vries".into()));
        assert_eq!(herken("Müller"), Zoekvraag::Naam("muller".into()));
        assert_eq!(herken("'t Hart"), Zoekvraag::Naam("t hart".into()));
        assert_eq!(herken("   "), Zoekvraag::Leeg);
    }
}
