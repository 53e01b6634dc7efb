//! The desk's technical log: one timestamped line per event worth a developer's look (a call
//! source that drops, a malformed AMI block), appended to `loket.log` beside the database. The
//! terminal belongs to the UI, so nothing goes to stderr while the desk runs. Never holds
//! personal data or secrets: callers write only what they pass here.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

static BESTAND: OnceLock<Mutex<PathBuf>> = OnceLock::new();

/// Log to `pad` from now on (the desk calls this once at start).
pub fn naar(pad: PathBuf) {
    let _ = BESTAND.set(Mutex::new(pad));
}

/// Append a line; a log that cannot be written is not worth stopping for.
pub fn schrijf(regel: &str) {
    let Some(pad) = BESTAND.get() else { return };
    let Ok(pad) = pad.lock() else { return };
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&*pad)
    {
        let _ = writeln!(
            f,
            "{} {}",
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S"),
            regel.replace('\n', " ")
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_are_appended_with_a_timestamp_on_one_line_each() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("loket.log");
        super::naar(pad.clone());
        super::schrijf("telefonie: verbinding verbroken");
        super::schrijf("twee\nregels");
        let tekst = std::fs::read_to_string(&pad).unwrap();
        let regels: Vec<&str> = tekst.lines().collect();
        assert_eq!(regels.len(), 2);
        assert!(regels[0].ends_with(" telefonie: verbinding verbroken"));
        assert!(regels[1].ends_with("twee regels"));
    }
}
