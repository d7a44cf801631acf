//! The `cancu` command line. Only this layer prints; the library returns data.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("cancu: {}", cli::safe_lines(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}
