//! A first search quality set over the built-in kennisbank: realistic questions (typos, spoken
//! style, synonyms from trefwoorden) and the article that must be in the top 3.

use chrono::NaiveDate;
use loket::kennisbank;

const SET: &[(&str, &str)] = &[
    ("paspoort", "paspoort"),
    ("paspot", "paspoort"),
    ("paspoordt", "paspoort"),
    ("mijn paspoort is verlopen", "paspoort"),
    ("id", "id-kaart"),
    ("rijbwijs", "rijbewijs-aanvragen"),
    ("uittreksel gba", "uittreksel-brp"),
    ("grofvuul", "grofvuil"),
    ("hondebelasting", "hondenbelasting"),
    ("ik wil mijn hond afmelden", "hondenbelasting"),
    ("kwijtscelding", "kwijtschelding"),
    ("boom kappen", "kapvergunning"),
    ("trouwen", "huwelijk-partnerschap"),
    ("verhuizen", "verhuizing-binnen-gemeente"),
    ("woz", "woz-waarde"),
    ("bijstand", "bijstand"),
    ("lantaarnpaal kapot", "melding-openbare-ruimte"),
    ("volmacht", "stemmen-volmacht"),
];

#[test]
fn realistic_questions_find_their_article_in_the_top_3() {
    let kb = kennisbank::ingebouwd();
    assert!(kb.fouten.is_empty(), "{:?}", kb.fouten);
    let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut misses = Vec::new();
    let mut top1 = 0;
    for (vraag, verwacht) in SET {
        let hits: Vec<&str> = kennisbank::zoek(&kb, vraag, dag)
            .into_iter()
            .take(3)
            .map(|a| a.id.as_str())
            .collect();
        if hits.first() == Some(verwacht) {
            top1 += 1;
        }
        if !hits.contains(verwacht) {
            misses.push(format!("{vraag:?} -> {hits:?}, expected {verwacht}"));
        }
    }
    eprintln!(
        "kennisbank quality set: hit@1 {top1}/{n}, hit@3 {}/{n}",
        SET.len() - misses.len(),
        n = SET.len()
    );
    assert!(misses.is_empty(), "missed:\n{}", misses.join("\n"));
}
