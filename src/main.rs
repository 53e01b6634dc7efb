use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = loket::cli::Cli::parse();
    match loket::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Never panic over a closed stderr (the terminal window may be gone).
            let _ = writeln!(std::io::stderr(), "loket: {e:#}");
            ExitCode::FAILURE
        }
    }
}
