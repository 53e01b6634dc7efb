//! The command line, run as a user would.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_loket");

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
    assert!(err.contains("2000 persons"), "{err}");
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
    assert!(err.contains("cannot be used with"), "{err}");
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
