//! The library's error type. Extraction itself never fails (it reports
//! diagnostics); errors come from reading files and loading data files.

use std::path::PathBuf;

use crate::formats::FormatError;
use crate::text::DecodeError;

/// Everything that can go wrong outside pure extraction.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Decode {
        path: PathBuf,
        #[source]
        source: DecodeError,
    },
    #[error("{}: {source}", path.display())]
    Format {
        path: PathBuf,
        #[source]
        source: FormatError,
    },
    #[error("{}: file is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)", path.display())]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{}: not a regular file", path.display())]
    NotAFile { path: PathBuf },
    #[error("{source_name}: {message}")]
    Data { source_name: String, message: String },
    #[error("{}: {message}", path.display())]
    Index { path: PathBuf, message: String },
    #[error("{}: the index is locked: another `cancu index` is writing it (wait for it to finish; searching still works)", path.display())]
    Locked { path: PathBuf },
    #[error("{}: no index here: build one with `cancu index PATH… --index {}`", path.display(), path.display())]
    NoIndex { path: PathBuf },
    #[error("{}: the index is damaged: run `cancu index --rebuild --index {}` ({message})", path.display(), path.display())]
    Damaged { path: PathBuf, message: String },
    #[error("{}: {message}", path.display())]
    Usage { path: PathBuf, message: String },
    #[error(
        "{}: built by another version of cancu (index format {found}; this version reads {reads}): \
         `{}` rebuilds it from the folders it mirrors (as --rebuild does)",
        path.display(),
        rebuild_command(path)
    )]
    OtherFormat { path: PathBuf, found: u32, reads: u32 },
}

/// The command that rebuilds the index in `dir` from its roots.
fn rebuild_command(dir: &std::path::Path) -> String {
    if dir == std::path::Path::new("index") {
        "cancu index".to_string()
    } else {
        format!("cancu index --index {}", dir.display())
    }
}

/// `Result` with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error in a data file (catalogue, rules, provinces, corrections,
    /// gold) that `source_name` names.
    pub(crate) fn data(source_name: &str, message: impl Into<String>) -> Error {
        Error::Data {
            source_name: source_name.to_string(),
            message: message.into(),
        }
    }

    /// The file or folder the error is about, if it names one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Io { path, .. }
            | Error::Decode { path, .. }
            | Error::Format { path, .. }
            | Error::TooLarge { path, .. }
            | Error::NotAFile { path }
            | Error::Index { path, .. }
            | Error::Locked { path }
            | Error::Damaged { path, .. }
            | Error::Usage { path, .. }
            | Error::OtherFormat { path, .. }
            | Error::NoIndex { path } => Some(path),
            Error::Data { .. } => None,
        }
    }
}

/// How a data file is written: TOML (the files of `data/` and those a user
/// gives), or JSON (the built-in ones as build.rs wrote them, `builtin!`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    Toml,
    Json,
}

/// Parse a data file whose `version` (read by `version`) must be
/// `expected`; `what` names the format in the message when it is not.
pub(crate) fn parse_data<T: serde::de::DeserializeOwned>(
    syntax: Syntax,
    src: &str,
    source_name: &str,
    what: &str,
    expected: u32,
    version: impl FnOnce(&T) -> u32,
) -> Result<T> {
    let parsed = match syntax {
        Syntax::Toml => toml::from_str(src).map_err(|e| e.to_string()),
        Syntax::Json => serde_json::from_str(src).map_err(|e| e.to_string()),
    };
    let file: T = parsed.map_err(|message| Error::data(source_name, message))?;
    let v = version(&file);
    if v != expected {
        return Err(Error::data(
            source_name,
            format!("{what} format version {v} is not supported (this cancu reads version {expected})"),
        ));
    }
    Ok(file)
}
