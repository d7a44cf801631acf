//! The `cancu` command line. Only this layer prints; the library returns data.

mod alloc;
mod cli;

use std::process::ExitCode;

/// The system's allocator, or mimalloc for the commands that read many
/// documents on several threads (see `alloc`).
#[global_allocator]
static ALLOCATOR: alloc::Switch = alloc::Switch;

fn main() -> ExitCode {
    limit_allocator_arenas();
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("cancu: {}", cli::safe_lines(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

/// As many glibc arenas as cores, not eight a core, for the commands that
/// stay on the system's allocator (`check` reads on every core): memory a
/// thread frees stays in its arena, and indexing 100,000 documents under
/// glibc with the default held about 630 MB at its peak instead of about
/// 450 MB. Set before any thread starts.
fn limit_allocator_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // The processors online, as glibc counts them: one read of a file,
        // where `available_parallelism` also reads the process's CPU quota
        // from its cgroup files (a tenth of a millisecond of every search).
        // SAFETY: sysconf only reads a system setting.
        let online = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
        let cores = usize::try_from(online).unwrap_or(2);
        let arenas = libc::c_int::try_from(cores.max(2)).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only sets a tunable of the allocator; called
        // first in main, before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
        }
    }
}
