//! The desk's technical log: one timestamped line per event worth a developer's look (a call
//! source that drops, a malformed AMI block), appended to `loket.log` beside the database. The
//! terminal belongs to the UI, so nothing goes to stderr while the desk runs. Never holds
//! personal data or secrets: callers write only what they pass here.
//!
//! What arrives here may come from outside (a PBX's text, a library's error), so the log is
//! bounded: a line is cut at [`MAX_REGEL`] bytes with control characters made visible, and
//! when the file passes [`MAX_BESTAND`] it is rotated (`loket.log` → `loket.log.1` → … →
//! `loket.log.BEWAARD`), so the log never holds more than `(BEWAARD + 1) × MAX_BESTAND` bytes
//! plus one line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Longest line written, in bytes (the rest is replaced by a note of how much was cut).
pub const MAX_REGEL: usize = 2 * 1024;
/// Size at which the log is rotated.
pub const MAX_BESTAND: u64 = 4 * 1024 * 1024;
/// How many rotated files are kept.
pub const BEWAARD: usize = 2;

static BESTAND: OnceLock<Mutex<Logboek>> = OnceLock::new();

/// A bounded, rotating log file.
#[derive(Debug, Clone)]
pub struct Logboek {
    pad: PathBuf,
    max_bestand: u64,
}

impl Logboek {
    pub fn new(pad: PathBuf) -> Logboek {
        Logboek {
            pad,
            max_bestand: MAX_BESTAND,
        }
    }

    /// The same log rotating at `max` bytes (tests).
    pub fn met_max(pad: PathBuf, max: u64) -> Logboek {
        Logboek {
            pad,
            max_bestand: max,
        }
    }

    /// Append one line with a timestamp; errors are ignored (a log is not worth stopping for).
    pub fn schrijf(&self, regel: &str) {
        let regel = begrensd(regel);
        if let Ok(meta) = std::fs::metadata(&self.pad)
            && meta.len() >= self.max_bestand
        {
            roteer(&self.pad);
        }
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.pad)
        {
            let _ = writeln!(
                f,
                "{} {}",
                chrono::Local::now().format("%Y-%m-%d %H:%M:%S"),
                regel
            );
        }
    }
}

/// `pad.N` for the N-th rotated file.
fn oud(pad: &Path, n: usize) -> PathBuf {
    let mut s = pad.as_os_str().to_owned();
    s.push(format!(".{n}"));
    PathBuf::from(s)
}

fn roteer(pad: &Path) {
    let _ = std::fs::remove_file(oud(pad, BEWAARD));
    for n in (1..BEWAARD).rev() {
        let _ = std::fs::rename(oud(pad, n), oud(pad, n + 1));
    }
    let _ = std::fs::rename(pad, oud(pad, 1));
}

/// The line as written: control characters (line breaks, escapes) shown as `\u{..}` so one
/// call is one line and nothing in the log drives a terminal, cut at [`MAX_REGEL`] bytes.
pub fn begrensd(regel: &str) -> String {
    let mut uit = String::with_capacity(regel.len().min(MAX_REGEL + 64));
    let mut gelezen = 0usize;
    for c in regel.chars() {
        if uit.len() >= MAX_REGEL {
            break;
        }
        gelezen += c.len_utf8();
        match c {
            '\n' | '\r' | '\t' => uit.push(' '),
            c if c.is_control() => uit.push_str(&c.escape_unicode().to_string()),
            c => uit.push(c),
        }
    }
    let rest = regel.len() - gelezen;
    if rest > 0 {
        uit.push_str(&format!(" … ({rest} bytes weggelaten)"));
    }
    uit
}

/// Log to `pad` from now on (a command sets the default place, the desk the folder of its
/// database).
pub fn naar(pad: PathBuf) {
    let log = BESTAND.get_or_init(|| Mutex::new(Logboek::new(pad.clone())));
    if let Ok(mut log) = log.lock() {
        *log = Logboek::new(pad);
    }
}

/// Where the log is written, if anywhere.
pub fn pad() -> Option<PathBuf> {
    BESTAND.get()?.lock().ok().map(|l| l.pad.clone())
}

/// Append a line to the desk's log, if it has one.
pub fn schrijf(regel: &str) {
    let Some(log) = BESTAND.get() else { return };
    let Ok(log) = log.lock() else { return };
    log.schrijf(regel);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_appended_with_a_timestamp_on_one_line_each() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("loket.log");
        let log = Logboek::new(pad.clone());
        log.schrijf("telefonie: verbinding verbroken");
        log.schrijf("twee\nregels\r\x1b[2Jweg");
        let tekst = std::fs::read_to_string(&pad).unwrap();
        let regels: Vec<&str> = tekst.lines().collect();
        assert_eq!(regels.len(), 2);
        assert!(regels[0].ends_with(" telefonie: verbinding verbroken"));
        assert!(
            regels[1].ends_with("twee regels \\u{1b}[2Jweg"),
            "{}",
            regels[1]
        );
        assert!(!tekst.contains('\x1b'));
    }

    #[test]
    fn a_long_line_is_cut_and_says_how_much() {
        let lang = "é".repeat(10_000);
        let regel = begrensd(&lang);
        assert!(regel.len() < MAX_REGEL + 64, "{}", regel.len());
        assert!(regel.ends_with(&format!("({} bytes weggelaten)", 20_000 - MAX_REGEL)));
        assert_eq!(begrensd("kort"), "kort");
    }

    #[test]
    fn twenty_megabytes_of_garbage_leave_a_bounded_log() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("loket.log");
        let max = 64 * 1024;
        let log = Logboek::met_max(pad.clone(), max);
        let rommel: String = (0..100_000u32)
            .map(|i| char::from_u32(i % 0xD7FF).unwrap_or('?'))
            .collect();
        let mut geschreven = 0usize;
        while geschreven < 20 * 1024 * 1024 {
            log.schrijf(&format!("AMI: onleesbaar: {rommel}"));
            geschreven += rommel.len();
        }
        let mut totaal = 0;
        for e in std::fs::read_dir(dir.path()).unwrap() {
            totaal += e.unwrap().metadata().unwrap().len();
        }
        let grens = (BEWAARD as u64 + 1) * (max + MAX_REGEL as u64 + 128);
        assert!(totaal <= grens, "{totaal} > {grens}");
        assert!(oud(&pad, BEWAARD).exists());
        assert!(!oud(&pad, BEWAARD + 1).exists());
    }
}
