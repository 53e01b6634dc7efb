use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = loket::cli::Cli::parse();
    match loket::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("loket: {e:#}");
            ExitCode::FAILURE
        }
    }
}
