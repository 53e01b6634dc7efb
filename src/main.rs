use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let cli = match loket::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version are not errors: clap prints them.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let _ = write!(std::io::stderr(), "{}", loket::usage::uitleg(&e, &args));
            return ExitCode::from(2);
        }
    };
    // Commands log beside the default database; the desk moves its log beside its own.
    if let Ok(d) = loket::config::default_paths()
        && let Some(dir) = d.database.parent()
    {
        loket::logboek::naar(dir.join("loket.log"));
    }
    match loket::cli::run(cli) {
        Ok(code) => code,
        // The reader of our output went away (`loket ... | head`): nothing left to say.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // In Dutch; the library's own words go to the log. Never panic over a closed
            // stderr (the terminal window may be gone).
            let _ = writeln!(std::io::stderr(), "loket: {}", loket::melding::tekst(&e));
            if let Some(pad) = loket::logboek::pad().filter(|p| p.exists()) {
                let _ = writeln!(std::io::stderr(), "(details in {})", pad.display());
            }
            // A refused database file or a usage error exits 2, as README says; anything else 1.
            if e.chain().any(|c| {
                c.downcast_ref::<loket::store::OpenError>().is_some()
                    || c.downcast_ref::<loket::cli::Gebruiksfout>().is_some()
            }) {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
