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

/// A beslisboom whose knopen converge: a start, then `lagen` layers of two knopen, each
/// leading to both knopen of the next layer (2^lagen paths through `2 * lagen + 1` knopen).
fn samenkomend(lagen: usize) -> String {
    let mut t = String::from(
        "[[knoop]]\nid = \"a\"\nvraag = \"Begin?\"\nkeuzes = [{ tekst = \"1\", naar = \"l0x\" }, { tekst = \"2\", naar = \"l0y\" }]\n",
    );
    for l in 0..lagen {
        for z in ["x", "y"] {
            let keuzes = if l + 1 < lagen {
                format!(
                    "[{{ tekst = \"1\", naar = \"l{n}x\" }}, {{ tekst = \"2\", naar = \"l{n}y\" }}]",
                    n = l + 1
                )
            } else {
                "[{ tekst = \"1\", afhandeling = \"A\" }, { tekst = \"2\", afhandeling = \"B\" }]"
                    .into()
            };
            t.push_str(&format!(
                "[[knoop]]\nid = \"l{l}{z}\"\nvraag = \"Vraag {l}?\"\nkeuzes = {keuzes}\n"
            ));
        }
    }
    t
}

/// A chain of `n` knopen, each leading to the next (the last back to `terug`, when given).
fn keten(n: usize, terug: Option<usize>) -> String {
    let mut t = String::with_capacity(n * 100);
    for i in 0..n {
        let id = if i == 0 {
            "a".to_string()
        } else {
            format!("k{i}")
        };
        let verder = match (i + 1 < n, terug) {
            (true, _) => format!("naar = \"k{}\"", i + 1),
            (false, Some(0)) => "naar = \"a\"".into(),
            (false, Some(j)) => format!("naar = \"k{j}\""),
            (false, None) => "afhandeling = \"Klaar\"".into(),
        };
        t.push_str(&format!(
            "[[knoop]]\nid = \"{id}\"\nvraag = \"V{i}?\"\nkeuzes = [{{ tekst = \"1\", {verder} }}, {{ tekst = \"2\", afhandeling = \"x\" }}]\n"
        ));
    }
    t
}

/// Run `f` on a thread with a small stack (a recursive walk over a long chain overflows it)
/// and wait at most `binnen` for its answer.
fn op_kleine_stapel<T: Send + 'static>(
    binnen: std::time::Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    rx.recv_timeout(binnen)
        .expect("the check did not finish in time (or its thread died)")
}

#[test]
fn a_converging_beslisboom_is_checked_in_linear_time() {
    // 2^48 paths through 97 knopen: a walk that follows every path never ends.
    let tekst = boom(&samenkomend(48)).1;
    let begin = std::time::Instant::now();
    let a = op_kleine_stapel(std::time::Duration::from_secs(1), move || {
        parse("bb-test.md", &tekst)
    })
    .unwrap();
    assert_eq!(a.beslisboom.unwrap().knopen.len(), 97);
    assert!(begin.elapsed() < std::time::Duration::from_secs(1));
    // Sixty layers are more questions on a path than an agent can take: refused, by line.
    let tekst = boom(&samenkomend(60)).1;
    let f = op_kleine_stapel(std::time::Duration::from_secs(1), move || {
        parse("bb-test.md", &tekst)
    })
    .unwrap_err();
    assert!(
        f.melding.contains("61 vragen diep") && f.melding.contains("hoogstens 50"),
        "{f}"
    );
    let regel = boom(&samenkomend(60))
        .1
        .lines()
        .position(|l| l == "id = \"l49x\"")
        .unwrap()
        + 1;
    assert_eq!((f.bestand.as_str(), f.regel), ("bb-test.md", regel), "{f}");
}

#[test]
fn a_chain_of_100000_knopen_is_walked_without_recursion_and_refused_by_line() {
    let ruim = Grenzen {
        bytes: u64::MAX,
        knopen: usize::MAX,
        diepte: usize::MAX,
    };
    let tekst = std::sync::Arc::new(boom(&keten(100_000, None)).1);
    // As a file it is far too big for the kennisbank.
    let f = parse("bb-test.md", &tekst).unwrap_err();
    assert_eq!(f.regel, 1, "{f}");
    assert!(f.melding.contains("te groot"), "{f}");
    // Without limits every walk goes over all of it, on a 256 KiB stack.
    let t = tekst.clone();
    let a = op_kleine_stapel(std::time::Duration::from_secs(60), move || {
        parse_met("bb-test.md", &t, ruim)
    })
    .unwrap();
    assert_eq!(a.beslisboom.unwrap().knopen.len(), 100_000);
    // With only the depth limited: refused at the first knoop too deep, by line.
    let t = tekst.clone();
    let f = op_kleine_stapel(std::time::Duration::from_secs(60), move || {
        parse_met(
            "bb-test.md",
            &t,
            Grenzen {
                diepte: 100,
                ..ruim
            },
        )
    })
    .unwrap_err();
    let regel = tekst.lines().position(|l| l == "id = \"k100\"").unwrap() + 1;
    assert_eq!(f.regel, regel, "{f}");
    assert!(f.melding.contains("100000 vragen diep"), "{f}");
    // A ring at the end of the long chain: found, named in short, at the knoop that closes it.
    let tekst = boom(&keten(100_000, Some(3))).1;
    let regel = tekst.lines().position(|l| l == "id = \"k99999\"").unwrap() + 1;
    let f = op_kleine_stapel(std::time::Duration::from_secs(60), move || {
        parse_met("bb-test.md", &tekst, ruim)
    })
    .unwrap_err();
    assert_eq!(f.regel, regel, "{f}");
    assert!(
        f.melding
            .contains("kring: k3 → k4 → k5 → k6 → k7 → … → k99996 → k99997 → k99998 → k99999 → k3"),
        "{f}"
    );
}

#[test]
fn beslisboom_limits_are_refused_by_line() {
    // 201 knopen in a chain (under the depth limit it would still be too many).
    let tekst = boom(&keten(201, None)).1;
    let f = parse("bb-test.md", &tekst).unwrap_err();
    let regel = tekst.lines().position(|l| l == "id = \"k200\"").unwrap() + 1;
    assert_eq!(f.regel, regel, "{f}");
    assert!(f.melding.contains("201 knopen; hoogstens 200"), "{f}");
    // A knoop twice: the second would never be asked.
    let dubbel = format!(
        "{GOEDE_BOOM}\n[[knoop]]\nid = \"b\"\nvraag = \"Nog eens?\"\nkeuzes = [\n  {{ tekst = \"1\", afhandeling = \"a\" }},\n  {{ tekst = \"2\", afhandeling = \"b\" }},\n]\n"
    );
    let f = parse("bb-test.md", &boom(&dubbel).1).unwrap_err();
    assert!(f.melding.contains("knoop \"b\" bestaat al"), "{f}");
    // Ten keuzes: the number keys go to 9.
    let tien: Vec<String> = (0..10)
        .map(|i| format!("{{ tekst = \"{i}\", afhandeling = \"x\" }}"))
        .collect();
    let f = parse(
        "bb-test.md",
        &boom(&format!(
            "[[knoop]]\nid = \"a\"\nvraag = \"?\"\nkeuzes = [{}]\n",
            tien.join(", ")
        ))
        .1,
    )
    .unwrap_err();
    assert!(f.melding.contains("10 keuzes; 2 tot 9"), "{f}");
    // An article over 256 KiB.
    let (n, t) = artikel("paspoort", "Paspoort", "");
    let groot = t.replace("Alleen op afspraak.", &"x".repeat(300 * 1024));
    let f = parse(&n, &groot).unwrap_err();
    assert_eq!(
        f.to_string(),
        "paspoort.md:1: het bestand is te groot (301 KiB); hoogstens 256 KiB kan"
    );
}

#[test]
fn an_article_with_a_bom_loads() {
    let (n, t) = artikel("paspoort", "Paspoort aanvragen", "");
    let a = parse(&n, &format!("\u{feff}{t}")).unwrap();
    assert_eq!(a.titel, "Paspoort aanvragen");
}

#[test]
fn files_that_are_not_files_are_reported_and_the_rest_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);
    let (n, t) = artikel("paspoort", "Paspoort aanvragen", "");
    std::fs::write(p(&n), format!("\u{feff}{t}")).unwrap();
    let (n, t) = artikel("id-kaart", "ID-kaart", "gerelateerd = [\"x\", \"latin\"]\n");
    std::fs::write(p(&n), t).unwrap();
    let gemaakt = std::process::Command::new("mkfifo")
        .arg(p("x.md"))
        .status()
        .unwrap();
    assert!(gemaakt.success());
    let (_, t) = artikel("latin", "Latijn", "");
    let mut bytes = t.into_bytes();
    bytes.extend_from_slice(b"caf\xe9\n");
    std::fs::write(p("latin.md"), bytes).unwrap();
    std::fs::create_dir(p("map.md")).unwrap();
    std::os::unix::fs::symlink(p("lus.md"), p("lus.md")).unwrap();
    std::fs::write(p("groot.md"), vec![b'a'; MAX_ARTIKEL_BYTES as usize + 1]).unwrap();
    let d = dir.path().to_path_buf();
    // A FIFO is never opened: the check answers at once.
    let kb = op_kleine_stapel(std::time::Duration::from_secs(10), move || {
        lees_map(&d).unwrap()
    });
    let ids: Vec<&str> = kb.artikelen.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, vec!["id-kaart", "paspoort"], "{:?}", kb.fouten);
    let mut text: Vec<String> = kb.fouten.iter().map(|f| f.to_string()).collect();
    text.sort();
    assert_eq!(
        text,
        vec![
            "groot.md:1: is te groot (257 KiB); hoogstens 256 KiB kan",
            "latin.md:16: is geen UTF-8-tekst; sla het bestand op als UTF-8 (Unicode)",
            "lus.md:1: is een snelkoppeling die nergens of in een kring heen wijst; niet gelezen",
            "map.md:1: is een map, geen bestand",
            "x.md:1: is een named pipe (FIFO), geen bestand; niet gelezen",
        ],
    );
}

#[test]
fn a_folder_with_too_many_files_reads_the_first_ones_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..=MAX_BESTANDEN {
        let (n, t) = artikel(&format!("a{i:04}"), &format!("Artikel {i}"), "");
        std::fs::write(dir.path().join(n), t).unwrap();
    }
    let kb = lees_map(dir.path()).unwrap();
    assert_eq!(kb.artikelen.len(), MAX_BESTANDEN);
    let text: Vec<String> = kb.fouten.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        text,
        vec!["a1000.md:1: niet gelezen: de map heeft 1001 artikelen; hoogstens 1000 kunnen"]
    );
}

#[test]
fn a_missing_end_article_is_reported_once_where_the_tree_first_ends_on_it() {
    let drie = GOEDE_BOOM
        .replace("afhandeling = \"Terugbellen\"", "artikel = \"paspoort\"")
        .replace(
            "afhandeling = \"Uitschrijven via de snelbalie\"",
            "artikel = \"paspoort\"",
        );
    let (n, t) = boom(&drie);
    let regel = t
        .lines()
        .position(|l| l.contains("artikel = \"paspoort\""))
        .unwrap()
        + 1;
    let kb = laad(&[(n, t)]);
    let text: Vec<String> = kb.fouten.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        text,
        vec![format!(
            "bb-test.md:{regel}: beslisboom eindigt op artikel \"paspoort\", dat niet bestaat"
        )]
    );
}

#[test]
fn nesting_deeper_than_the_reader_goes_is_refused_in_dutch() {
    let (n, t) = artikel("paspoort", "Paspoort", "");
    let diep = t.replace(
        "trefwoorden = [\"reisdocument\"]",
        &format!("trefwoorden = {}{}", "[".repeat(20_000), "]".repeat(20_000)),
    );
    let f = parse(&n, &diep).unwrap_err();
    assert_eq!(
        f.to_string(),
        "paspoort.md:5: front matter: te diep genest: te veel [ of { in elkaar"
    );
}
