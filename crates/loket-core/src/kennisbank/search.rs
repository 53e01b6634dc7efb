//! Searching the kennisbank as you type, over an inverted index built once at load.
//!
//! Every word of the question is folded (case, diacritics) and looked up in the sorted list of
//! all words of all articles (titel, trefwoorden, antwoord). A question word matches an article
//! word when it is the same word, the start of it, a part of a compound ("vuil" in "grofvuil",
//! "aanvraag" in "paspoortaanvraag"), or a compound of two known words ("paspoortaanvraag" finds
//! articles with "paspoort" and "aanvraag"); a word with none of those matches may be a typo
//! ("paspot") and is compared by edit distance, and by the fuzzy matcher, with the words of titels
//! and trefwoorden. Every question word must match (several words narrow the result); when no
//! article has them all, the articles with the most of them come first. Ranking: where the word
//! matched (titel above trefwoorden above antwoord) and how (whole word above start above part
//! above typo), then how often colleagues opened the article, then the titel.
//!
//! Why not SQLite FTS5: the benchmark `cargo bench --bench kennisbank` measures this index
//! against an FTS5 table and a plain fuzzy-matcher scan over the same 10,000 articles; FTS5 has
//! no compound splitting or typo tolerance, and this index is faster per keystroke.

use std::collections::HashMap;

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

/// At most this many hits (the list says "200+" when cut).
pub const MAX: usize = 200;

/// Where a word occurs in an article; the higher, the more it says.
const TITEL: u8 = 3;
const TREFWOORD: u8 = 2;
const TEKST: u8 = 1;

/// How a question word matched, as a multiplier of the field weight.
const HEEL: u32 = 10;
const BEGIN: u32 = 8;
const STAM: u32 = 7;
const SAMENSTELLING: u32 = 6;
const DEEL: u32 = 5;

/// How often each article (by id) was opened by colleagues; ranks equal hits.
pub type Populariteit = HashMap<String, u32>;

/// The inverted index: every distinct folded word, sorted, with the articles it occurs in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// How many articles (the length of every score array).
    artikelen: usize,
    woorden: Vec<String>,
    /// Per word: (article position in `Kennisbank::artikelen`, best field), by article.
    postings: Vec<Vec<(u32, u8)>>,
    /// The words that occur in a titel or trefwoorden, by position in `woorden` (so in
    /// alphabetical order): typos are looked for among these.
    sleutelwoorden: Vec<u32>,
    /// Every inner part (from the second letter on, at least 4 letters) of the titel and
    /// trefwoord words, sorted: (word, byte offset). Finds "vuil" in "grofvuil" by binary search.
    delen: Vec<(u32, u16)>,
}

/// Scores per article (index = position in `Kennisbank::artikelen`); 0 is no match.
type Scores = Vec<u32>;

fn add(best: &mut Scores, postings: &[(u32, u8)], factor: u32) {
    for (a, veld) in postings {
        let s = u32::from(*veld) * factor;
        let e = &mut best[*a as usize];
        *e = (*e).max(s);
    }
}

impl Index {
    pub fn bouw(artikelen: &[Artikel]) -> Index {
        let mut per_woord: HashMap<&str, Vec<(u32, u8)>> = HashMap::new();
        for (i, a) in artikelen.iter().enumerate() {
            let i = i as u32;
            let velden = [
                (TITEL, &a.titel_woorden),
                (TREFWOORD, &a.trefwoord_woorden),
                (TEKST, &a.tekst_woorden),
            ];
            for (veld, woorden) in velden {
                for w in woorden.iter() {
                    let lijst = per_woord.entry(w.as_str()).or_default();
                    match lijst.last_mut() {
                        Some((j, _)) if *j == i => {}
                        _ => lijst.push((i, veld)),
                    }
                }
            }
        }
        let mut paren: Vec<(&str, Vec<(u32, u8)>)> = per_woord.into_iter().collect();
        paren.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut index = Index {
            artikelen: artikelen.len(),
            ..Index::default()
        };
        for (n, (w, p)) in paren.into_iter().enumerate() {
            if p.iter().any(|(_, v)| *v >= TREFWOORD) {
                index.sleutelwoorden.push(n as u32);
                for (off, _) in w.char_indices().skip(1) {
                    if w.len() - off >= 4 && off <= usize::from(u16::MAX) {
                        index.delen.push((n as u32, off as u16));
                    }
                }
            }
            index.woorden.push(w.to_string());
            index.postings.push(p);
        }
        let woorden = &index.woorden;
        index.delen.sort_unstable_by(|a, b| {
            woorden[a.0 as usize][a.1 as usize..].cmp(&woorden[b.0 as usize][b.1 as usize..])
        });
        index
    }

    pub fn aantal_woorden(&self) -> usize {
        self.woorden.len()
    }

    fn exact(&self, w: &str) -> Option<usize> {
        self.woorden.binary_search_by(|x| x.as_str().cmp(w)).ok()
    }

    /// The positions of the words that start with `w`.
    fn met_begin(&self, w: &str) -> std::ops::Range<usize> {
        let start = self.woorden.partition_point(|x| x.as_str() < w);
        let eind = start + self.woorden[start..].partition_point(|x| x.starts_with(w));
        start..eind
    }

    /// The titel and trefwoord words that contain `w` after their first letter.
    fn met_deel(&self, w: &str) -> impl Iterator<Item = usize> + '_ {
        let deel = |d: &(u32, u16)| &self.woorden[d.0 as usize][d.1 as usize..];
        let start = self.delen.partition_point(|d| deel(d) < w);
        let eind = start + self.delen[start..].partition_point(|d| deel(d).starts_with(w));
        self.delen[start..eind].iter().map(|d| d.0 as usize)
    }

    /// The titel and trefwoord words that start with letter `c`.
    fn sleutels_met(&self, c: &str) -> &[u32] {
        let start = self
            .sleutelwoorden
            .partition_point(|&n| self.woorden[n as usize].as_str() < c);
        let eind = start
            + self.sleutelwoorden[start..]
                .partition_point(|&n| self.woorden[n as usize].starts_with(c));
        &self.sleutelwoorden[start..eind]
    }

    /// Per article, the best score of question word `w`.
    fn scores(&self, w: &str, matcher: &SkimMatcherV2) -> Scores {
        let mut best: Scores = vec![0; self.artikelen];
        let mut raak = false;
        for n in self.met_begin(w) {
            let factor = if self.woorden[n] == w { HEEL } else { BEGIN };
            add(&mut best, &self.postings[n], factor);
            raak = true;
        }
        let lang = w.chars().count();
        for stam in stam(w).into_iter().chain(open_lettergreep(w)) {
            // A verb finds its noun: "verhuizen" finds "verhuizing", "kappen" finds "kap"; a
            // singular its plural: "aanvraag" finds "aanvragen", "boom" finds "bomen".
            for n in self.met_begin(&stam) {
                if !self.woorden[n].starts_with(w) {
                    add(&mut best, &self.postings[n], STAM);
                    raak = true;
                }
            }
        }
        if lang >= 4 {
            // A part of a compound: "vuil" in "grofvuil".
            for n in self.met_deel(w) {
                add(&mut best, &self.postings[n], DEEL);
                raak = true;
            }
        }
        if lang >= 7 {
            // A compound of two known words: "paspoortaanvraag", "verhuisaangifte" (also with
            // the linking s of "geboorteaangifte" / "rijbewijsaanvraag").
            let mut staart_best: Scores = Vec::new();
            for (split, _) in w.char_indices().skip(3) {
                let (kop, staart) = w.split_at(split);
                if staart.chars().count() < 3 {
                    break;
                }
                let kop = self.exact(kop).or_else(|| {
                    kop.strip_suffix('s')
                        .filter(|k| k.chars().count() >= 3)
                        .and_then(|k| self.exact(k))
                });
                let Some(kop) = kop else { continue };
                let mut staart_ranges = vec![self.met_begin(staart)];
                staart_ranges.extend(open_lettergreep(staart).map(|v| self.met_begin(&v)));
                if staart_ranges.iter().all(|r| r.is_empty()) {
                    continue;
                }
                staart_best.clear();
                staart_best.resize(self.artikelen, 0);
                for n in staart_ranges.into_iter().flatten() {
                    add(&mut staart_best, &self.postings[n], 1);
                }
                let beide: Vec<(u32, u8)> = self.postings[kop]
                    .iter()
                    .filter_map(|(a, v)| {
                        let s = staart_best[*a as usize] as u8;
                        (s > 0).then(|| (*a, (*v).min(s)))
                    })
                    .collect();
                add(&mut best, &beide, SAMENSTELLING);
                raak |= !beide.is_empty();
            }
        }
        if !raak && lang >= 4 {
            // A typo, among the words of titels and trefwoorden with the same first letter: at
            // most one edit for short words, two for longer ones (against the whole word or its
            // start), or the letters in order (fuzzy matcher). Worth a little less than a part
            // of a word.
            let toegestaan = if lang <= 5 { 1 } else { 2 };
            let eerste = &w[..w.chars().next().map_or(0, char::len_utf8)];
            for &n in self.sleutels_met(eerste) {
                let k = &self.woorden[n as usize];
                let k_lang = k.chars().count();
                if k_lang < 3 || k_lang + toegestaan < lang {
                    continue;
                }
                let prefix: String = k.chars().take(lang).collect();
                let afstand = strsim::osa_distance(w, &prefix).min(if k_lang <= lang + 2 {
                    strsim::osa_distance(w, k)
                } else {
                    usize::MAX
                });
                let factor = if afstand <= toegestaan {
                    4 - afstand as u32
                } else if k_lang <= lang + 3
                    && matcher
                        .fuzzy_match(k, w)
                        .is_some_and(|s| s >= 16 * w.len() as i64)
                {
                    1
                } else {
                    continue;
                };
                let sleutel: Vec<(u32, u8)> = self.postings[n as usize]
                    .iter()
                    .filter(|(_, v)| *v >= TREFWOORD)
                    .copied()
                    .collect();
                add(&mut best, &sleutel, factor);
            }
        }
        best
    }
}

/// The stem of a Dutch verb or plural ending in -en, with a doubled consonant made single
/// ("verhuizen" -> "verhuiz", "kappen" -> "kap"); None for other words.
fn stam(w: &str) -> Option<String> {
    let kort = w.strip_suffix("en").filter(|k| k.chars().count() >= 3)?;
    let mut stam: Vec<char> = kort.chars().collect();
    let n = stam.len();
    if n >= 4 && stam[n - 1] == stam[n - 2] && !"aeiou".contains(stam[n - 1]) {
        stam.pop();
    }
    Some(stam.into_iter().collect())
}

/// A word ending in a double vowel and one consonant, with the vowel made single, as Dutch
/// spells it before an ending: "aanvraag" -> "aanvrag" (aanvragen), "boom" -> "bom" (bomen).
fn open_lettergreep(w: &str) -> Option<String> {
    let c: Vec<char> = w.chars().collect();
    let n = c.len();
    (n >= 4
        && c[n - 2] == c[n - 3]
        && "aeou".contains(c[n - 2])
        && !"aeiou".contains(c[n - 1])
        && !"aeiou".contains(c[n - 4]))
    .then(|| c[..n - 2].iter().chain(&c[n - 1..]).collect())
}

/// The question's content words, folded; spoken-style little words are left out unless that
/// leaves nothing.
fn woorden_van(vraag: &str) -> Vec<String> {
    let sleutel = naam_sleutel(vraag);
    let alle: Vec<&str> = sleutel.split(' ').filter(|w| !w.is_empty()).collect();
    let inhoud: Vec<&str> = alle
        .iter()
        .copied()
        .filter(|w| !STOPWOORDEN.contains(w))
        .collect();
    let gekozen = if inhoud.is_empty() { alle } else { inhoud };
    gekozen.into_iter().map(String::from).collect()
}

/// A question, looked up once: its content words and, per word, the score of every article.
struct Vraag {
    woorden: Vec<String>,
    los: Vec<Scores>,
}

impl Vraag {
    fn new(kb: &Kennisbank, vraag: &str, matcher: &SkimMatcherV2) -> Vraag {
        let woorden = woorden_van(vraag);
        let los = woorden
            .iter()
            .map(|w| kb.index.scores(w, matcher))
            .collect();
        Vraag { woorden, los }
    }
}

/// Per article, the score of each part of the question. Two neighbouring words that together
/// form a known word ("grof vuil", "id kaart") count as one part that matches either way.
fn delen(kb: &Kennisbank, v: &Vraag, matcher: &SkimMatcherV2) -> Vec<Scores> {
    let woorden = &v.woorden;
    let mut uit = Vec::new();
    let mut i = 0;
    while i < woorden.len() {
        let los = &v.los[i];
        if i + 1 < woorden.len() {
            let samen = format!("{}{}", woorden[i], woorden[i + 1]);
            if kb.index.exact(&samen).is_some() {
                let tweede = &v.los[i + 1];
                let mut paar = kb.index.scores(&samen, matcher);
                for (a, p) in paar.iter_mut().enumerate() {
                    *p *= 2;
                    if los[a] > 0 && tweede[a] > 0 {
                        *p = (*p).max(los[a] + tweede[a]);
                    }
                }
                uit.push(paar);
                i += 2;
                continue;
            }
        }
        uit.push(los.clone());
        i += 1;
    }
    uit
}

/// Today's Actueel messages that concern `vraag`: a word of it matches their titel or
/// trefwoorden ("paspoort verlopen" finds the storing of the passport system). The pane shows
/// them above the hits, whether or not they match every word.
pub fn actueel_bij<'a>(kb: &'a Kennisbank, vraag: &str, dag: NaiveDate) -> Vec<&'a Artikel> {
    actueel_van(kb, &Vraag::new(kb, vraag, &SkimMatcherV2::default()), dag)
}

fn actueel_van<'a>(kb: &'a Kennisbank, v: &Vraag, dag: NaiveDate) -> Vec<&'a Artikel> {
    let per_woord: Vec<&Scores> = v
        .woorden
        .iter()
        .zip(&v.los)
        .filter(|(w, _)| w.chars().count() >= 3)
        .map(|(_, m)| m)
        .collect();
    if per_woord.is_empty() {
        return Vec::new();
    }
    kb.artikelen
        .iter()
        .enumerate()
        .filter(|(_, a)| a.soort == "actueel" && a.geldig_op(dag))
        .filter(|(i, _)| {
            per_woord
                .iter()
                .any(|m| m[*i] >= u32::from(TREFWOORD) * BEGIN)
        })
        .map(|(_, a)| a)
        .collect()
}

/// The articles for `vraag`, best first (all valid ones, by titel, when `vraag` is empty).
pub fn zoek<'a>(kb: &'a Kennisbank, vraag: &str, dag: NaiveDate) -> Vec<&'a Artikel> {
    zoek_met(kb, vraag, dag, &Populariteit::new(), |_| true)
}

/// What the pane shows for a question: the Actueel messages about it ([`actueel_bij`]) and the
/// hits ([`zoek_met`]), with the question looked up in the index once for both.
pub fn zoek_met_actueel<'a>(
    kb: &'a Kennisbank,
    vraag: &str,
    dag: NaiveDate,
    geopend: &Populariteit,
    filter: impl Fn(&Artikel) -> bool,
) -> (Vec<&'a Artikel>, Vec<&'a Artikel>) {
    let matcher = SkimMatcherV2::default();
    let v = Vraag::new(kb, vraag, &matcher);
    (
        actueel_van(kb, &v, dag),
        zoek_vraag(kb, &v, &matcher, dag, geopend, filter),
    )
}

/// [`zoek`], with colleagues' opens ranking equal hits and a filter (soort, afdeling).
pub fn zoek_met<'a>(
    kb: &'a Kennisbank,
    vraag: &str,
    dag: NaiveDate,
    geopend: &Populariteit,
    filter: impl Fn(&Artikel) -> bool,
) -> Vec<&'a Artikel> {
    let matcher = SkimMatcherV2::default();
    let v = Vraag::new(kb, vraag, &matcher);
    zoek_vraag(kb, &v, &matcher, dag, geopend, filter)
}

fn zoek_vraag<'a>(
    kb: &'a Kennisbank,
    v: &Vraag,
    matcher: &SkimMatcherV2,
    dag: NaiveDate,
    geopend: &Populariteit,
    filter: impl Fn(&Artikel) -> bool,
) -> Vec<&'a Artikel> {
    let toegelaten = |a: &Artikel| a.geldig_op(dag) && filter(a);
    let woorden = &v.woorden;
    let populair = |a: &Artikel| geopend.get(&a.id).copied().unwrap_or(0);
    if woorden.is_empty() {
        // Without a question: today's Actueel messages first, then the rest by titel.
        let (mut actueel, rest): (Vec<&Artikel>, Vec<&Artikel>) = kb
            .artikelen
            .iter()
            .filter(|a| toegelaten(a))
            .partition(|a| a.soort == "actueel");
        actueel.extend(rest);
        actueel.truncate(MAX);
        return actueel;
    }
    let per_woord = delen(kb, v, matcher);
    // Every part must match.
    let mut scored: Vec<(u32, u32, &Artikel)> = (0..kb.artikelen.len())
        .filter_map(|i| {
            let mut totaal = 0;
            for m in &per_woord {
                if m[i] == 0 {
                    return None;
                }
                totaal += m[i];
            }
            let a = &kb.artikelen[i];
            toegelaten(a).then(|| (totaal, populair(a), a))
        })
        .collect();
    if scored.is_empty() && per_woord.len() > 1 {
        // Nothing has every part: rank what has the most of them ("paspoort verlopen").
        scored = (0..kb.artikelen.len())
            .filter_map(|i| {
                let raak = per_woord.iter().filter(|m| m[i] > 0).count() as u32;
                let som: u32 = per_woord.iter().map(|m| m[i]).sum();
                let a = &kb.artikelen[i];
                (raak > 0 && toegelaten(a)).then(|| (raak * 1000 + som, populair(a), a))
            })
            .collect();
    }
    scored.sort_unstable_by(|x, y| {
        y.0.cmp(&x.0)
            .then_with(|| y.1.cmp(&x.1))
            .then_with(|| x.2.titel_woorden.len().cmp(&y.2.titel_woorden.len()))
            .then_with(|| x.2.titel.cmp(&y.2.titel))
    });
    scored.into_iter().take(MAX).map(|(_, _, a)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_open_syllables() {
        assert_eq!(stam("verhuizen").as_deref(), Some("verhuiz"));
        assert_eq!(stam("kappen").as_deref(), Some("kap"));
        assert_eq!(stam("paspoort"), None);
        assert_eq!(open_lettergreep("aanvraag").as_deref(), Some("aanvrag"));
        assert_eq!(open_lettergreep("boom").as_deref(), Some("bom"));
        assert_eq!(open_lettergreep("paspoort"), None, "ends in two consonants");
        assert_eq!(open_lettergreep("vee"), None);
    }
}
