//! The `cancu` command line. Only this layer prints; the library returns data.

mod alloc;
mod cli;

use std::process::ExitCode;

/// The system's allocator, or mimalloc for the commands that read many
/// documents on several threads (see `alloc`).
#[global_allocator]
static ALLOCATOR: alloc::Switch = alloc::Switch;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("cancu: {}", cli::safe_lines(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}
