//! The search quality set over the built-in kennisbank: realistic questions (typos, compounds,
//! spoken style, synonyms from trefwoorden) in `tests/data/kennisbank_kwaliteit.tsv`, each with
//! the article that must be in the top 3. Prints hit@1 and hit@3; asserts hit@3 >= 90%.

use chrono::NaiveDate;
use loket::kennisbank;

fn set() -> Vec<(String, String)> {
    let tekst = include_str!("data/kennisbank_kwaliteit.tsv");
    tekst
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (vraag, verwacht) = l.split_once('\t').expect("vraag<TAB>artikel");
            (vraag.to_string(), verwacht.to_string())
        })
        .collect()
}

#[test]
fn realistic_questions_find_their_article_in_the_top_3() {
    let kb = kennisbank::ingebouwd();
    assert!(kb.fouten.is_empty(), "{:?}", kb.fouten);
    let set = set();
    assert!(
        set.len() >= 60,
        "the quality set has {} questions",
        set.len()
    );
    for (_, verwacht) in &set {
        assert!(kb.artikel(verwacht).is_some(), "no article {verwacht}");
    }
    let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut misses = Vec::new();
    let mut top1 = 0;
    for (vraag, verwacht) in &set {
        let hits: Vec<&str> = kennisbank::zoek(&kb, vraag, dag)
            .into_iter()
            .take(3)
            .map(|a| a.id.as_str())
            .collect();
        if hits.first() == Some(&verwacht.as_str()) {
            top1 += 1;
        }
        if !hits.contains(&verwacht.as_str()) {
            misses.push(format!("{vraag:?} -> {hits:?}, expected {verwacht}"));
        }
    }
    let n = set.len();
    let top3 = n - misses.len();
    eprintln!(
        "kennisbank quality set: hit@1 {top1}/{n} ({:.0}%), hit@3 {top3}/{n} ({:.0}%)",
        100.0 * top1 as f64 / n as f64,
        100.0 * top3 as f64 / n as f64
    );
    for m in &misses {
        eprintln!("miss: {m}");
    }
    assert!(
        top3 * 10 >= n * 9,
        "hit@3 {top3}/{n} is below 90%:\n{}",
        misses.join("\n")
    );
}

#[test]
fn compounds_and_word_parts_are_found() {
    let kb = kennisbank::ingebouwd();
    let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let ids = |q: &str| -> Vec<String> {
        kennisbank::zoek(&kb, q, dag)
            .into_iter()
            .map(|a| a.id.clone())
            .collect()
    };
    // A compound of two words the kennisbank knows.
    assert!(ids("paspoortaanvraag").contains(&"paspoort".to_string()));
    // A part of a compound.
    assert!(ids("vuil").contains(&"grofvuil".to_string()));
    // Two words that together are one.
    assert_eq!(
        ids("grof vuil").first().map(String::as_str),
        Some("grofvuil")
    );
}
