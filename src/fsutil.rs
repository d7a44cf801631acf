//! Writing files so that a crash never leaves half of one, and naming files
//! without losing bytes.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Prefix of the temporary files [`write_atomic`] creates; what a killed run
/// leaves behind is recognised by it and removed by the next run.
pub const TEMP_PREFIX: &str = ".cancu-tmp";

/// Write `bytes` to `path` atomically and durably: a temporary file in the
/// same folder, created with the user's umask (not 0600), written, flushed
/// to disk, renamed over `path`, and the folder flushed so the rename
/// survives a power cut. A reader sees the old file or the new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`], the contents written by `fill`.
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode asked of open(2); the umask still applies, as for any file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir).map_err(io)?;
    let mut w = std::io::BufWriter::new(tmp);
    fill(&mut w).map_err(io)?;
    let tmp = w.into_inner().map_err(|e| io(e.into_error()))?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    sync_dir(dir)
}

/// Flush a folder's entries (new files, renames) to disk.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let f = std::fs::File::open(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        f.sync_all().map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A path as text, without losing anything: valid UTF-8 as it is; on Unix,
/// each byte that is not part of valid UTF-8 as `\xNN` (so `a\xff.txt` and
/// `a\xfe.txt` stay two names). [`path_of_name`] reverses it.
pub fn name_of_path(path: &Path) -> String {
    if let Some(s) = path.to_str() {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        let mut bytes = path.as_os_str().as_bytes();
        while !bytes.is_empty() {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    out.push_str(s);
                    break;
                }
                Err(e) => {
                    let (good, rest) = bytes.split_at(e.valid_up_to());
                    out.push_str(std::str::from_utf8(good).unwrap_or_default());
                    let bad = e.error_len().unwrap_or(rest.len()).max(1);
                    for b in &rest[..bad] {
                        out.push_str(&format!("\\x{b:02x}"));
                    }
                    bytes = &rest[bad..];
                }
            }
        }
        out
    }
    #[cfg(not(unix))]
    path.to_string_lossy().into_owned()
}

/// The path a name of [`name_of_path`] stands for: the name itself when such
/// a file exists or the name has no `\xNN`, else the bytes it escapes.
pub fn path_of_name(name: &str) -> PathBuf {
    let plain = PathBuf::from(name);
    if !name.contains("\\x") || plain.exists() {
        return plain;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        let b = name.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') && i + 4 <= b.len() {
                if let Ok(v) = u8::from_str_radix(std::str::from_utf8(&b[i + 2..i + 4]).unwrap_or("zz"), 16) {
                    out.push(v);
                    i += 4;
                    continue;
                }
            }
            out.push(b[i]);
            i += 1;
        }
        PathBuf::from(std::ffi::OsString::from_vec(out))
    }
    #[cfg(not(unix))]
    plain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_paths_that_are_not_utf8_stay_distinct_and_read_back() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let a = Path::new(std::ffi::OsStr::from_bytes(b"dir/a\xff.txt"));
            let b = Path::new(std::ffi::OsStr::from_bytes(b"dir/a\xfe.txt"));
            assert_eq!(name_of_path(a), "dir/a\\xff.txt");
            assert_eq!(name_of_path(b), "dir/a\\xfe.txt");
            assert_eq!(path_of_name(&name_of_path(a)), a);
        }
        assert_eq!(name_of_path(Path::new("corpus/003.txt")), "corpus/003.txt");
        assert_eq!(path_of_name("corpus/003.txt"), Path::new("corpus/003.txt"));
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let d = tempfile::tempdir().expect("temporary folder");
        let p = d.path().join("f.json");
        write_atomic(&p, b"one").expect("first write");
        write_atomic(&p, b"two").expect("second write");
        assert_eq!(std::fs::read(&p).expect("read back"), b"two");
        let names: Vec<_> = std::fs::read_dir(d.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
