use super::*;

fn artikel(id: &str, titel: &str, extra: &str) -> (String, String) {
    (
        format!("{id}.md"),
        format!(
            "+++\nid = \"{id}\"\ntitel = \"{titel}\"\nsoort = \"product\"\ntrefwoorden = [\"reisdocument\"]\n\
             afdeling = \"Burgerzaken\"\nknip = \"2e lijn op afspraak\"\nafhandeling = \"Afspraak maken\"\n{extra}+++\n\n\
             ## Antwoord\nU vraagt een {titel} aan bij de balie. Neem een pasfoto mee.\n\n## Onderwatertekst\nAlleen op afspraak.\n"
        ),
    )
}

fn dag() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn a_valid_article_loads_with_its_sections() {
    let (n, t) = artikel("paspoort", "Paspoort aanvragen", "");
    let a = parse(&n, &t).unwrap();
    assert_eq!(a.titel, "Paspoort aanvragen");
    assert!(a.antwoord.starts_with("U vraagt"));
    assert_eq!(a.onderwatertekst, "Alleen op afspraak.");
}

#[test]
fn a_bad_file_is_reported_by_name_and_line_and_the_rest_still_loads() {
    let unknown_key = artikel("id-kaart", "ID-kaart aanvragen", "kleur = \"rood\"\n");
    let bad_knip = (
        "rijbewijs.md".to_string(),
        artikel("rijbewijs", "Rijbewijs", "")
            .1
            .replace("2e lijn op afspraak", "balie"),
    );
    let no_front = ("los.md".to_string(), "## Antwoord\nHallo\n".to_string());
    // A link to a file that failed is not a second problem: its own error says what to fix.
    let links = artikel(
        "paspoort",
        "Paspoort aanvragen",
        "gerelateerd = [\"rijbewijs\", \"id-kaart\"]\n",
    );
    let kb = laad(&[links, unknown_key, bad_knip, no_front]);
    assert_eq!(kb.artikelen.len(), 1);
    let text: Vec<String> = kb.fouten.iter().map(|f| f.to_string()).collect();
    assert_eq!(text.len(), 3, "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.starts_with("id-kaart.md:9:") && t.contains("kleur")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("rijbewijs.md:7:") && t.contains("knip")),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.starts_with("los.md:1:")), "{text:?}");
}

#[test]
fn ids_must_match_file_names_and_links_must_exist() {
    let (_, t) = artikel("paspoort", "Paspoort", "gerelateerd = [\"bestaat-niet\"]\n");
    let kb = laad(&[("anders.md".into(), t.clone()), ("paspoort.md".into(), t)]);
    let text: Vec<String> = kb.fouten.iter().map(|f| f.to_string()).collect();
    assert!(text.iter().any(|t| t.contains("bestandsnaam")), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.starts_with("paspoort.md:9:") && t.contains("bestaat-niet")),
        "{text:?}"
    );
}

#[test]
fn search_matches_words_case_and_diacritics_and_forgives_a_typo() {
    let kb = laad(&[
        artikel("paspoort", "Paspoort aanvragen", ""),
        artikel("rijbewijs", "Rijbewijs verlengen", ""),
        {
            let (n, t) = artikel(
                "kerst",
                "Openingstijden rond Kerstmis",
                "geldig_van = \"2026-12-01\"\ngeldig_tot = \"2026-12-31\"\n",
            );
            (n, t.replace("soort = \"product\"", "soort = \"actueel\""))
        },
    ]);
    let ids = |q: &str, d: NaiveDate| -> Vec<String> {
        zoek(&kb, q, d).into_iter().map(|a| a.id.clone()).collect()
    };
    assert_eq!(ids("PASP", dag()), vec!["paspoort"]);
    assert_eq!(ids("rijbewijs verl", dag()), vec!["rijbewijs"]);
    assert_eq!(ids("reisdocument", dag()).len(), 2, "trefwoorden count");
    assert_eq!(ids("paspoordt", dag()), vec!["paspoort"], "a typo");
    assert!(ids("kerstmis", dag()).is_empty(), "not yet valid");
    assert_eq!(
        ids("kerstmis", NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()),
        vec!["kerst"]
    );
    assert!(ids("xyzzy", dag()).is_empty());
    // Without a question, today's Actueel messages come first.
    let december = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    assert_eq!(ids("", december)[0], "kerst");
    assert_eq!(kb.actueel(december).count(), 1);
    assert_eq!(kb.actueel(dag()).count(), 0);
}

#[test]
fn the_built_in_kennisbank_loads_without_errors() {
    let kb = ingebouwd();
    assert!(
        kb.fouten.is_empty(),
        "kennisbank/ has problems:\n{}",
        kb.fouten
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(kb.artikelen.len(), INGEBOUWD.len());
}

fn boom(knopen: &str) -> (String, String) {
    (
        "bb-test.md".into(),
        format!(
            "+++\nid = \"bb-test\"\ntitel = \"Beslisboom: test\"\nsoort = \"beslisboom\"\nafdeling = \"Burgerzaken\"\n\
             knip = \"1e lijn direct\"\nafhandeling = \"Volg de boom\"\nstart = \"a\"\n\n{knopen}+++\n\
             ## Antwoord\nKies.\n## Onderwatertekst\nIntern.\n"
        ),
    )
}

use super::tests_support::GOEDE_BOOM;

#[test]
fn a_beslisboom_loads_and_its_ends_are_checked() {
    let kb = laad(&[
        boom(GOEDE_BOOM),
        artikel("paspoort", "Paspoort aanvragen", ""),
    ]);
    assert!(kb.fouten.is_empty(), "{:?}", kb.fouten);
    let b = kb.artikel("bb-test").unwrap().beslisboom.as_ref().unwrap();
    assert_eq!(b.start, "a");
    assert_eq!(b.knopen.len(), 2);
    // Without the article it ends on, the check says so.
    let kb = laad(&[boom(GOEDE_BOOM)]);
    assert!(
        kb.fouten.iter().any(|f| f.melding.contains("\"paspoort\"")),
        "{:?}",
        kb.fouten
    );
}

#[test]
fn broken_beslisbomen_are_reported_by_line() {
    let kring = GOEDE_BOOM.replace("afhandeling = \"Terugbellen\"", "naar = \"a\"");
    let nergens = GOEDE_BOOM.replace("naar = \"b\"", "naar = \"x\"");
    let los = format!(
        "{GOEDE_BOOM}\n[[knoop]]\nid = \"c\"\nvraag = \"Los\"\nkeuzes = [\n  {{ tekst = \"1\", afhandeling = \"a\" }},\n  {{ tekst = \"2\", afhandeling = \"b\" }},\n]\n"
    );
    let dubbel = GOEDE_BOOM.replace(
        "afhandeling = \"Terugbellen\"",
        "afhandeling = \"Terugbellen\", naar = \"a\"",
    );
    for (knopen, verwacht) in [
        (kring.as_str(), "kring: a → b → a"),
        (nergens.as_str(), "\"x\", die niet bestaat"),
        (los.as_str(), "niet te bereiken"),
        (dubbel.as_str(), "precies een van"),
    ] {
        let err = parse("bb-test.md", &boom(knopen).1).unwrap_err();
        assert!(err.melding.contains(verwacht), "{err}");
        assert!(err.regel > 8, "points into the knopen: {err}");
    }
}
