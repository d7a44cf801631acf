//! `cancu show`: one document's facts, from the index.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Args;
use serde::Serialize;

use cancu::extract::{Citation, Role};
use cancu::graph::{Graph, Hit, NodeKind};
use cancu::ingest::Record;

use super::{read_index, safe, safe_lines, Common, OK, SKIPPED};

#[derive(Args)]
#[command(
    long_about = "Print one indexed document's facts: kind, title, number, date, province (and today's), \
period, parent programme, parties, signatories, its citations grouped by role (the legal basis of its \
preamble, then the instruments its body mentions), and the documents of the corpus that implement it \
(directly or through a chain, from the graph).\n\n\
DOC is a path as indexed, the end of one (a file name), or the document's number in any spelling \
(2381/CTPH-SGD&ĐT-HKH). With no index yet, the index is first built from corpus/.",
    after_help = "Examples:\n  cancu show 003_798d9b088e52fc0e.txt\n  cancu show 2381/CTPH-SGD&ĐT-HKH --json"
)]
pub(crate) struct ShowArgs {
    /// Path, file name or document number
    doc: String,
    /// The index folder
    #[arg(long, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Print one JSON object: the extraction record, plus `implemented_by`
    #[arg(long)]
    json: bool,
    /// Longest chain followed for the documents that implement it, 1 to 100
    #[arg(long, default_value_t = 6, value_name = "N", value_parser = super::depth(1))]
    depth: usize,
    #[command(flatten)]
    common: Common,
}

pub(crate) fn run(args: ShowArgs) -> Result<ExitCode> {
    let k = args.common.knowledge()?;
    let (index, skipped) = read_index(&args.index, || {
        super::index::open_or_build(&args.index, &[], &args.common, &k)
    })?;
    let Some((record, _text)) = read_index(&args.index, || Ok(index.find(&args.doc)?))? else {
        // Not there, or not readable: a damaged file would say so.
        read_index(&args.index, || Ok(index.verify()?))?;
        bail!(
            "no indexed document is {:?} (give a path, a file name or a document number)",
            args.doc
        );
    };
    let implemented_by: Vec<Hit> = match Graph::load(&index.generation_dir()) {
        Ok(g) => match g.resolve(&record.path, None, &k) {
            Ok(node) => g
                .implementers(node, args.depth)
                .into_iter()
                .filter(|h| h.kind == NodeKind::Document)
                .collect(),
            Err(_) => Vec::new(),
        },
        Err(e) => {
            eprintln!("cancu: warning: {}", safe(&e.to_string()));
            Vec::new()
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        #[derive(Serialize)]
        struct Shown<'a> {
            #[serde(flatten)]
            record: &'a Record,
            implemented_by: &'a [Hit],
        }
        serde_json::to_writer(
            &mut out,
            &Shown {
                record: &record,
                implemented_by: &implemented_by,
            },
        )?;
        out.write_all(b"\n")?;
    } else {
        // Built whole, then written with its control characters made visible.
        let mut text = Vec::new();
        print(&mut text, &record, &implemented_by)?;
        out.write_all(safe_lines(&String::from_utf8_lossy(&text)).as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::from(if skipped { SKIPPED } else { OK }))
}

fn name<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn citation(out: &mut impl Write, c: &Citation) -> io::Result<()> {
    let mut extra = Vec::new();
    if let Some(t) = &c.kind {
        extra.push(t.clone());
    }
    if let Some(d) = &c.date {
        extra.push(d.clone());
    }
    if let Some(s) = &c.scope {
        extra.push(s.clone());
    }
    extra.push(name(c.form));
    if let Some(cue) = &c.cue {
        extra.push(format!("“{cue}”"));
    }
    writeln!(out, "    {:<26} {}", c.id, extra.join(" · "))?;
    if let Some(i) = &c.issuer {
        writeln!(out, "    {:<26} issued by {i}", "")?;
    }
    if !c.implements.is_empty() {
        writeln!(out, "    {:<26} carries out {}", "", c.implements.join(", "))?;
    }
    Ok(())
}

fn print(out: &mut impl Write, r: &Record, implemented_by: &[Hit]) -> io::Result<()> {
    let e = &r.extraction;
    let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "{}  [{}]", safe(&r.path), name(e.kind))?;
    writeln!(out, "  title:     {}", dash(&e.title))?;
    writeln!(out, "  number:    {}", dash(&e.number))?;
    writeln!(out, "  date:      {}", dash(&e.date))?;
    let province = match (&e.province, &e.province_now) {
        (Some(p), Some(n)) if p != n => format!("{p} (today {n})"),
        (Some(p), _) => p.clone(),
        _ => "—".into(),
    };
    writeln!(out, "  province:  {province}")?;
    writeln!(
        out,
        "  period:    {}",
        e.period.map_or("—".to_string(), |[a, b]| format!("{a}–{b}"))
    )?;
    writeln!(out, "  parent:    {}", dash(&e.parent))?;
    if let Some(a) = &e.author {
        writeln!(out, "  author:    {a}")?;
    }
    writeln!(out, "  read as:   {} ({})", name(r.format), name(r.encoding))?;
    writeln!(out, "\nparties ({}):", e.parties.len())?;
    for p in &e.parties {
        writeln!(out, "    {}", p.name)?;
    }
    writeln!(out, "\nsignatories ({}):", e.signatories.len())?;
    for s in &e.signatories {
        let role: Vec<&str> = [s.rank.as_deref(), s.title.as_deref()].into_iter().flatten().collect();
        let party = s.party.as_deref().map(|p| format!(", for {p}")).unwrap_or_default();
        writeln!(out, "    {} — {}{party}", s.name, role.join(" "))?;
    }
    for (role, heading) in [
        (Role::Basis, "legal basis (preamble)"),
        (Role::Mention, "mentioned in the body"),
    ] {
        let list: Vec<&Citation> = e.citations.iter().filter(|c| c.role == role).collect();
        writeln!(out, "\n{heading} ({}):", list.len())?;
        for c in list {
            citation(out, c)?;
        }
    }
    writeln!(out, "\nimplemented by ({}):", implemented_by.len())?;
    for h in implemented_by {
        let via = if h.depth > 1 {
            let chain: Vec<&str> = h.path.iter().skip(1).map(|s| s.from.as_str()).collect();
            format!("  (through {})", chain.join(" → "))
        } else {
            String::new()
        };
        writeln!(out, "    {}{via}", h.label)?;
    }
    for d in &e.diagnostics {
        writeln!(out, "  note: {} ({})", d.message, d.code)?;
    }
    Ok(())
}
