//! What a person reads about a failure. Libraries speak English ("database disk image is
//! malformed", "Permission denied (os error 13)"); the desk speaks Dutch. [`tekst`] walks an
//! error's chain, keeps our own words (every context loket adds is Dutch), says the library's
//! cause in Dutch, and writes the whole chain, English detail included, to the log.

use std::error::Error;

/// An I/O failure in Dutch. Our own `io::Error::other("…")` messages are Dutch already.
pub fn io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if e.raw_os_error().is_none() && e.kind() == K::Other {
        return e.to_string();
    }
    match e.kind() {
        K::NotFound => "bestaat niet",
        K::PermissionDenied => "geen toegang (rechten)",
        K::AlreadyExists => "bestaat al",
        K::ReadOnlyFilesystem => "de schijf is alleen-lezen",
        K::StorageFull | K::QuotaExceeded => "de schijf is vol",
        K::IsADirectory => "is een map, geen bestand",
        K::NotADirectory => "een deel van het pad is geen map",
        K::InvalidData | K::InvalidInput => "onleesbare inhoud",
        K::TimedOut => "duurde te lang",
        K::ConnectionRefused => "verbinding geweigerd",
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => "verbinding verbroken",
        K::HostUnreachable | K::NetworkUnreachable => "niet bereikbaar",
        K::AddrNotAvailable | K::AddrInUse => "adres niet beschikbaar",
        K::Interrupted | K::WouldBlock => "onderbroken",
        K::UnexpectedEof => "het bestand houdt te vroeg op",
        K::OutOfMemory => "te weinig geheugen",
        _ => "lees- of schrijffout",
    }
    .to_string()
}

/// An SQLite failure in Dutch.
pub fn sqlite(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let Some(code) = e.sqlite_error_code() else {
        return match e {
            rusqlite::Error::QueryReturnedNoRows => "niet gevonden".into(),
            _ => "onverwachte gegevens in de database".into(),
        };
    };
    match code {
        C::DatabaseCorrupt | C::NotADatabase => {
            "het databasebestand is beschadigd (zet een reservekopie terug)"
        }
        C::DatabaseBusy | C::DatabaseLocked => "de database is bezet door een ander programma",
        C::DiskFull => "de schijf is vol",
        C::ReadOnly => "de database is alleen-lezen",
        C::PermissionDenied => "geen toegang tot het databasebestand (rechten)",
        C::CannotOpen => "het databasebestand kan niet worden geopend (bestaat de map?)",
        C::SystemIoFailure => "lees- of schrijffout van de schijf",
        C::OutOfMemory => "te weinig geheugen",
        C::ConstraintViolation => "de wijziging botst met wat er al staat",
        C::TooBig => "te groot voor de database",
        _ => "databasefout",
    }
    .to_string()
}

/// A failure of the shared database in Dutch, by its SQLSTATE where the server gave one.
pub fn postgres(e: &tokio_postgres::Error) -> String {
    use tokio_postgres::error::SqlState as S;
    let Some(code) = e.code() else {
        return if e.is_closed() {
            "de verbinding met de gedeelde database is verbroken".into()
        } else if e
            .source()
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .is_some()
        {
            "de gedeelde database is niet bereikbaar".into()
        } else {
            "fout in de verbinding met de gedeelde database".into()
        };
    };
    // loket's own server functions say in Dutch what they refuse and why (DETAIL 'loket').
    if let Some(d) = e.as_db_error().filter(|d| d.detail() == Some("loket")) {
        return d.message().chars().take(300).collect();
    }
    // A password the directory refused (pg_hba.conf method ldap) comes as 28000, like a
    // missing pg_hba.conf line; the server's words tell them apart.
    let afgewezen = e
        .as_db_error()
        .is_some_and(|d| d.message().contains("authentication failed"));
    let t = if *code == S::INVALID_PASSWORD || afgewezen {
        "gebruiker of wachtwoord onjuist"
    } else if *code == S::INVALID_AUTHORIZATION_SPECIFICATION {
        "deze gebruiker mag niet aanmelden (pg_hba.conf)"
    } else if *code == S::INVALID_CATALOG_NAME {
        "de database bestaat niet op de server"
    } else if *code == S::INSUFFICIENT_PRIVILEGE {
        "onvoldoende rechten op de gedeelde database"
    } else if *code == S::QUERY_CANCELED {
        "de gedeelde database antwoordde niet op tijd"
    } else if *code == S::TOO_MANY_CONNECTIONS {
        "de gedeelde database heeft te veel verbindingen"
    } else if *code == S::UNDEFINED_TABLE || *code == S::UNDEFINED_FUNCTION {
        "de gedeelde database is niet (bij)gewerkt: loket server init"
    } else {
        "fout van de gedeelde database"
    };
    format!("{t} (SQLSTATE {})", code.code())
}

/// A TOML reader's message in Dutch. What it quotes from the file (a key, a value) is the
/// writer's own text and stays; its English words are replaced, and a message with English
/// left over after that is said in general words (the original goes to the log).
pub fn toml(msg: &str) -> String {
    let msg = msg.trim();
    if msg.contains("recursion") || msg.contains("recurse") {
        crate::logboek::schrijf(&format!("TOML: {msg}"));
        return "te diep genest: te veel [ of { in elkaar".into();
    }
    if msg.contains("UUID") {
        return "geen geldige id (een UUID zoals 0190a0b0-0000-7000-8000-000000000001)".into();
    }
    let vervang = [
        (" as i128", ""),
        (" as u128", ""),
        ("invalid type: ", "ongeldig type: "),
        ("invalid value: ", "ongeldige waarde: "),
        (
            ", expected a formatted UUID string",
            ", verwacht een id (UUID)",
        ),
        (", expected a string", ", verwacht tekst"),
        (", expected u8", ", verwacht een getal van 0 of hoger"),
        (", expected u16", ", verwacht een getal van 0 of hoger"),
        (", expected u32", ", verwacht een getal van 0 of hoger"),
        (", expected u64", ", verwacht een getal van 0 of hoger"),
        (", expected i32", ", verwacht een getal"),
        (", expected i64", ", verwacht een getal"),
        (", expected usize", ", verwacht een getal van 0 of hoger"),
        (", expected f64", ", verwacht een getal"),
        (", expected a boolean", ", verwacht true of false"),
        (", expected a sequence", ", verwacht een lijst"),
        (", expected a map", ", verwacht een tabel"),
        ("unknown variant ", "onbekende waarde "),
        ("unknown field ", "onbekend veld "),
        (", expected one of ", ", kies uit "),
        (", there are no fields", ", hier horen geen velden"),
        (", expected ", ", verwacht "),
        ("missing field ", "ontbrekend veld "),
        ("duplicate key", "dubbele sleutel"),
        (" or ", " of "),
        ("string ", "tekst "),
        ("integer ", "getal "),
        ("floating point ", "kommagetal "),
        ("boolean ", "waarheidswaarde "),
        ("sequence", "lijst"),
        ("map", "tabel"),
    ];
    // The user's own text between backticks is kept (cut when long); only the rest is
    // translated.
    let mut uit = String::new();
    for (i, deel) in msg.split('`').enumerate() {
        if i % 2 == 1 {
            uit.push('`');
            let kort: String = deel.chars().take(40).collect();
            uit.push_str(&kort);
            if kort.len() < deel.len() {
                uit.push('…');
            }
            uit.push('`');
            continue;
        }
        let mut d = deel.to_string();
        for (en, nl) in vervang {
            d = d.replace(en, nl);
        }
        uit.push_str(&d);
    }
    let buiten: String = uit.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    const ENGELS: [&str; 14] = [
        "expected",
        "invalid",
        "unknown",
        "missing",
        "found",
        "key",
        "value",
        "table",
        "array",
        "string",
        "integer",
        "float",
        "unexpected",
        "must",
    ];
    if ENGELS.iter().any(|w| buiten.to_lowercase().contains(w)) {
        crate::logboek::schrijf(&format!("TOML: {msg}"));
        return "dit is geen geldige TOML (let op aanhalingstekens, = en [sectie])".into();
    }
    uit
}

/// The Dutch words for a known library error, if `e` is one.
fn bekend(e: &(dyn Error + 'static)) -> Option<String> {
    if let Some(s) = e.downcast_ref::<rusqlite::Error>() {
        return Some(sqlite(s));
    }
    if let Some(i) = e.downcast_ref::<std::io::Error>() {
        return Some(io(i));
    }
    if e.downcast_ref::<tokio::time::error::Elapsed>().is_some() {
        return Some("geen antwoord op tijd".into());
    }
    if e.downcast_ref::<serde_json::Error>().is_some() {
        return Some("onleesbare gegevens (JSON)".into());
    }
    if e.downcast_ref::<toml::de::Error>().is_some() {
        return Some("onleesbaar TOML-bestand".into());
    }
    if let Some(pg) = e.downcast_ref::<tokio_postgres::Error>() {
        return Some(postgres(pg));
    }
    // The sync's own error wraps the library's without a layer of its own (transparent).
    if let Some(crate::sync::server::ServerFout::Pg(pg)) =
        e.downcast_ref::<crate::sync::server::ServerFout>()
    {
        return Some(postgres(pg));
    }
    None
}

/// The error as a person reads it: our own (Dutch) messages down the chain until the first
/// library error, which is said in Dutch. The full chain goes to the log.
pub fn tekst(e: &anyhow::Error) -> String {
    crate::logboek::schrijf(&format!("fout: {e:#}"));
    let mut delen: Vec<String> = Vec::new();
    for oorzaak in e.chain() {
        if let Some(nl) = bekend(oorzaak) {
            delen.push(nl);
            break;
        }
        delen.push(oorzaak.to_string());
    }
    delen.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn toml_messages_keep_the_writers_words_and_lose_the_english() {
        assert_eq!(
            toml("invalid type: floating point `1.5`, expected u32"),
            "ongeldig type: kommagetal `1.5`, verwacht een getal van 0 of hoger"
        );
        assert_eq!(
            toml("unknown field `kleur`, expected one of `desk_id`, `gemeente`"),
            "onbekend veld `kleur`, kies uit `desk_id`, `gemeente`"
        );
        // A field named like an English word stays the writer's own.
        assert_eq!(toml("missing field `string`"), "ontbrekend veld `string`");
        assert!(toml("expected `.`, `=`").starts_with("dit is geen geldige TOML"));
        assert_eq!(
            toml("invalid type: integer `99999999999999999999999` as i128, expected f64"),
            "ongeldig type: getal `99999999999999999999999`, verwacht een getal"
        );
        assert!(toml("UUID parsing failed: invalid character").starts_with("geen geldige id"));
        assert_eq!(
            toml("invalid value: integer `-1`, expected u32"),
            "ongeldige waarde: getal `-1`, verwacht een getal van 0 of hoger"
        );
        assert!(
            toml(&format!(
                "invalid value: float `{}`, expected u32",
                "9".repeat(300)
            ))
            .len()
                < 120
        );
        assert!(toml("invalid unquoted key").starts_with("dit is geen geldige TOML"));
    }

    #[test]
    fn library_words_become_dutch_and_our_context_stays() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("kapot.db");
        std::fs::write(&pad, vec![7u8; 4096]).unwrap();
        let conn = rusqlite::Connection::open(&pad).unwrap();
        let e = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
            .context("overzicht laden")
            .unwrap_err();
        let t = tekst(&e);
        assert_eq!(
            t,
            "overzicht laden: het databasebestand is beschadigd (zet een reservekopie terug)"
        );
        let e = std::fs::read(dir.path().join("nee"))
            .context("kennisbank lezen")
            .unwrap_err();
        assert_eq!(tekst(&e), "kennisbank lezen: bestaat niet");
        let eigen = std::io::Error::other("het is geen gewoon bestand");
        assert_eq!(io(&eigen), "het is geen gewoon bestand");
    }
}
