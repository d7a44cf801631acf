//! `cancu check`: judge agreements by the compliance rules.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use cancu::check::{self, report, Config, RuleSet, Severity};
use cancu::graph::Graph;
use cancu::index;
use cancu::ingest::{self, Limits, Record};
use cancu::Knowledge;

use super::{read_index, safe, safe_lines, Common};

/// Exit status when nothing fails.
const PASSED: u8 = 0;
/// Exit status when some document fails.
const FAILED: u8 = 1;
/// Exit status when some file could not be read (the report covers the rest).
const INCOMPLETE: u8 = 2;

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// For people: each document, each rule that applied, each finding with its excerpt
    Text,
    /// One JSON object: summary, rules, documents with outcomes and evidence
    Json,
    /// JUnit XML: a suite per document, a case per rule (CI test views)
    Junit,
    /// SARIF 2.1.0: a result per finding (code-scanning UIs)
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// Only error findings fail a document
    Error,
    /// Warning and error findings fail a document
    Warning,
}

/// The long help of `cancu check` (set on its subcommand in `cli/mod.rs`).
pub(crate) const LONG_ABOUT: &str =
    "Judge agreements by compliance rules: does each rest on the programme it should?\n\n\
Rules are data (TOML). The built-in rules cover the national framework: a provincial education agreement for \
a period within 2017-2020 cites 681/CTr-BGDĐT-HKHVN, one within 2024-2030 cites 02/CTr-BGDĐT-HKHVN; a provincial \
youth-union agreement for 2017-2020 cites 40/CTPH-HKVN-ĐTNCSHCM; a provincial army-command agreement for \
2023-2030 cites 893/CV-DV; every agreement traces to Chỉ thị 11-CT/TW within 6 edges of the graph. \
--rules FILE adds rules (a rule with a known id replaces it) and sets the built-in checks; \
--no-default-rules starts from no rules. --list-rules prints the rules in force.\n\n\
Built-in checks: inferred-parent (error) — an agreement cites the agreement one level up between the same kinds \
of party whose period covers its own, when that agreement is in the corpus; and, as warnings, \
period-within-parent, citation-dates (nothing cited is dated after the agreement), parties-signed and \
number-format.\n\n\
Each document is pass, fail or not applicable (news reports and plans are judged only by rules that name \
them). Each rule that applied is listed with what was expected, what was found, and the text that shows it \
(file, line, column, excerpt). A finding fails its document when its severity reaches --fail-on.\n\n\
Formats: text (default), json (one object; the format of data/check-report.schema.json), junit (JUnit XML for \
CI test views), sarif (SARIF 2.1.0 for code-scanning UIs). The same corpus gives the same bytes.\n\n\
Without PATHs the index (--index, default index/) is judged as it stands: nothing is written (run \
`cancu index` first to take in changed files; the default index/ is built from corpus/ when there is none), and \
files the index could not read make the check incomplete. With PATHs, the documents \
under them are extracted and judged and the index is left alone. Parents, chains and periods are looked for \
among the documents judged only: the report says which (\"judged against N document(s): the given paths\" or \
\"… the index DIR\"), notes each check it could not make because a parent was not among them, and names the \
document an expectation came from. An agreement read with low confidence (an own number without a programme \
code, fewer than two parties, parties its title does not name, or read as national with a number that names no \
national issuer) is never another's expected parent. A file that cannot be read is named on stderr, \
listed in the report as skipped, and the others are judged.\n\n\
Exit status: 0 when no document fails; 1 when some document fails; 2 on a usage error, an unreadable rule or \
catalogue file, or when some document could not be read (the check is incomplete, whatever the others gave).";

#[derive(Args)]
#[command(
    after_help = "Examples:\n  cancu check\n  cancu check corpus/ --format json -o check.json\n  cancu check --rules strict.toml --fail-on warning\n  cancu check --no-default-rules --rules mine.toml agreements/\n  cancu check --format sarif -o cancu.sarif     # upload to a code-scanning UI\n  cancu check --format junit -o cancu.xml       # a CI system's test report\n  cancu check --list-rules"
)]
pub(crate) struct CheckArgs {
    /// Files or folders to judge [default: the index, as it stands]
    paths: Vec<PathBuf>,
    /// The index folder judged when no PATH is given
    #[arg(long, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Rule file(s) (TOML, the format of data/rules.toml); each adds rules or replaces rules with the same id
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Do not load the built-in rules (the built-in checks still run unless a rule file switches them off)
    #[arg(long)]
    no_default_rules: bool,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Lowest severity of a finding that fails its document (and the run)
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Write the report to this file [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Judge only documents signed on or after this day (YYYY, YYYY-MM or YYYY-MM-DD); the others still count as parents
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Judge only documents signed on or before this day (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Print the rules and checks in force, then stop
    #[arg(long)]
    list_rules: bool,
    #[command(flatten)]
    common: Common,
}

/// The rule set: the built-in rules unless refused, then each rule file.
fn load_rules(args: &CheckArgs, k: &Knowledge) -> Result<RuleSet> {
    let mut set = if args.no_default_rules {
        RuleSet::default()
    } else {
        RuleSet::builtin(k).context("loading the built-in rules")?
    };
    for path in &args.rules {
        let src = std::fs::read_to_string(path).with_context(|| format!("reading rule file {}", path.display()))?;
        set.extend_from_toml(&src, &path.display().to_string(), k)?;
    }
    Ok(set)
}

/// The records to judge, and the files that could not be read (named with
/// the reason), and the index they come from. With PATHs, the documents
/// under them are read and extracted; without, the index's records are
/// judged as they stand (nothing is written).
/// Files that could not be read: path and reason.
type Skipped = Vec<(String, String)>;

fn load_records(
    args: &CheckArgs,
    k: &Knowledge,
    limits: &Limits,
) -> Result<(Vec<Record>, Skipped, Option<index::Index>)> {
    if args.paths.is_empty() {
        // The index as it stands: judging reads, it never writes.
        let (opened, _) = super::index::open_or_build(&args.index, &[], &args.common, k)?;
        let records = opened.records()?;
        // What the index could not read makes the judgement incomplete.
        let skipped = index::Manifest::load_from(&opened.generation_dir())?
            .skipped
            .into_iter()
            .map(|s| {
                eprintln!("cancu: {}", safe(&s.reason));
                (s.path, s.reason)
            })
            .collect();
        return Ok((records, skipped, Some(opened)));
    }
    let results: Vec<Result<Record, (String, cancu::Error)>> = ingest::collect(&args.paths)
        .into_par_iter()
        .map(|p| match p {
            Ok(p) => ingest::extract_file(&p, k, limits).map_err(|e| (p.display().to_string(), e)),
            Err(e) => {
                let name = match &e {
                    cancu::Error::Io { path, .. } => path.display().to_string(),
                    other => other.to_string(),
                };
                Err((name, e))
            }
        })
        .collect();
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    for r in results {
        match r {
            Ok(r) => records.push(r),
            Err((path, e)) => {
                eprintln!("cancu: {}", safe(&e.to_string()));
                skipped.push((path, e.to_string()));
            }
        }
    }
    Ok((records, skipped, None))
}

fn list_rules(set: &RuleSet, out: &mut impl Write) -> io::Result<()> {
    for r in check::rules_in_force(set) {
        writeln!(out, "{:<8} {:<22} {}", r.severity.as_str(), r.id, r.description)?;
    }
    Ok(())
}

pub(crate) fn run(args: CheckArgs) -> Result<ExitCode> {
    let k = args.common.knowledge()?;
    let rules = load_rules(&args, &k)?;
    if args.list_rules {
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        list_rules(&rules, &mut out)?;
        out.flush()?;
        return Ok(ExitCode::from(PASSED));
    }
    let signed = super::signed(args.from.as_deref(), args.to.as_deref())?;
    let limits = args.common.limits();
    let (records, skipped, opened) = if args.paths.is_empty() {
        read_index(&args.index, || load_records(&args, &k, &limits))?
    } else {
        load_records(&args, &k, &limits)?
    };
    let graph = Graph::build(&records, &k);
    let cfg = Config {
        fail_on: match args.fail_on {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        },
        signed,
    };
    let mut report = check::run(&records, &graph, &k, &rules, &cfg);
    if args.paths.is_empty() {
        report.set_scope(check::Scope::Index, Some(args.index.display().to_string()));
    } else {
        report.set_scope(check::Scope::Paths, None);
    }
    for (path, reason) in skipped {
        report.add_skipped(path, reason);
    }
    // The text each finding points at, read back from the files.
    report.documents.par_iter_mut().for_each(|d| {
        if d.outcomes.iter().all(|o| o.evidence.is_empty()) {
            return;
        }
        let file = match &opened {
            Some(i) => i.file_of(&d.path),
            None => std::path::PathBuf::from(&d.path),
        };
        match ingest::read(&file, &limits) {
            Ok(src) => d.locate(&src.text),
            Err(e) => eprintln!(
                "cancu: {} (its findings are reported without lines)",
                safe(&e.to_string())
            ),
        }
    });
    let format = match args.format {
        OutputFormat::Text => report::Format::Text,
        OutputFormat::Json => report::Format::Json,
        OutputFormat::Junit => report::Format::Junit,
        OutputFormat::Sarif => report::Format::Sarif,
    };
    // The text report shows control characters from names and texts made
    // visible; the other formats escape them in their own syntax.
    let write = |out: &mut dyn Write| -> io::Result<()> {
        if format == report::Format::Text {
            let mut text = Vec::new();
            report::write(&report, format, &mut text)?;
            out.write_all(safe_lines(&String::from_utf8_lossy(&text)).as_bytes())
        } else {
            report::write(&report, format, out)
        }
    };
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
            let mut out = BufWriter::new(file);
            write(&mut out).with_context(|| format!("writing {}", path.display()))?;
            out.flush().with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    let s = &report.summary;
    if args.output.is_some() {
        eprintln!(
            "cancu: {} documents: {} pass, {} fail, {} not applicable, {} skipped",
            s.documents, s.pass, s.fail, s.not_applicable, s.skipped
        );
    }
    let code = if !report.skipped.is_empty() {
        INCOMPLETE
    } else if report.failed() {
        FAILED
    } else {
        PASSED
    };
    Ok(ExitCode::from(code))
}
