//! Searching the kennisbank as you type: every word of the question must match the start of a
//! word in the titel, the trefwoorden or the antwoord (case and diacritics ignored); titel and
//! trefwoorden weigh most; a typo still finds an article through a fuzzy match on titel and
//! trefwoorden. Expired actueel messages are left out.

use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{Artikel, Kennisbank};
use crate::domain::zoekvraag::naam_sleutel;

/// At most this many hits.
pub const MAX: usize = 30;

fn woord_score(woord: &str, artikel: &Artikel) -> i64 {
    let titel = naam_sleutel(&artikel.titel);
    let starts = |tekst: &str| tekst.split(' ').any(|w| w.starts_with(woord));
    if starts(&titel) {
        100
    } else if artikel.trefwoorden.iter().any(|t| starts(&naam_sleutel(t))) {
        60
    } else if starts(&artikel.zoektekst) {
        10
    } else {
        0
    }
}

/// The articles for `vraag`, best first (all valid ones, by titel, when `vraag` is empty).
pub fn zoek<'a>(kb: &'a Kennisbank, vraag: &str, dag: NaiveDate) -> Vec<&'a Artikel> {
    let sleutel = naam_sleutel(vraag);
    let geldig = kb.artikelen.iter().filter(|a| a.geldig_op(dag));
    if sleutel.is_empty() {
        return geldig.take(MAX).collect();
    }
    let woorden: Vec<&str> = sleutel.split(' ').collect();
    let matcher = SkimMatcherV2::default();
    let mut scored: Vec<(i64, &Artikel)> = geldig
        .filter_map(|a| {
            let scores: Vec<i64> = woorden.iter().map(|w| woord_score(w, a)).collect();
            if scores.iter().all(|s| *s > 0) {
                return Some((scores.iter().sum::<i64>() * 10, a));
            }
            // A typo: fuzzy on titel and trefwoorden, well below exact hits.
            let doel = naam_sleutel(&format!("{} {}", a.titel, a.trefwoorden.join(" ")));
            matcher
                .fuzzy_match(&doel, &sleutel)
                .filter(|s| *s >= 40 + 8 * sleutel.len() as i64)
                .map(|s| (s.min(90), a))
        })
        .collect();
    scored.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.titel.cmp(&y.1.titel)));
    scored.into_iter().take(MAX).map(|(_, a)| a).collect()
}
