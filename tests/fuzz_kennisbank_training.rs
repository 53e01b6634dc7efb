//! Fuzzing inside `cargo test` (issue 17): the kennisbank parser, the beslisboom checker and
//! the scenario parser get arbitrary and mutated input, starting from the real articles and
//! scenarios and the seed corpus in `tests/data/fuzz/` (replayed on every run). None of them
//! may panic, and whatever the checker passes, the desk loads and walks: every keuze of every
//! knoop through the kennisbank pane, every case of a scenario on its clock. The number of
//! generated cases is bounded (a few seconds per target); a crash found becomes a named test.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use loket::app::kennisbank::{KennisbankPane, Walk};
use loket::domain::training::{self, Bekend};
use loket::kennisbank::{self, Doel, Kennisbank};
use proptest::prelude::*;

fn dag() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

/// The files of `tests/data/fuzz/<map>`, sorted: (name, bytes).
fn corpus(map: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(map);
    let mut paden: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paden.sort();
    paden
        .into_iter()
        .map(|p| {
            let naam = p.file_name().unwrap().to_string_lossy().into_owned();
            (naam, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// A desk, drawn on a test terminal.
fn desk() -> loket::app::State {
    use loket::app::{Action, Ctx, Pane, Session, State, update};
    let mut s = State::new(
        Session {
            gemeente: None,
            medewerker: None,
            desk_id: uuid::Uuid::nil(),
            demo: true,
            termijnen: Default::default(),
        },
        loket::app::aanmelden::Fase::Aangemeld,
        chrono::Local::now(),
    );
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Kennisbank));
    s
}

/// Draw the desk; its text.
fn teken(s: &loket::app::State) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    let f = t
        .draw(|f| loket::ui::draw(f, s, &loket::ui::Theme { color: true }))
        .unwrap();
    f.buffer.content().iter().map(|c| c.symbol()).collect()
}

/// What the desk does with a kennisbank the check passed: load it into the pane, open every
/// beslisboom, and follow every keuze of every knoop it can reach (each knoop reached by the
/// first path found to it), stepping back after each; the desk is drawn at every knoop.
/// Panics are the failure.
fn loop_alles_door(kb: Kennisbank) {
    let mut scherm = desk();
    let bomen: Vec<String> = kb
        .artikelen
        .iter()
        .filter(|a| a.beslisboom.is_some())
        .map(|a| a.id.clone())
        .collect();
    let mut pane = KennisbankPane::default();
    pane.loaded(kb, dag());
    for id in bomen {
        let kb = pane.kb.clone().unwrap();
        let boom = kb.artikel(&id).unwrap().beslisboom.clone().unwrap();
        // The path to each knoop: (knoop id, keuze index) steps, breadth first.
        let mut paden: Vec<(String, Vec<usize>)> = vec![(boom.start.clone(), Vec::new())];
        let mut gezien = std::collections::HashSet::from([boom.start.clone()]);
        let mut i = 0;
        while let Some((k, pad)) = paden.get(i).cloned() {
            i += 1;
            let knoop = boom.knoop(&k).expect("every naar leads to a knoop");
            for (n, c) in knoop.keuzes.iter().enumerate() {
                if let Some(Doel::Knoop(naar)) = c.doel()
                    && gezien.insert(naar.to_string())
                {
                    let mut verder = pad.clone();
                    verder.push(n);
                    paden.push((naar.to_string(), verder));
                }
            }
        }
        assert_eq!(paden.len(), boom.knopen.len(), "every knoop reachable");
        for (k, pad) in &paden {
            pane.open = Some(id.clone());
            pane.walk = Some(Walk {
                boom: id.clone(),
                pad: Vec::new(),
                einde: None,
            });
            for &n in pad {
                pane.kies(n + 1);
            }
            assert_eq!(
                pane.huidige_knoop().map(|x| x.id.as_str()),
                Some(k.as_str())
            );
            scherm.kennisbank = pane.clone();
            let beeld = teken(&scherm);
            assert!(beeld.contains("Kennisbank"), "{beeld}");
            let keuzes = pane.huidige_knoop().unwrap().keuzes.len();
            // A number key without a keuze does nothing.
            for n in [0, keuzes + 1, 99] {
                pane.kies(n);
                assert_eq!(pane.walk.as_ref().map(|w| w.pad.len()), Some(pad.len()));
            }
            for n in 1..=keuzes {
                pane.kies(n);
                pane.stap_terug();
                // Back where it was: the same knoop.
                assert_eq!(
                    pane.huidige_knoop().map(|x| x.id.as_str()),
                    Some(k.as_str())
                );
            }
        }
        pane.back(dag());
    }
}

/// The kennisbank parser and loader on one (name, text): never a panic; what passes is walked.
fn kennisbank_doel(naam: &str, bytes: &[u8]) {
    let tekst = String::from_utf8_lossy(bytes);
    let _ = kennisbank::parse(naam, &tekst);
    let kb = kennisbank::laad(&[(naam.to_string(), tekst.into_owned())]);
    loop_alles_door(kb);
}

fn bekend() -> Bekend {
    Bekend {
        artikelen: vec!["paspoort".into()],
        keuzemenu: vec!["Burgerzaken".into()],
        diensten: vec!["Ophalen reisdocument of rijbewijs".into()],
        klanten: vec!["Jan de Vries".into()],
    }
}

fn t(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000 + s, 0).unwrap()
}

/// The scenario parser on one text: never a panic; what passes runs on its clock.
fn scenario_doel(naam: &str, bytes: &[u8]) {
    let tekst = String::from_utf8_lossy(bytes);
    for b in [Bekend::default(), bekend()] {
        let Ok(s) = training::parse(naam, &tekst, &b) else {
            continue;
        };
        let mut tr = loket::app::training::Training::new(s, "Fuzz".into());
        let _ = tr.begin();
        tr.klanten_gevonden(&[], t(0));
        for nu in [0, 1, 60, 3600, 86_400, 86_400 * 30] {
            let _ = tr.stap(t(nu));
        }
        let _ = tr.beoordeel(t(86_400 * 31));
        for g in &tr.scenario.gevallen {
            let f = training::Feiten {
                seconden: i64::MAX,
                ..Default::default()
            };
            let _ = training::controleer(g, Some(&f), &|s: &str| s.to_string());
            let _ = training::controleer(g, None, &|s: &str| s.to_string());
        }
    }
}

/// The real articles and scenarios, and the seed corpus.
fn zaden_kennisbank() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = kennisbank::INGEBOUWD
        .iter()
        .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
        .collect();
    v.extend(corpus("kennisbank"));
    v
}

fn zaden_scenario() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = training::INGEBOUWD
        .iter()
        .map(|(n, t)| (format!("{n}.toml"), t.as_bytes().to_vec()))
        .collect();
    v.extend(corpus("scenario"));
    v
}

/// Pieces that matter to the parsers, spliced into a seed.
const STUKJES: &[&str] = &[
    "+++",
    "\n+++\n",
    "[[knoop]]\nid = \"a\"\nvraag = \"?\"\nkeuzes = [{ tekst = \"1\", naar = \"a\" }, { tekst = \"2\", afhandeling = \"x\" }]\n",
    "naar = \"a\"",
    "naar = \"start\"",
    "artikel = \"paspoort\"",
    "afhandeling = \"x\"",
    "\n## Antwoord\n",
    "\n## Onderwatertekst\n",
    "\u{feff}",
    "\r\n",
    "\"",
    "'''",
    "[",
    "]",
    "{",
    "}",
    "=",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "-1",
    "0",
    "nan",
    "inf",
    "-inf",
    "1e308",
    "2026-02-30",
    "\n[[geval]]\nid = \"x\"\nkanaal = \"telefoon\"\nkeuze = \"Burgerzaken\"\nzegt = \"Hoi\"\n",
    "na_seconden = ",
    "al_wachtend = ",
    "snelheid = ",
    "norm_seconden = ",
    "[aankomsten]\n",
    "[geval.verwacht]\n",
    "é",
    "\u{0}",
];

#[derive(Debug, Clone)]
enum Mutatie {
    Weg {
        van: usize,
        lengte: usize,
    },
    Stukje {
        op: usize,
        stukje: usize,
    },
    Bytes {
        op: usize,
        bytes: Vec<u8>,
    },
    Herhaal {
        van: usize,
        lengte: usize,
        keer: usize,
    },
}

fn mutatie() -> impl Strategy<Value = Mutatie> {
    prop_oneof![
        (any::<usize>(), 0usize..64).prop_map(|(van, lengte)| Mutatie::Weg { van, lengte }),
        (any::<usize>(), 0..STUKJES.len()).prop_map(|(op, stukje)| Mutatie::Stukje { op, stukje }),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(op, bytes)| Mutatie::Bytes { op, bytes }),
        (any::<usize>(), 1usize..200, 1usize..8).prop_map(|(van, lengte, keer)| Mutatie::Herhaal {
            van,
            lengte,
            keer
        }),
    ]
}

fn muteer(mut b: Vec<u8>, mutaties: &[Mutatie]) -> Vec<u8> {
    for m in mutaties {
        let n = b.len();
        match m {
            Mutatie::Weg { van, lengte } if n > 0 => {
                let van = van % n;
                let tot = (van + lengte).min(n);
                b.drain(van..tot);
            }
            Mutatie::Weg { .. } => {}
            Mutatie::Stukje { op, stukje } => {
                let op = op % (n + 1);
                b.splice(op..op, STUKJES[*stukje].bytes());
            }
            Mutatie::Bytes { op, bytes } => {
                let op = op % (n + 1);
                b.splice(op..op, bytes.iter().copied());
            }
            Mutatie::Herhaal { van, lengte, keer } if n > 0 => {
                let van = van % n;
                let stuk = b[van..(van + lengte).min(n)].to_vec();
                for _ in 0..*keer {
                    b.splice(van..van, stuk.iter().copied());
                }
            }
            Mutatie::Herhaal { .. } => {}
        }
    }
    b
}

/// A beslisboom as the generator draws it: knopen whose keuzes mostly lead on (forward, so
/// that many trees pass the check and get walked) and sometimes anywhere (back, to a knoop that
/// does not exist, an article, an afhandeling, several or none at once).
#[derive(Debug, Clone)]
struct Getekend {
    start: usize,
    /// Per knoop its keuzes: (kind, where).
    knopen: Vec<Vec<(u8, usize)>>,
    /// The first keuze of each knoop leads to the next knoop (all reachable).
    ruggengraat: bool,
    /// The second knoop has the first one's id.
    dubbel: bool,
    /// Only keuzes that lead somewhere, 2 to 9 of them (most of these pass).
    netjes: bool,
}

fn getekend() -> impl Strategy<Value = Getekend> {
    (1usize..16).prop_flat_map(|n| {
        let aantal = prop_oneof![9 => 2usize..10, 1 => 0usize..12];
        (
            prop_oneof![9 => Just(0), 1 => 0..n + 1],
            proptest::collection::vec(
                aantal.prop_flat_map(|k| proptest::collection::vec((0u8..40, 0usize..64), k)),
                n,
            ),
            proptest::bool::weighted(0.9),
            proptest::bool::weighted(0.03),
            proptest::bool::weighted(0.6),
        )
            .prop_map(|(start, knopen, ruggengraat, dubbel, netjes)| Getekend {
                start,
                knopen,
                ruggengraat,
                dubbel,
                netjes,
            })
    })
}

fn als_artikel(g: &Getekend) -> String {
    let n = g.knopen.len();
    let mut t = format!(
        "+++\nid = \"bb-fuzz\"\ntitel = \"Beslisboom: fuzz\"\nsoort = \"beslisboom\"\nafdeling = \"Burgerzaken\"\n\
         knip = \"1e lijn direct\"\nafhandeling = \"Volg de boom\"\nstart = \"k{}\"\n\n",
        g.start
    );
    for (i, keuzes) in g.knopen.iter().enumerate() {
        let id = if g.dubbel && i == 1 { 0 } else { i };
        t.push_str(&format!(
            "[[knoop]]\nid = \"k{id}\"\nvraag = \"Vraag {i}?\"\nkeuzes = [\n"
        ));
        let keuzes = match g.netjes {
            true if keuzes.len() < 2 => &[(0, 0), (20, 1)][..],
            true => &keuzes[..keuzes.len().min(9)],
            false => &keuzes[..],
        };
        for (j, &(soort, waar)) in keuzes.iter().enumerate() {
            let soort = if g.netjes { soort % 34 } else { soort };
            let vooruit = (i + 1 < n).then(|| i + 1 + waar % (n - i - 1));
            let doel = match (soort, vooruit) {
                _ if j == 0 && g.ruggengraat && i + 1 < n => format!("naar = \"k{}\"", i + 1),
                (0..=19, Some(v)) => format!("naar = \"k{v}\""),
                (0..=19, None) | (20..=27, _) => format!("afhandeling = \"Einde {waar}\""),
                (28..=33, _) => "artikel = \"paspoort\"".into(),
                (34..=35, _) => format!("naar = \"k{}\"", waar % (n + 1)),
                (36, _) => "artikel = \"bestaat-niet\"".into(),
                (37, _) => format!("naar = \"k{waar}\", afhandeling = \"dubbel\""),
                _ => String::new(),
            };
            let komma = if doel.is_empty() { "" } else { ", " };
            t.push_str(&format!("  {{ tekst = \"{j}\"{komma}{doel} }},\n"));
        }
        t.push_str("]\n");
    }
    t.push_str("+++\n\n## Antwoord\nKies.\n\n## Onderwatertekst\nIntern.\n");
    t
}

fn paspoort() -> (String, String) {
    kennisbank::INGEBOUWD
        .iter()
        .find(|(n, _)| *n == "paspoort.md")
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .unwrap()
}

#[test]
fn the_seed_corpus_replays_without_a_panic() {
    let kb = zaden_kennisbank();
    assert!(
        kb.len() > kennisbank::INGEBOUWD.len(),
        "the corpus is there"
    );
    for (naam, bytes) in &kb {
        kennisbank_doel(naam, bytes);
    }
    // All together, as a folder of them loads.
    let alles: Vec<(String, String)> = kb
        .iter()
        .map(|(n, b)| (n.clone(), String::from_utf8_lossy(b).into_owned()))
        .collect();
    loop_alles_door(kennisbank::laad(&alles));
    let sc = zaden_scenario();
    assert!(sc.len() > training::INGEBOUWD.len(), "the corpus is there");
    for (naam, bytes) in &sc {
        scenario_doel(naam, bytes);
    }
}

/// Generated cases per target: a few seconds in `cargo test`; `FUZZ_GEVALLEN=100000` for a
/// longer campaign by hand.
fn gevallen() -> u32 {
    std::env::var("FUZZ_GEVALLEN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

proptest! {
    // A failure is shrunk and printed; it becomes a named test below, not a file on the side.
    #![proptest_config(ProptestConfig {
        cases: gevallen(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_kennisbank_parser_never_panics_on_mutated_articles(
        zaad in any::<proptest::sample::Index>(),
        mutaties in proptest::collection::vec(mutatie(), 1..6),
    ) {
        let zaden = zaden_kennisbank();
        let (naam, bytes) = zaad.get(&zaden);
        kennisbank_doel(naam, &muteer(bytes.clone(), &mutaties));
    }

    #[test]
    fn the_kennisbank_parser_never_panics_on_arbitrary_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
        front in any::<bool>(),
    ) {
        let mut b = if front { b"+++\n".to_vec() } else { Vec::new() };
        b.extend(bytes);
        kennisbank_doel("x.md", &b);
    }

    #[test]
    fn what_the_beslisboom_check_passes_loads_and_every_keuze_can_be_walked(g in getekend()) {
        let tekst = als_artikel(&g);
        let kb = kennisbank::laad(&[("bb-fuzz.md".into(), tekst), paspoort()]);
        let geslaagd = kb.artikel("bb-fuzz").is_some();
        if !geslaagd {
            let f = kb.fouten.iter().find(|f| f.bestand == "bb-fuzz.md");
            prop_assert!(f.is_some_and(|f| f.regel >= 1), "refused with a line: {:?}", kb.fouten);
        }
        loop_alles_door(kb);
    }

    #[test]
    fn the_scenario_parser_never_panics_on_mutated_scenarios(
        zaad in any::<proptest::sample::Index>(),
        mutaties in proptest::collection::vec(mutatie(), 1..6),
    ) {
        let zaden = zaden_scenario();
        let (naam, bytes) = zaad.get(&zaden);
        scenario_doel(naam, &muteer(bytes.clone(), &mutaties));
    }

    #[test]
    fn every_number_a_scenario_check_passes_runs(
        snelheid in prop_oneof![Just(i64::MIN), -1i64..25, Just(i64::MAX)],
        seed in prop_oneof![Just(i64::MIN), -1i64..3, Just(i64::MAX)],
        al_wachtend in prop_oneof![Just(i64::MIN), -1i64..60, Just(i64::MAX)],
        na in prop_oneof![Just(i64::MIN), -1i64..100_000, Just(i64::MAX)],
        norm in prop_oneof![Just(i64::MIN), -1i64..100_000, Just(i64::MAX)],
        per_uur in prop_oneof![Just("nan".to_string()), Just("inf".to_string()), (-1.0f64..700.0).prop_map(|f| format!("{f:?}"))],
        opkomst in prop_oneof![Just("nan".to_string()), (-0.5f64..1.5).prop_map(|f| format!("{f:?}"))],
    ) {
        let tekst = format!(
            "titel = \"Getallen\"\nsnelheid = {snelheid}\nseed = {seed}\n[aankomsten]\nbellers_per_uur = {per_uur}\n\
             bezoekers_per_uur = {per_uur}\nal_wachtend = {al_wachtend}\nafspraken_opkomst = {opkomst}\n\n\
             [[geval]]\nid = \"a\"\nkanaal = \"telefoon\"\nna_seconden = {na}\nkeuze = \"Burgerzaken\"\n\
             zegt = \"Hallo\"\n[geval.verwacht]\nnorm_seconden = {norm}\n"
        );
        scenario_doel("getallen.toml", tekst.as_bytes());
    }
}

// Regression tests. The crashes known before these targets existed are named tests where they
// were fixed: kennisbank::tests (a converging tree, a 100 000-deep chain on a small stack, files
// that are not files), domain::training::tests and app::training::tests (scenario numbers, a NaN
// rate), kennisbank::lader::tests (two loads at once). A run of 20 000 cases per target
// (FUZZ_GEVALLEN=20000) found nothing more; a crash found later gets its own test here.
