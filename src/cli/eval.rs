//! `cancu eval`: score extraction against a gold file.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use cancu::eval::{self, Gold, Score, FIELDS};
use cancu::pipeline::{self, Failure, Outcome};
use clap::Args;

use super::{default_paths, report_failure, Common, OK, SKIPPED};

pub(crate) const LONG_ABOUT: &str = "Score extraction against a gold file and print precision, recall and F1 \
per field, then every miss, extra and wrong value.\n\n\
GOLD is a JSON file in the format of the seeds' gold (tests/data/seeds.gold.json): a `documents` list, each \
with its `file` name, `citations` (id, alt, form, date, date_in_text, scope, optional), `parties` (each a list \
of acceptable names), `signatories`, and the document fields it judges (kind, number, date, province, \
period, parent). Each document is looked up by its file name among the files under PATH (folders walked; \
default corpus/) and extracted as `cancu extract` does.\n\n\
Fields: citations (matched by id or alt after folding case and spaces), and on the matched ones their date, \
scope and form; parties (by name without case, marks or punctuation); signatories (by name); kind, number, \
date, province, period, parent. A value given and wrong counts as a false positive and a false negative. \
The last lines are the summary of shared/tools/score-extraction, with the same figures.\n\n\
Exit status: 0 when every gold document was found and read, 1 when some were not (each named, and its \
expected values counted as missed), 2 when the gold cannot be read.";

#[derive(Args)]
#[command(
    long_about = LONG_ABOUT,
    after_help = "Examples:\n  cancu eval tests/data/seeds.gold.json\n  cancu eval tests/data/real/dev.gold.json tests/data/real/dev --json"
)]
pub(crate) struct EvalArgs {
    /// The gold file (JSON)
    gold: PathBuf,
    /// Files or folders holding the gold's documents [default: corpus]
    paths: Vec<PathBuf>,
    /// Print one JSON object: counts, precision, recall and F1 per field, and the notes
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

pub(crate) fn run(args: EvalArgs) -> Result<ExitCode> {
    let src = std::fs::read_to_string(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    let gold = Gold::from_json(&src, &args.gold.display().to_string())?;
    let k = args.common.knowledge()?;
    let paths = default_paths(args.paths);

    // Every file under the paths by name; the first in walking order wins.
    let mut by_name: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut skipped = 0usize;
    for p in pipeline::files(&paths) {
        match p {
            Ok(f) => {
                if let Some(name) = f.path.file_name().map(|n| n.to_string_lossy().to_string()) {
                    by_name.entry(name).or_insert(f.path);
                }
            }
            Err(failure) => {
                report_failure(&failure);
                skipped += 1;
            }
        }
    }
    // Each gold document's file, read in the gold's order; one not found
    // is a failure in its place.
    let under: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let wanted = gold.documents.iter().map(|d| match by_name.get(&d.file) {
        Some(p) => Ok(pipeline::File {
            path: p.clone(),
            name: d.file.clone(),
        }),
        None => Err(Failure::from(cancu::Error::Io {
            path: PathBuf::from(&d.file),
            source: io::Error::new(io::ErrorKind::NotFound, format!("not found under {}", under.join(", "))),
        })),
    });
    let mut got = BTreeMap::new();
    let Ok(()) = pipeline::run(wanted, &args.common.pipeline(&k), |outcome| {
        match outcome {
            Outcome::Document(d) => {
                got.insert(d.file.name, d.record.extraction);
            }
            Outcome::Failed(failure) => {
                report_failure(&failure);
                skipped += 1;
            }
            Outcome::Unchanged(_) => {}
        }
        Ok::<(), std::convert::Infallible>(())
    });
    let score = eval::score(&gold, &got);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer(&mut out, &json(&score))?;
        writeln!(out)?;
    } else {
        print_text(&mut out, &score)?;
    }
    out.flush()?;
    Ok(ExitCode::from(if skipped > 0 { SKIPPED } else { OK }))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn json(s: &Score) -> serde_json::Value {
    let mut fields = serde_json::Map::new();
    for f in FIELDS {
        let c = s.field(f);
        fields.insert(
            f.to_string(),
            serde_json::json!({
                "tp": c.tp, "fp": c.fp, "fn": c.fn_, "wrong": c.wrong,
                "precision": round3(c.precision()), "recall": round3(c.recall()), "f1": round3(c.f1()),
            }),
        );
    }
    serde_json::json!({
        "documents": s.documents,
        "scored": s.scored,
        "fields": fields,
        "notes": s.notes,
        "summary": s.summary(),
    })
}

fn print_text(out: &mut impl Write, s: &Score) -> io::Result<()> {
    for n in &s.notes {
        writeln!(out, "{}: {}", n.file, n.message)?;
    }
    if !s.notes.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{} of {} gold document(s) scored", s.scored, s.documents)?;
    writeln!(
        out,
        "{:<16} {:>5} {:>5} {:>5}  {:>9} {:>7} {:>6}",
        "field", "tp", "fp", "fn", "precision", "recall", "F1"
    )?;
    for f in FIELDS {
        let c = s.field(f);
        writeln!(
            out,
            "{f:<16} {:>5} {:>5} {:>5}  {:>9.3} {:>7.3} {:>6.3}",
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        )?;
    }
    writeln!(out)?;
    for line in s.summary() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
