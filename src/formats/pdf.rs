//! PDF files with a text layer, read by poppler's `pdftotext` in a child
//! process: a malformed PDF can make a PDF library crash or loop, and in a
//! child it takes only itself down. The child is killed after a timeout and
//! its output is capped. A PDF whose pages have no text is a scan. The
//! text is taken in the order the PDF draws it (`-raw`): a table cell's
//! wrapped lines (`Thông tư số 05/2024/ ⏎ TT-BLĐTBXH`) stay together instead
//! of being interleaved with the next cell's.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::FormatError;

/// The program that reads PDFs.
pub const PDFTOTEXT: &str = "pdftotext";

/// Read the text layer of the PDF at `path`, waiting at most `timeout` and
/// keeping at most `limit` bytes of text.
pub fn read(path: &Path, timeout: Duration, limit: u64) -> Result<String, FormatError> {
    let mut child = match Command::new(PDFTOTEXT)
        .args(["-raw", "-enc", "UTF-8", "-q"])
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(FormatError::NoPdfTool),
        Err(e) => return Err(FormatError::Pdf(format!("could not run {PDFTOTEXT}: {e}"))),
    };
    // Read the output on threads so a full pipe never blocks the child.
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(out) = stdout {
            let _ = out.take(limit + 1).read_to_end(&mut buf);
        }
        buf
    });
    let stderr = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(err) = stderr {
            let _ = err.take(64 * 1024).read_to_end(&mut buf);
        }
        buf
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(FormatError::PdfTimeout(timeout.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(FormatError::Pdf(format!("waiting for {PDFTOTEXT}: {e}"))),
        }
    };
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        let msg = String::from_utf8_lossy(&err);
        let first = msg.lines().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        return Err(FormatError::Pdf(format!("{PDFTOTEXT} failed ({status}): {first}")));
    }
    if out.len() as u64 > limit {
        return Err(FormatError::Pdf(format!(
            "more than {limit} bytes of text (raise --max-file-size)"
        )));
    }
    let text = String::from_utf8_lossy(&out).replace('\u{c}', "\n");
    if text.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return Err(FormatError::Scan);
    }
    Ok(text)
}
