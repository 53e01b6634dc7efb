//! Reading a text file that someone put in a folder: only a regular file is opened (a FIFO,
//! a device, a folder or a symlink that leads nowhere is refused before anything blocks on it),
//! at most `max` bytes are read, the text must be UTF-8 and a UTF-8 BOM at its start is dropped.
//! The reason a file is refused is Dutch and names the line where there is one; the library's
//! own words go to the log.

use std::io::Read;
use std::path::Path;

/// Why a file could not be read: the line (0: the file as a whole) and what is wrong, in Dutch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geweigerd {
    pub regel: usize,
    pub melding: String,
}

fn geweigerd(regel: usize, melding: impl Into<String>) -> Geweigerd {
    Geweigerd {
        regel,
        melding: melding.into(),
    }
}

/// What kind of thing `soort` is, when it is not a regular file.
fn geen_bestand(soort: std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if soort.is_file() {
        None
    } else if soort.is_dir() {
        Some("is een map, geen bestand")
    } else if soort.is_fifo() {
        Some("is een named pipe (FIFO), geen bestand; niet gelezen")
    } else if soort.is_socket() {
        Some("is een socket, geen bestand; niet gelezen")
    } else if soort.is_char_device() || soort.is_block_device() {
        Some("is een apparaat, geen bestand; niet gelezen")
    } else {
        Some("is geen gewoon bestand; niet gelezen")
    }
}

/// An I/O error in Dutch (the detail goes to the log).
fn io_melding(pad: &Path, e: &std::io::Error) -> String {
    crate::logboek::schrijf(&format!("bestand {} lezen: {e}", pad.display()));
    let snelkoppeling = std::fs::symlink_metadata(pad).is_ok_and(|m| m.file_type().is_symlink());
    match e.kind() {
        std::io::ErrorKind::NotFound if snelkoppeling => {
            "is een snelkoppeling naar iets dat niet bestaat".into()
        }
        std::io::ErrorKind::NotFound => "bestaat niet (meer)".into(),
        std::io::ErrorKind::PermissionDenied => "mag niet gelezen worden (geen leesrechten)".into(),
        _ if snelkoppeling => {
            "is een snelkoppeling die nergens of in een kring heen wijst; niet gelezen".into()
        }
        _ => "kan niet worden gelezen (zie het logboek)".into(),
    }
}

/// Read the text file at `pad`, at most `max` bytes.
pub fn lees_tekst(pad: &Path, max: u64) -> Result<String, Geweigerd> {
    // The type first, following a symlink: a FIFO is never opened (opening one blocks).
    let meta = std::fs::metadata(pad).map_err(|e| geweigerd(0, io_melding(pad, &e)))?;
    if let Some(m) = geen_bestand(meta.file_type()) {
        return Err(geweigerd(0, m));
    }
    let te_groot = |n: u64| {
        geweigerd(
            0,
            format!(
                "is te groot ({} KiB); hoogstens {} KiB kan",
                n.div_ceil(1024),
                max / 1024
            ),
        )
    };
    if meta.len() > max {
        return Err(te_groot(meta.len()));
    }
    // Opened without blocking: were a FIFO swapped in after the look above, the open returns
    // at once instead of waiting for a writer (and the check below refuses it).
    let f = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(pad)
    }
    .map_err(|e| geweigerd(0, io_melding(pad, &e)))?;
    // What was opened is what was looked at (it could have been swapped in between).
    let meta = f
        .metadata()
        .map_err(|e| geweigerd(0, io_melding(pad, &e)))?;
    if let Some(m) = geen_bestand(meta.file_type()) {
        return Err(geweigerd(0, m));
    }
    let mut bytes = Vec::new();
    f.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| geweigerd(0, io_melding(pad, &e)))?;
    if bytes.len() as u64 > max {
        return Err(te_groot(bytes.len() as u64));
    }
    tekst_uit(bytes)
}

/// Bytes as text: UTF-8 (else refused with the line of the first bad byte), without a BOM.
pub fn tekst_uit(bytes: Vec<u8>) -> Result<String, Geweigerd> {
    let tekst = String::from_utf8(bytes).map_err(|e| {
        let goed = e.utf8_error().valid_up_to();
        let regel = e.as_bytes()[..goed].iter().filter(|b| **b == b'\n').count() + 1;
        geweigerd(
            regel,
            "is geen UTF-8-tekst; sla het bestand op als UTF-8 (Unicode)",
        )
    })?;
    Ok(match tekst.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => tekst,
    })
}

/// Create `dir` and its missing parents readable by their owner only (0700): loket's folders
/// hold personal data. A folder that exists keeps its rights.
pub fn maak_map(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_each_refusal_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        std::fs::write(p("goed.md"), "\u{feff}+++\nhallo\n").unwrap();
        assert_eq!(lees_tekst(&p("goed.md"), 100).unwrap(), "+++\nhallo\n");
        std::fs::write(p("groot.md"), vec![b'a'; 2049]).unwrap();
        let f = lees_tekst(&p("groot.md"), 2048).unwrap_err();
        assert!(
            f.melding.contains("te groot (3 KiB); hoogstens 2 KiB"),
            "{f:?}"
        );
        std::fs::write(p("latin1.md"), b"regel een\nregel tw\xe9e\n").unwrap();
        assert_eq!(
            lees_tekst(&p("latin1.md"), 100).unwrap_err().regel,
            2,
            "the line of the first bad byte"
        );
        std::fs::create_dir(p("map.md")).unwrap();
        assert!(
            lees_tekst(&p("map.md"), 100)
                .unwrap_err()
                .melding
                .contains("map")
        );
        std::os::unix::fs::symlink(p("lus.md"), p("lus.md")).unwrap();
        assert!(
            lees_tekst(&p("lus.md"), 100)
                .unwrap_err()
                .melding
                .contains("kring")
        );
        std::os::unix::fs::symlink(p("weg.md"), p("los.md")).unwrap();
        assert!(
            lees_tekst(&p("los.md"), 100)
                .unwrap_err()
                .melding
                .contains("snelkoppeling naar iets dat niet bestaat")
        );
    }
}
