//! The command line, run as a user would.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_loket");

/// An account on the desk database `db` (`loket medewerker toevoegen`); the password file.
fn account(db: &str, login: &str, rol: &str) -> String {
    let pw = std::path::Path::new(db).with_file_name(format!("{login}.wachtwoord"));
    std::fs::write(&pw, "welkom01").unwrap();
    let pw = pw.to_str().unwrap().to_string();
    let (code, _, err) = run(&[
        "medewerker",
        "toevoegen",
        "--db",
        db,
        "--login",
        login,
        "--naam",
        login,
        "--rol",
        rol,
        "--wachtwoord-bestand",
        &pw,
    ]);
    assert_eq!(code, 0, "{err}");
    pw
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn version_and_help_document_every_option_and_subcommand() {
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("loket "), "{out}");
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for word in ["--demo", "--db", "--config", "demo", "--version"] {
        assert!(out.contains(word), "--help lacks {word}:\n{out}");
    }
    let (code, out, _) = run(&["demo", "--help"]);
    assert_eq!(code, 0);
    for word in ["--db", "--seed", "--days", "--force", "--datum"] {
        assert!(out.contains(word), "demo --help lacks {word}:\n{out}");
    }
}

#[test]
fn demo_writes_a_database_and_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let args = [
        "demo",
        "--db",
        db,
        "--seed",
        "5",
        "--days",
        "5",
        "--datum",
        "2026-11-23",
    ];
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2000 personen"), "{err}");
    let first = std::fs::read(db).unwrap();

    let (code, _, err) = run(&args);
    assert_ne!(code, 0);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read(db).unwrap(),
        first,
        "file changed without --force"
    );

    let mut forced = args.to_vec();
    forced.push("--force");
    let (code, _, err) = run(&forced);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn demo_and_db_cannot_be_combined() {
    let (code, _, err) = run(&["--demo", "--db", "/tmp/x.db"]);
    assert_eq!(code, 2);
    assert!(err.contains("--demo gaat niet samen met --db"), "{err}");
    assert!(err.contains("Gebruik: loket"), "{err}");
}

#[test]
fn an_invalid_config_file_is_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "desk_id = 12\n").unwrap();
    let (code, _, err) = run(&[
        "--config",
        cfg.to_str().unwrap(),
        "--db",
        dir.path().join("l.db").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("config.toml"), "{err}");
}

#[test]
fn audit_lists_lookups_of_a_klant_and_refuses_a_bad_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db_s = db.to_str().unwrap();
    let (code, _, err) = run(&["demo", "--db", db_s, "--days", "2", "--datum", "2026-11-23"]);
    assert_eq!(code, 0, "{err}");
    let klant: String = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let klant: String = conn
            .query_row("SELECT id FROM partij LIMIT 1", [], |r| r.get(0))
            .unwrap();
        conn.execute(
            "INSERT INTO audit_log (id, at, desk_id, medewerker_id, medewerker, partij_id, zaak_id, reden)
             VALUES ('a1', '2026-11-23T09:00:00.000Z', 'd35c0000', NULL, 'Sietske Postma', ?1, NULL, 'BSN getoond')",
            [&klant],
        )
        .unwrap();
        klant
    };
    // The desk's own log is for a supervisor or the privacy officer, signed in; the role in a
    // config.toml counts for nothing.
    let pw_m = account(db_s, "m.medewerker", "medewerker");
    let pw_p = account(db_s, "p.privacy", "privacy");
    let (code, _, err) = run(&["audit", "--klant", &klant, "--db", db_s]);
    assert_ne!(code, 0);
    assert!(err.contains("--login"), "{err}");
    let als = |login: &'static str, pw: &str| {
        let mut a = vec!["audit", "--klant", &klant, "--db", db_s, "--login", login];
        a.extend(["--wachtwoord-bestand", pw]);
        run(&a)
    };
    let (code, _, err) = als("m.medewerker", &pw_m);
    assert_ne!(code, 0);
    assert!(err.contains("heeft de rol medewerker"), "{err}");
    let (code, out, err) = als("p.privacy", &pw_p);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Sietske Postma") && out.contains("BSN getoond"),
        "{out}"
    );
    let (code, _, err) = run(&["audit", "--klant", "not-a-uuid", "--db", db_s]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn kennisbank_check_names_every_broken_file_by_line_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("kennisbank");
    let goed = std::fs::read_to_string(repo.join("grofvuil.md"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("gerelateerd"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("grofvuil.md"), &goed).unwrap();
    // Bad front matter: an unknown key on line 4.
    std::fs::write(
        dir.path().join("kapot.md"),
        goed.replace("id = \"grofvuil\"", "id = \"kapot\"")
            .replacen("soort", "sooort", 1),
    )
    .unwrap();
    // A link to an article that does not exist.
    std::fs::write(
        dir.path().join("los.md"),
        goed.replace("id = \"grofvuil\"", "id = \"los\"")
            .replace("+++\n\n##", "gerelateerd = [\"bestaat-niet\"]\n+++\n\n##"),
    )
    .unwrap();
    // A beslisboom that loops.
    std::fs::write(
        dir.path().join("bb-kring.md"),
        "+++\nid = \"bb-kring\"\ntitel = \"Beslisboom: kring\"\nsoort = \"beslisboom\"\nafdeling = \"Burgerzaken\"\n\
         knip = \"1e lijn direct\"\nafhandeling = \"Volg de boom\"\nstart = \"a\"\n\n\
         [[knoop]]\nid = \"a\"\nvraag = \"Een?\"\nkeuzes = [\n  { tekst = \"ja\", naar = \"b\" },\n  { tekst = \"nee\", afhandeling = \"stop\" },\n]\n\n\
         [[knoop]]\nid = \"b\"\nvraag = \"Twee?\"\nkeuzes = [\n  { tekst = \"ja\", naar = \"a\" },\n  { tekst = \"nee\", afhandeling = \"stop\" },\n]\n+++\n\
         ## Antwoord\nKies.\n## Onderwatertekst\nIntern.\n",
    )
    .unwrap();
    let (code, out, _) = run(&["kennisbank", "check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("kapot.md:4: front matter:"), "{out}");
    assert!(
        out.contains("los.md:") && out.contains("\"bestaat-niet\" bestaat niet"),
        "{out}"
    );
    assert!(
        out.contains("bb-kring.md:") && out.contains("kring: a → b → a"),
        "{out}"
    );
    assert!(
        out.contains("2 artikelen geladen, 3 fouten"),
        "the rest still loads:\n{out}"
    );

    // And the search prints the desk's ranking for scripts.
    let (code, out, _) = run(&[
        "kennisbank",
        "zoek",
        "grof vuil",
        "--json",
        "--dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["id"], "grofvuil", "{out}");
}

#[test]
fn rapport_writes_markdown_csv_for_dutch_excel_and_json_and_keeps_per_medewerker_for_supervisors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db_s = db.to_str().unwrap();
    let (code, _, err) = run(&[
        "demo",
        "--db",
        db_s,
        "--days",
        "10",
        "--personen",
        "50",
        "--datum",
        "2026-11-23",
    ]);
    assert_eq!(code, 0, "{err}");
    let periode = ["--van", "2026-11-13", "--tot", "2026-11-23"];
    let mut args = vec!["rapport", "--db", db_s];
    args.extend(periode);
    let (code, md, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        md.starts_with("# Rapportage 2026-11-13 t/m 2026-11-23"),
        "{md}"
    );
    assert!(
        md.contains("## Contacten per kanaal") && md.contains("| telefoon |"),
        "{md}"
    );
    let mut csv = args.clone();
    csv.extend(["--formaat", "csv", "--per", "dag"]);
    let (code, out, _) = run(&csv);
    assert_eq!(code, 0);
    assert!(out.starts_with('\u{feff}'), "UTF-8 with BOM for Excel");
    assert!(out.contains("contacten_per_dag;2026-11-2"), "{out}");
    // The period on every row, counts beside the percentages (issue 15 §5).
    assert!(
        out.lines()
            .skip(1)
            .all(|l| l.ends_with(";2026-11-13;2026-11-23")),
        "{out}"
    );
    assert!(
        out.contains("\ntelefoon;servicelevel_binnen_30_s;"),
        "{out}"
    );
    let mut json = args.clone();
    json.extend(["--formaat", "json"]);
    let (code, out, _) = run(&json);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["contacten"].as_i64().unwrap() > 0);
    // Per medewerker: for a supervisor who signs in. A config.toml that says supervisor counts
    // for nothing (an old one still loads).
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "desk_id = \"0190a0b0-0000-4000-8000-00000000beef\"\n\n[medewerker]\n\
         id = \"0190a0b0-0000-7000-8000-00000000beef\"\nnaam = \"Eva Bakker\"\nrol = \"supervisor\"\n",
    )
    .unwrap();
    let mut per_mw = args.clone();
    per_mw.extend(["--per", "medewerker", "--config", cfg.to_str().unwrap()]);
    let (code, _, err) = run(&per_mw);
    assert_ne!(code, 0);
    assert!(err.contains("--login"), "{err}");
    let pw_m = account(db_s, "e.bakker", "medewerker");
    let pw_s = account(db_s, "s.jansen", "supervisor");
    let mut als_m = per_mw.clone();
    als_m.extend(["--login", "e.bakker", "--wachtwoord-bestand", &pw_m]);
    let (code, _, err) = run(&als_m);
    assert_ne!(code, 0);
    assert!(err.contains("alleen voor de rol supervisor"), "{err}");
    // A wrong password is refused (and slowed down).
    let fout = dir.path().join("fout.wachtwoord");
    std::fs::write(&fout, "raden").unwrap();
    let mut geraden = per_mw.clone();
    geraden.extend([
        "--login",
        "s.jansen",
        "--wachtwoord-bestand",
        fout.to_str().unwrap(),
    ]);
    let (code, _, err) = run(&geraden);
    assert_ne!(code, 0);
    assert!(err.contains("gebruiker of wachtwoord onjuist"), "{err}");
    let mut als_s = per_mw.clone();
    als_s.extend(["--login", "s.jansen", "--wachtwoord-bestand", &pw_s]);
    let (code, out, err) = run(&als_s);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("## Contacten per medewerker"), "{out}");
    // A period backwards is refused.
    let (code, _, err) = run(&[
        "rapport",
        "--db",
        db_s,
        "--van",
        "2026-11-23",
        "--tot",
        "2026-11-01",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("--van ligt na --tot"), "{err}");
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    // `loket kennisbank zoek … | head -1`: the pipe is closed before the output is written.
    let mut child = Command::new(BIN)
        .args(["kennisbank", "zoek", "aanvragen", "--limit", "200"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn training_check_names_every_problem_by_file_and_line() {
    let (code, _, err) = run(&["training", "--check"]);
    assert_eq!(code, 0, "the built-in scenarios are valid: {err}");
    assert!(
        err.contains("5 scenario's gecontroleerd, 0 fouten"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kapot.toml"),
        "titel = \"Kapot\"\nsnelheid = 99\n\n[[geval]]\nid = \"a\"\nkanaal = \"telefoon\"\n\
         keuze = \"Zwemmen\"\nzegt = \"Hallo\"\n[geval.verwacht]\nartikel = \"bestaat-niet\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("stuk.toml"),
        "titel = \"Stuk\"\nkleur = \"rood\"\n",
    )
    .unwrap();
    // Numbers the check used to pass and the desk then died on.
    std::fs::write(
        dir.path().join("getal.toml"),
        "titel = \"Getal\"\n[aankomsten]\nal_wachtend = 1000000000000\n\n[[geval]]\nid = \"a\"\n\
         kanaal = \"telefoon\"\nna_seconden = 9223372036854775807\nkeuze = \"Burgerzaken\"\nzegt = \"Hallo\"\n",
    )
    .unwrap();
    let (code, out, _) = run(&["training", "--check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    for verwacht in [
        "getal.toml:3: al_wachtend 1000000000000 ligt niet tussen 0 en 50",
        "getal.toml:8: na_seconden 9223372036854775807 ligt niet tussen 0 en 86400",
        "kapot.toml:2: snelheid 99 ligt niet tussen 1 en 20",
        "kapot.toml:7: keuze \"Zwemmen\" is onbekend",
        "kapot.toml:10: artikel \"bestaat-niet\" staat niet in de kennisbank",
        "stuk.toml:2:",
    ] {
        assert!(out.contains(verwacht), "lacks {verwacht:?}:\n{out}");
    }
}

#[test]
fn training_never_uses_or_syncs_a_desk_database() {
    let dir = tempfile::tempdir().unwrap();
    let prod = dir.path().join("loket.db");
    let (code, _, err) = run(&["demo", "--db", prod.to_str().unwrap(), "--days", "2"]);
    assert_eq!(code, 0, "{err}");
    let voor = std::fs::read(&prod).unwrap();
    // Training on the desk's own database is refused, and the file is left as it was.
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        format!(
            "desk_id = \"0190a0b0-0000-4000-8000-00000000d35c\"\ndatabase = \"{}\"\n\n[sync]\nurl = \"postgres://loket@127.0.0.1:1/loket\"\n",
            prod.display()
        ),
    )
    .unwrap();
    let (code, _, err) = run(&[
        "training",
        "--db",
        prod.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("eigen database"), "{err}");
    assert_eq!(std::fs::read(&prod).unwrap(), voor, "untouched");
    // A training database is never handed to the shared database, whatever the config says.
    let training = dir.path().join("training.db");
    let mut child = std::process::Command::new(BIN)
        .args([
            "training",
            "--db",
            training.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Without a terminal the desk cannot start, but the training database is prepared first.
    let _ = child.wait();
    assert!(training.exists(), "training.db prepared");
    let (code, _, err) = run(&[
        "sync",
        "--once",
        "--db",
        training.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("trainingsdatabase"), "{err}");
    assert_eq!(std::fs::read(&prod).unwrap(), voor, "still untouched");
}

#[test]
fn read_only_commands_refuse_a_missing_empty_or_foreign_file_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ontbreekt = dir.path().join("typo.db");
    let leeg = dir.path().join("leeg.db");
    std::fs::write(&leeg, b"").unwrap();
    let vreemd = dir.path().join("vreemd.db");
    rusqlite::Connection::open(&vreemd)
        .unwrap()
        .execute_batch(
            "CREATE TABLE boodschappen (wat TEXT); INSERT INTO boodschappen VALUES ('brood');",
        )
        .unwrap();
    let vreemd_voor = std::fs::read(&vreemd).unwrap();
    let klant = "0190a0b0-0000-7000-8000-000000000001";
    let opdrachten = |db: &str| -> Vec<Vec<String>> {
        [
            vec!["audit", "--klant", klant, "--db", db],
            vec![
                "rapport",
                "--van",
                "2026-11-01",
                "--tot",
                "2026-11-30",
                "--db",
                db,
            ],
            vec!["kennisbank", "stats", "--db", db],
        ]
        .into_iter()
        .map(|v| v.into_iter().map(String::from).collect())
        .collect()
    };
    for (pad, verwacht) in [
        (&ontbreekt, "bestaat niet of is leeg"),
        (&leeg, "bestaat niet of is leeg"),
        (&vreemd, "geen loket-database"),
    ] {
        for args in opdrachten(pad.to_str().unwrap()) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (code, out, err) = run(&args);
            assert_eq!(code, 2, "a refused database exits 2: {args:?}: {out}");
            assert!(err.contains(verwacht), "{args:?}: {err}");
            assert!(!out.contains("no audit entries"), "{args:?}: {out}");
        }
    }
    assert!(!ontbreekt.exists(), "a read-only command created the file");
    assert_eq!(
        std::fs::metadata(&leeg).unwrap().len(),
        0,
        "the empty file was taken over"
    );
    assert_eq!(
        std::fs::read(&vreemd).unwrap(),
        vreemd_voor,
        "the foreign file changed"
    );
    let naast: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with("-wal") || n.ends_with("-shm"))
        .collect();
    assert!(naast.is_empty(), "files created beside: {naast:?}");
}

#[test]
fn a_closed_stderr_or_stdout_is_no_reason_to_panic() {
    // `loket --foo 2>&1 | head -0` and `loket --help | head -0`: the reader is gone.
    for (args, code) in [
        (&["--foo"][..], 2),
        (&["--help"][..], 0),
        (&["kennisbank"][..], 2),
    ] {
        let mut child = Command::new(BIN)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}

#[test]
fn the_desk_without_a_terminal_says_so_and_wall_screens_do_not_create_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let cfg = dir.path().join("config.toml");
    // stdin and stdout are pipes here, as under cron or a redirect.
    let (code, _, err) = run(&[
        "--db",
        db.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("loket heeft een terminal nodig"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !db.exists(),
        "the desk created its database before finding no terminal"
    );
    for scherm in ["oproepscherm", "vloer"] {
        let (code, _, err) = run(&[scherm, "--db", db.to_str().unwrap()]);
        assert_eq!(code, 2, "{scherm}: {err}");
        assert!(err.contains("bestaat niet"), "{scherm}: {err}");
        assert!(!db.exists(), "{scherm} created the file");
    }
}

#[test]
fn usage_errors_are_in_dutch_and_exit_2() {
    let (code, _, err) = run(&["demo", "--db", "/nergens/x.db", "--days", "99999"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("ongeldige waarde '99999' voor --days") && err.contains("tot en met 10000"),
        "{err}"
    );
    let (code, _, err) = run(&["rapport", "--van", "morgen"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("geen geldige datum"), "{err}");
    assert!(!err.contains("error:") && !err.contains("invalid"), "{err}");
}

#[test]
fn impossible_numbers_and_dates_on_the_command_line_are_usage_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db_s = db.to_str().unwrap();
    for n in ["0", "1", "7", "200001"] {
        let (code, _, err) = run(&["demo", "--db", db_s, "--personen", n]);
        assert_eq!(code, 2, "--personen {n}: {err}");
        assert!(!err.contains("panicked"), "--personen {n}: {err}");
        assert!(!db.exists(), "--personen {n} wrote a file");
    }
    let (code, _, err) = run(&["demo", "--db", db_s, "--personen", "50", "--days", "2"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&[
        "rapport",
        "--van",
        "2026-11-30",
        "--tot",
        "2026-11-01",
        "--db",
        db_s,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--van ligt na --tot"), "{err}");
}

#[test]
fn what_the_tester_found_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    // demo --force never replaces a pipe or a device with a file.
    let fifo = dir.path().join("pijp.db");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, _, err) = run(&["demo", "--db", fifo.to_str().unwrap(), "--force"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("geen gewoon bestand"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A check whose reader stops early still fails when it found problems.
    let kb = dir.path().join("kb");
    std::fs::create_dir(&kb).unwrap();
    std::fs::write(kb.join("kapot.md"), "geen front matter\n").unwrap();
    let mut child = Command::new(BIN)
        .args(["kennisbank", "check", kb.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
    // The report to the end of the calendar counts the same as to the end of this year.
    let db = dir.path().join("d.db");
    let (code, _, err) = run(&[
        "demo",
        "--db",
        db.to_str().unwrap(),
        "--days",
        "2",
        "--datum",
        "2026-11-25",
    ]);
    assert_eq!(code, 0, "{err}");
    let telling = |tot: &str| {
        let (code, out, err) = run(&[
            "rapport",
            "--van",
            "2026-11-01",
            "--tot",
            tot,
            "--db",
            db.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        out.lines()
            .find(|l| l.starts_with("Contacten:"))
            .unwrap_or_default()
            .to_string()
    };
    let gewoon = telling("2026-12-31");
    assert!(!gewoon.starts_with("Contacten: 0."), "{gewoon}");
    assert_eq!(telling("9999-12-31"), gewoon);
    // A negative number is a wrong number, not an unknown option.
    let (code, _, err) = run(&["demo", "--db", "x.db", "--days", "-1"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ongeldige waarde '-1' voor --days"), "{err}");
    // An unknown format is a usage error.
    let (code, _, err) = run(&[
        "rapport",
        "--van",
        "2026-11-01",
        "--tot",
        "2026-11-30",
        "--db",
        db.to_str().unwrap(),
        "--formaat",
        "xml",
    ]);
    assert_eq!(code, 2, "{err}");
}
