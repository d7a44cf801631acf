//! `cancu show`: one document's facts, from the index.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;
use serde::Serialize;

use cancu::export::annotate::{self, Link, Page};
use cancu::extract::{Citation, Role};
use cancu::graph::{Graph, Hit, NodeKey, NodeKind};
use cancu::ingest::Record;
use cancu::Knowledge;

use super::{read_index, safe, safe_lines, Common, OK, SKIPPED};

#[derive(Args)]
#[command(
    long_about = "Print one indexed document's facts: kind, title, number, date, province (and today's), \
period, parent programme, parties, signatories, its citations grouped by role (the legal basis of its \
preamble, then the instruments its body mentions), and the documents of the corpus that implement it \
(directly or through a chain, from the graph).\n\n\
DOC is a path as indexed, the end of one (a file name), or the document's number in any spelling \
(2381/CTPH-SGD&ĐT-HKH). With no index yet, the index is first built from corpus/.\n\n\
--text prints the document's text as indexed (decoded; the text every span counts in), control characters \
but newlines shown as \\xNN.\n\n\
--html writes the document as cancu read it: one self-contained page (no network, no external file) with \
the text and every citation mention (legal basis and mentions apart), party, signatory, the own number, the \
signing date, the province and the period marked where the text says them; hovering a citation shows its id, \
form, role and date, clicking it lists the other documents of the corpus that cite the same instrument \
(linked when their pages, named as `cancu check --html-dir` names them, stand beside the page written). \
Beside the text: kind, number, date, province as written and today's, period, parent, and the documents \
that implement it. Unmarked text is what cancu did not read as any of these.",
    after_help = "Examples:\n  cancu show 003_798d9b088e52fc0e.txt\n  cancu show 2381/CTPH-SGD&ĐT-HKH --json\n  \
cancu show 003_798d9b088e52fc0e.txt --text\n  cancu show 003_798d9b088e52fc0e.txt --html -o 003.html"
)]
pub(crate) struct ShowArgs {
    /// Path, file name or document number
    doc: String,
    /// The index folder
    #[arg(long, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Print one JSON object: the extraction record, plus `implemented_by`
    #[arg(long, conflicts_with_all = ["text", "html"])]
    json: bool,
    /// Print the document's text as indexed (decoded), control characters but newlines made visible
    #[arg(long, conflicts_with = "html")]
    text: bool,
    /// Write the document as cancu read it: a self-contained HTML page with what was read marked in the text
    #[arg(long)]
    html: bool,
    /// Write the page to this file [default: standard output]
    #[arg(short, long, value_name = "FILE", requires = "html")]
    output: Option<PathBuf>,
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
    let Some((record, text)) = read_index(&args.index, || Ok(index.find(&args.doc)?))? else {
        // Not there, or not readable: a damaged file would say so.
        read_index(&args.index, || Ok(index.verify()?))?;
        bail!(
            "no indexed document is {:?} (give a path, a file name or a document number)",
            args.doc
        );
    };
    let code = ExitCode::from(if skipped { SKIPPED } else { OK });
    if args.text {
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        out.write_all(safe_lines(&text).as_bytes())?;
        out.flush()?;
        return Ok(code);
    }
    let graph = match Graph::load(&index.generation_dir()) {
        Ok(g) => Some(g),
        Err(e) => {
            eprintln!("cancu: warning: {}", safe(&e.to_string()));
            None
        }
    };
    let implemented_by = graph
        .as_ref()
        .map(|g| implementers(g, &record.path, args.depth, &k))
        .unwrap_or_default();
    if args.html {
        // Pages of other documents are linked when they stand beside this one.
        let folder = args
            .output
            .as_deref()
            .map(|o| o.parent().unwrap_or(Path::new("")).to_path_buf());
        let link = |path: &str| {
            let name = annotate::page_name(path);
            let folder = folder.as_ref()?;
            folder.join(&name).is_file().then_some(name)
        };
        let page = annotated(&record, &text, graph.as_ref(), &implemented_by, &link)?;
        match &args.output {
            Some(path) => std::fs::write(path, &page).with_context(|| format!("writing {}", path.display()))?,
            None => {
                let stdout = io::stdout();
                let mut out = stdout.lock();
                out.write_all(&page)?;
                out.flush()?;
            }
        }
        return Ok(code);
    }
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
    Ok(code)
}

/// The documents that implement the document `path`, directly or through
/// a chain of at most `depth` edges.
pub(crate) fn implementers(g: &Graph, path: &str, depth: usize, k: &Knowledge) -> Vec<Hit> {
    match g.resolve(path, None, &k.catalog) {
        Ok(node) => g
            .implementers(node, depth)
            .into_iter()
            .filter(|h| h.kind == NodeKind::Document)
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The annotated page of one document: `link` gives the relative reference
/// of another document's page, when it is written.
pub(crate) fn annotated(
    record: &Record,
    text: &str,
    graph: Option<&Graph>,
    implemented_by: &[Hit],
    link: &dyn Fn(&str) -> Option<String>,
) -> io::Result<Vec<u8>> {
    let to = |path: &str, note: Option<String>| Link {
        name: path.to_string(),
        href: link(path),
        note,
    };
    let implemented_by = implemented_by
        .iter()
        .map(|h| {
            let path = NodeKey::document_path(&h.id).unwrap_or(&h.id);
            let note = (h.depth > 1).then(|| {
                let chain: Vec<&str> = h.path.iter().skip(1).map(|s| s.from.as_str()).collect();
                format!("through {}", chain.join(" → "))
            });
            to(path, note)
        })
        .collect();
    let cited_by = match graph {
        Some(g) => annotate::cited_by(g, &record.path, &record.extraction.citations)
            .into_iter()
            .map(|paths| paths.iter().map(|p| to(p, None)).collect())
            .collect(),
        None => Vec::new(),
    };
    let mut page = Vec::new();
    annotate::write_page(
        &Page {
            record,
            text,
            implemented_by,
            cited_by,
        },
        &mut page,
    )?;
    Ok(page)
}

fn citation(out: &mut impl Write, c: &Citation) -> io::Result<()> {
    let mut extra = Vec::new();
    if let Some(t) = &c.kind {
        extra.push(t.clone());
    }
    if let Some(d) = c.date {
        extra.push(d.to_string());
    }
    if let Some(s) = &c.scope {
        extra.push(s.clone());
    }
    extra.push(c.form.as_str().to_string());
    if let Some(cue) = &c.cue {
        extra.push(format!("“{}”", cue.as_str()));
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
    // A fact fixed by hand through the index's corrections file says so.
    let mark = |fact: &str| {
        if r.corrected.iter().any(|c| c == fact) {
            "  (corrected)"
        } else {
            ""
        }
    };
    writeln!(out, "{}  [{}]{}", safe(&r.path), e.kind.as_str(), mark("kind"))?;
    writeln!(out, "  title:     {}{}", dash(&e.title), mark("title"))?;
    writeln!(out, "  number:    {}", dash(&e.number))?;
    writeln!(
        out,
        "  date:      {}{}",
        dash(&e.date.map(|d| d.to_string())),
        mark("date")
    )?;
    let province = match (&e.province, &e.province_now) {
        (Some(p), Some(n)) if p != n => format!("{p} (today {n})"),
        (Some(p), _) => p.clone(),
        _ => "—".into(),
    };
    writeln!(out, "  province:  {province}{}", mark("province"))?;
    writeln!(
        out,
        "  period:    {}{}",
        e.period.map_or("—".to_string(), |[a, b]| format!("{a}–{b}")),
        mark("period")
    )?;
    writeln!(out, "  parent:    {}{}", dash(&e.parent), mark("parent"))?;
    if let Some(a) = &e.author {
        writeln!(out, "  author:    {a}")?;
    }
    writeln!(out, "  read as:   {} ({})", r.format.as_str(), r.encoding.as_str())?;
    if !r.corrected.is_empty() {
        writeln!(out, "  corrected: {}", safe(&r.corrected.join("; ")))?;
    }
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
