//! Usage errors in Dutch. clap knows what went wrong with a command line (which argument,
//! which value, what it suggests) but says it in English; the user of a Dutch desk reads
//! Dutch. This turns clap's error into our sentence, keeping clap's facts, and checks the
//! numbers on the command line with Dutch messages of our own ([`tussen`]).

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// A value on the command line we refuse, with the reason in Dutch (our value parsers' error).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Waardefout(pub String);

/// A whole number from `MIN` to `MAX` (both included).
pub fn tussen<const MIN: u64, const MAX: u64>(s: &str) -> Result<u32, Waardefout> {
    let fout = || Waardefout(format!("geef een geheel getal van {MIN} tot en met {MAX}"));
    let n: u64 = s.trim().parse().map_err(|_| fout())?;
    if !(MIN..=MAX).contains(&n) {
        return Err(fout());
    }
    u32::try_from(n).map_err(|_| fout())
}

fn tekst(e: &clap::Error, k: ContextKind) -> Option<String> {
    match e.get(k)? {
        ContextValue::None => None,
        v => Some(v.to_string()),
    }
}

fn lijst(e: &clap::Error, k: ContextKind) -> Vec<String> {
    match e.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        _ => Vec::new(),
    }
}

/// Why a value is wrong, in Dutch, from the parser's error (never its English text).
fn reden(e: &clap::Error) -> Option<String> {
    let bron = std::error::Error::source(e)?;
    if let Some(w) = bron.downcast_ref::<Waardefout>() {
        return Some(w.0.clone());
    }
    if bron.downcast_ref::<chrono::ParseError>().is_some() {
        return Some("geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-12-04".into());
    }
    if bron.downcast_ref::<std::num::ParseIntError>().is_some() {
        return Some("geen geheel getal (of te groot)".into());
    }
    if bron.downcast_ref::<uuid::Error>().is_some() {
        return Some("geen geldige id (een UUID zoals 0b6f…-…)".into());
    }
    None
}

/// The Dutch message for a usage error (without the usage line).
pub fn melding(e: &clap::Error) -> String {
    let arg = tekst(e, ContextKind::InvalidArg).unwrap_or_default();
    let waarde = tekst(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut m = match e.kind() {
        ErrorKind::UnknownArgument => format!("onbekende optie '{arg}'"),
        ErrorKind::InvalidSubcommand => format!(
            "onbekende opdracht '{}'",
            tekst(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut m = if waarde.is_empty() {
                format!("{arg} heeft een waarde nodig")
            } else {
                format!("ongeldige waarde '{waarde}' voor {arg}")
            };
            if let Some(r) = reden(e) {
                m.push_str(&format!(": {r}"));
            }
            let geldig = lijst(e, ContextKind::ValidValue);
            if !geldig.is_empty() {
                m.push_str(&format!(" (mogelijk: {})", geldig.join(", ")));
            }
            m
        }
        ErrorKind::MissingRequiredArgument => {
            format!(
                "dit ontbreekt nog: {}",
                lijst(e, ContextKind::InvalidArg).join(", ")
            )
        }
        ErrorKind::ArgumentConflict => {
            let met = lijst(e, ContextKind::PriorArg);
            if met.is_empty() {
                format!("{arg} gaat niet samen met een andere optie")
            } else {
                format!("{arg} gaat niet samen met {}", met.join(", "))
            }
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("te veel of te weinig waarden voor {arg}")
        }
        ErrorKind::NoEquals => format!("{arg} wil zijn waarde na een '='"),
        ErrorKind::InvalidUtf8 => "de opdrachtregel bevat tekens die geen UTF-8 zijn".into(),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "er ontbreekt een opdracht".into()
        }
        _ => "de opdrachtregel klopt niet".into(),
    };
    let voorstel: Vec<String> = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(|k| lijst(e, k))
    .collect();
    if !voorstel.is_empty() {
        m.push_str(&format!("; bedoelt u '{}'?", voorstel.join("' of '")));
    }
    m
}

/// The (sub)command `args` name: its full name, its usage line and its subcommands.
fn opdracht(args: &[String]) -> (String, String, Vec<String>) {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    // Building gives every subcommand its full name ("loket demo").
    cmd.build();
    for a in args.iter().skip(1) {
        if a.starts_with('-') {
            continue;
        }
        match cmd.find_subcommand(a) {
            Some(sub) => cmd = sub.clone(),
            None => break,
        }
    }
    let naam = cmd.get_bin_name().unwrap_or(cmd.get_name()).to_string();
    let subs = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .collect();
    (naam, cmd.render_usage().to_string(), subs)
}

/// The full text for the terminal: the message, the usage line, where to read more. `args`
/// is the command line (for the usage line when clap gives none).
pub fn uitleg(e: &clap::Error, args: &[String]) -> String {
    let (naam, gebruik, subs) = opdracht(args);
    let mut s = format!("loket: {}\n", melding(e));
    if matches!(
        e.kind(),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) && !subs.is_empty()
    {
        s.push_str(&format!("Opdrachten: {}\n", subs.join(", ")));
    }
    let gebruik = tekst(e, ContextKind::Usage).unwrap_or(gebruik);
    let gebruik = gebruik.trim();
    let gebruik = gebruik.strip_prefix("Usage:").unwrap_or(gebruik).trim();
    s.push_str(&format!("\nGebruik: {gebruik}\n"));
    s.push_str(&format!("\nMeer uitleg: {naam} --help\n"));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn fout(args: &[&str]) -> String {
        let mut v = vec!["loket"];
        v.extend_from_slice(args);
        let argv: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        match crate::cli::Cli::try_parse_from(v) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(e) => uitleg(&e, &argv),
        }
    }

    /// Words of clap's English messages that must not reach a Dutch user.
    const ENGELS: [&str; 8] = [
        "error:",
        "invalid",
        "unexpected",
        "found",
        "required",
        "Usage:",
        "try",
        "digit",
    ];

    #[test]
    fn usage_errors_are_dutch_and_keep_the_facts() {
        let gevallen: [(&[&str], &str); 8] = [
            (&["--foo"], "onbekende optie '--foo'"),
            (&["zoek"], "onbekende opdracht 'zoek'"),
            (
                &["demo", "--db", "x", "--personen", "x"],
                "ongeldige waarde 'x' voor --personen",
            ),
            (
                &["demo", "--db", "x", "--personen", "10"],
                "van 50 tot en met 200000",
            ),
            (
                &["rapport", "--van", "2026-13-01", "--tot", "2026-12-31"],
                "geen geldige datum",
            ),
            (&["audit"], "dit ontbreekt nog: --klant"),
            (&["audit", "--klant", "nee"], "geen geldige id"),
            (&["training", "--snelheid", "99"], "van 1 tot en met 20"),
        ];
        for (args, verwacht) in gevallen {
            let t = fout(args);
            assert!(t.contains(verwacht), "{args:?}: {t}");
            assert!(t.contains("Gebruik: loket"), "{args:?}: {t}");
            for woord in ENGELS {
                assert!(!t.contains(woord), "{args:?} says {woord:?}: {t}");
            }
        }
    }

    #[test]
    fn a_missing_subcommand_lists_them_and_points_to_its_own_help() {
        let t = fout(&["kennisbank"]);
        assert!(t.contains("Opdrachten: check, zoek"), "{t}");
        assert!(t.contains("Meer uitleg: loket kennisbank --help"), "{t}");
    }

    #[test]
    fn a_near_miss_gets_a_suggestion() {
        assert!(
            fout(&["--dmeo"]).contains("bedoelt u '--demo'?"),
            "{}",
            fout(&["--dmeo"])
        );
    }

    #[test]
    fn numbers_are_checked_by_range() {
        assert_eq!(tussen::<1, 20>("20").unwrap(), 20);
        assert!(tussen::<1, 20>("0").is_err());
        assert!(tussen::<1, 20>("-1").is_err());
        assert!(tussen::<1, 20>("99999999999999999999999").is_err());
        assert!(tussen::<1, 20>("NaN").is_err());
    }
}
