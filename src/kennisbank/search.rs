//! Searching the kennisbank as you type: every word of the question must match the start of a
//! word in the titel, the trefwoorden or the antwoord (case and diacritics ignored); titel and
//! trefwoorden weigh most; a typo still finds an article through a fuzzy match on titel and
//! trefwoorden. Expired actueel messages are left out.

use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{Artikel, Kennisbank};
use crate::domain::zoekvraag::naam_sleutel;

/// Words a spoken-style question carries that say nothing about the subject.
const STOPWOORDEN: &[&str] = &[
    "ik", "mijn", "me", "mij", "wij", "we", "ons", "onze", "u", "uw", "je", "jij", "hij", "zij",
    "het", "de", "een", "is", "ben", "zijn", "was", "wil", "wilde", "graag", "kan", "kun", "moet",
    "hoe", "wat", "waar", "wanneer", "welke", "waarom", "voor", "van", "met", "op", "in", "aan",
    "om", "te", "bij", "naar", "er", "dat", "die", "dit", "deze", "nog", "al", "ook", "maar", "en",
    "of", "niet", "geen", "heb", "hebben", "heeft", "doen", "zou", "mag", "krijg", "krijgen",
];

/// At most this many hits.
pub const MAX: usize = 30;

fn woord_score(woord: &str, artikel: &Artikel) -> i64 {
    let starts = |woorden: &[String]| woorden.iter().any(|w| w.starts_with(woord));
    if starts(&artikel.titel_woorden) {
        100
    } else if starts(&artikel.trefwoord_woorden) {
        60
    } else if artikel.zoektekst.split(' ').any(|w| w.starts_with(woord)) {
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
        // Without a question: today's Actueel messages first, then the rest by titel.
        let (mut actueel, rest): (Vec<&Artikel>, Vec<&Artikel>) =
            geldig.partition(|a| a.soort == "actueel");
        actueel.extend(rest);
        actueel.truncate(MAX);
        return actueel;
    }
    // Spoken-style questions ("mijn paspoort is verlopen"): leave out the little words, unless
    // that leaves nothing.
    let alle: Vec<&str> = sleutel.split(' ').collect();
    let inhoud: Vec<&str> = alle
        .iter()
        .copied()
        .filter(|w| !STOPWOORDEN.contains(w))
        .collect();
    let woorden = if inhoud.is_empty() { alle } else { inhoud };
    let matcher = SkimMatcherV2::default();
    let geldig: Vec<&Artikel> = geldig.collect();
    let mut scored: Vec<(i64, &Artikel)> = geldig
        .iter()
        .copied()
        .filter_map(|a| {
            let scores: Vec<i64> = woorden.iter().map(|w| woord_score(w, a)).collect();
            if scores.iter().all(|s| *s > 0) {
                return Some((scores.iter().sum::<i64>() * 10, a));
            }
            // A typo: every word of the question is close to some word of the titel (worth a
            // little more) or the trefwoorden: at most one edit for short words, two for longer
            // ones (Damerau-Levenshtein, against the whole word or its start), or its letters
            // appear in order (fuzzy). Ranked well below exact hits.
            let mut totaal = 0;
            for w in &woorden {
                let best = a
                    .titel_woorden
                    .iter()
                    .map(|k| (k, 15))
                    .chain(a.trefwoord_woorden.iter().map(|k| (k, 0)))
                    .filter(|(k, _)| k.len() >= 3)
                    .filter_map(|(k, bonus)| typo_score(w, k, &matcher).map(|s| s + bonus))
                    .max()?;
                totaal += best;
            }
            Some((totaal / woorden.len() as i64, a))
        })
        .collect();
    if scored.is_empty() && woorden.len() > 1 {
        // Nothing has every word: rank what has the most of them ("paspoort verlopen").
        scored = geldig
            .iter()
            .copied()
            .filter_map(|a| {
                let scores: Vec<i64> = woorden.iter().map(|w| woord_score(w, a)).collect();
                let raak = scores.iter().filter(|s| **s > 0).count() as i64;
                (raak > 0).then(|| (raak * 1000 + scores.iter().sum::<i64>(), a))
            })
            .collect();
    }
    scored.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.titel.cmp(&y.1.titel)));
    scored.into_iter().take(MAX).map(|(_, a)| a).collect()
}

/// How well query word `w` matches article word `k` despite a typo; None when too far apart.
fn typo_score(w: &str, k: &str, matcher: &SkimMatcherV2) -> Option<i64> {
    let toegestaan = if w.chars().count() <= 5 { 1 } else { 2 };
    let prefix: String = k.chars().take(w.chars().count()).collect();
    let afstand = strsim::damerau_levenshtein(w, k).min(strsim::damerau_levenshtein(w, &prefix));
    if afstand <= toegestaan && w.chars().count() >= 4 {
        return Some(80 - 15 * afstand as i64);
    }
    matcher
        .fuzzy_match(k, w)
        .filter(|s| *s >= 16 * w.len() as i64 && k.len() <= w.len() + 3)
        .map(|_| 40)
}
