//! `cancu extract`: print each document's facts.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use cancu::extract::{Citation, Role};
use cancu::ingest::Record;
use cancu::pipeline;
use clap::Args;

use super::{default_paths, report_failure, safe, safe_lines, Common, OK, SKIPPED};

#[derive(Args)]
pub(crate) struct ExtractArgs {
    /// Files or folders to read [default: corpus]
    paths: Vec<PathBuf>,
    /// Print NDJSON, one object per document
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

pub(crate) fn run(args: ExtractArgs) -> Result<ExitCode> {
    let k = args.common.knowledge()?;
    let opts = args.common.pipeline(&k);
    let paths = default_paths(args.paths);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut files, mut skipped) = (0usize, 0usize);
    // Each record printed as it comes, in the order of the paths.
    pipeline::documents(&paths, &opts, |item| -> Result<()> {
        files += 1;
        match item {
            Ok(doc) if args.json => {
                serde_json::to_writer(&mut out, &doc.record)?;
                out.write_all(b"\n")?;
            }
            Ok(doc) => {
                // Built whole, then written with its control characters made visible.
                let mut text = Vec::new();
                print_summary(&mut text, &doc.record)?;
                out.write_all(safe_lines(&String::from_utf8_lossy(&text)).as_bytes())?;
            }
            Err(failure) => {
                out.flush()?;
                report_failure(&failure);
                skipped += 1;
            }
        }
        Ok(())
    })?;
    out.flush()?;
    if skipped > 0 {
        eprintln!("cancu: {skipped} of {files} file(s) skipped");
        return Ok(ExitCode::from(SKIPPED));
    }
    Ok(ExitCode::from(OK))
}

fn or_dash(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

fn print_summary(out: &mut impl Write, r: &Record) -> io::Result<()> {
    let e = &r.extraction;
    let kind = e.kind.as_str();
    writeln!(out, "{}  [{kind}]", safe(&r.path))?;
    if let Some(t) = &e.title {
        writeln!(out, "  title:       {t}")?;
    }
    let period = e.period.map_or("—".to_string(), |[a, b]| format!("{a}–{b}"));
    let now = match (&e.province, &e.province_now) {
        (Some(p), Some(n)) if p != n => format!(" (now {n})"),
        _ => String::new(),
    };
    writeln!(
        out,
        "  number:      {}   date: {}   period: {period}",
        or_dash(&e.number),
        or_dash(&e.date.map(|d| d.to_string()))
    )?;
    writeln!(out, "  province:    {}{now}", or_dash(&e.province))?;
    if let Some(a) = &e.author {
        writeln!(out, "  author:      {a}")?;
    }
    writeln!(out, "  parent:      {}", or_dash(&e.parent))?;
    for p in &e.parties {
        writeln!(out, "  party:       {}", p.name)?;
    }
    for s in &e.signatories {
        let mut role: Vec<&str> = Vec::new();
        if let Some(r) = &s.rank {
            role.push(r);
        }
        if let Some(t) = &s.title {
            role.push(t);
        }
        if let Some(p) = &s.party {
            role.push("for");
            role.push(p);
        }
        let role = if role.is_empty() {
            String::new()
        } else {
            format!(" ({})", role.join(" "))
        };
        writeln!(out, "  signatory:   {}{role}", s.name)?;
    }
    writeln!(out, "  citations:   {}", e.citations.len())?;
    for c in &e.citations {
        writeln!(out, "    {}", citation_line(c))?;
    }
    for d in &e.diagnostics {
        writeln!(out, "  note:        {} ({})", d.message, d.code)?;
    }
    writeln!(out)
}

fn citation_line(c: &Citation) -> String {
    let role = if c.role == Role::Basis { "basis  " } else { "mention" };
    let form = c.form.as_str();
    let scope = c.scope.as_deref().map(|s| format!("  [{s}]")).unwrap_or_default();
    format!(
        "{role} {form:<5} {:<24} {:<22} {}{scope}",
        c.id,
        c.kind.as_deref().unwrap_or("—"),
        c.date.map_or_else(|| "—".to_string(), |d| d.to_string())
    )
}
