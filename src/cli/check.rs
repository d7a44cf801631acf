//! `cancu check`: judge agreements by the compliance rules.

use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use cancu::check::{self, report, Config, RuleSet, Severity};
use cancu::export::annotate;
use cancu::graph::Graph;
use cancu::index;
use cancu::ingest::{self, Limits, Record};
use cancu::pipeline;
use cancu::Knowledge;

use super::{read_index, report_failure, safe, safe_lines, Common};

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
    /// One self-contained HTML page: summary by province and level with a chart, a table to sort and filter
    Html,
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
CI test views), sarif (SARIF 2.1.0 for code-scanning UIs), html (one self-contained page for people: the \
summary — documents, agreements, pass, fail, not applicable — by province as written and today's and by level, \
with an inline SVG chart; a table of the documents to sort by clicking a header and to filter by text and \
verdict, each finding with its rule, what was expected, what was found and the excerpt with the text that \
shows it highlighted). With --html-dir DIR, each judged document's annotated page (as `cancu show DOC --html` \
writes it) is written into DIR as doc-NAME-HASH.html, and the report links each document to its page. The \
same corpus gives the same bytes.\n\n\
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
    after_help = "Examples:\n  cancu check\n  cancu check corpus/ --format json -o check.json\n  cancu check --rules strict.toml --fail-on warning\n  cancu check --no-default-rules --rules mine.toml agreements/\n  cancu check --format sarif -o cancu.sarif     # upload to a code-scanning UI\n  cancu check --format junit -o cancu.xml       # a CI system's test report\n  \
cancu check --format html -o report.html --html-dir pages   # for people, with each document annotated\n  \
cancu check --list-rules"
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
    /// With --format html: write each judged document's annotated page into this folder and link the report to them
    #[arg(long, value_name = "DIR")]
    html_dir: Option<PathBuf>,
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

fn load_records(args: &CheckArgs, k: &Knowledge) -> Result<(Vec<Record>, Skipped, Option<index::Index>)> {
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
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    pipeline::documents(&args.paths, &args.common.pipeline(k), |item| {
        match item {
            Ok(doc) => records.push(doc.record),
            Err(failure) => {
                report_failure(&failure);
                skipped.push((failure.name(), failure.to_string()));
            }
        }
        Ok::<(), std::convert::Infallible>(())
    })?;
    Ok((records, skipped, None))
}

fn list_rules(set: &RuleSet, out: &mut impl Write) -> io::Result<()> {
    for r in check::rules_in_force(set) {
        writeln!(out, "{:<8} {:<22} {}", r.severity.as_str(), r.id, r.description)?;
    }
    Ok(())
}

pub(crate) fn run(args: CheckArgs) -> Result<ExitCode> {
    if args.html_dir.is_some() && !matches!(args.format, OutputFormat::Html) {
        bail!("--html-dir goes with --format html");
    }
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
        read_index(&args.index, || load_records(&args, &k))?
    } else {
        load_records(&args, &k)?
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
    // The annotated pages, and where the report finds them.
    let pages = match &args.html_dir {
        Some(dir) => {
            write_pages(dir, &records, opened.as_ref(), &graph, &k, &limits, &args.index)?;
            let from = args
                .output
                .as_deref()
                .map_or_else(PathBuf::new, |o| o.parent().unwrap_or(Path::new("")).to_path_buf());
            Some(relative(&from, dir)?)
        }
        None => None,
    };
    let format = match args.format {
        OutputFormat::Text => report::Format::Text,
        OutputFormat::Json => report::Format::Json,
        OutputFormat::Junit => report::Format::Junit,
        OutputFormat::Sarif => report::Format::Sarif,
        OutputFormat::Html => {
            let now = |p: &str| k.places.now(p).map(str::to_string);
            let page = |path: &str| pages.as_ref().map(|dir| format!("{dir}{}", annotate::page_name(path)));
            let expected = rules
                .rules
                .iter()
                .filter(|r| r.enabled)
                .flat_map(|r| r.requires.cites_any.iter().map(String::as_str));
            let coverage = cancu::graph::coverage::programmes(&graph, expected, 6, &k);
            let html = check::html::HtmlOptions {
                now: &now,
                page: &page,
                coverage: &coverage,
            };
            let mut bytes = Vec::new();
            check::html::write_html(&report, &html, &mut bytes)?;
            emit(&args, |out| out.write_all(&bytes))?;
            return Ok(finish(&args, &report));
        }
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
    emit(&args, write)?;
    Ok(finish(&args, &report))
}

/// Write the report to `--output` or standard output.
fn emit(args: &CheckArgs, write: impl Fn(&mut dyn Write) -> io::Result<()>) -> Result<()> {
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
    Ok(())
}

/// Say what was judged (when the report went to a file) and give the exit status.
fn finish(args: &CheckArgs, report: &check::Report) -> ExitCode {
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
    ExitCode::from(code)
}

/// Write the annotated page of every judged document into `dir`, named by
/// [`annotate::page_name`]; each links the others. The texts come from the
/// index when it is what was judged, else from the files.
fn write_pages(
    dir: &Path,
    records: &[Record],
    opened: Option<&index::Index>,
    graph: &Graph,
    k: &Knowledge,
    limits: &Limits,
    index_dir: &Path,
) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let judged: std::collections::BTreeSet<&str> = records.iter().map(|r| r.path.as_str()).collect();
    let link = |path: &str| judged.contains(path).then(|| annotate::page_name(path));
    let write = |record: &Record, text: &str| -> Result<()> {
        let hits = super::show::implementers(graph, &record.path, 6, k);
        let page = super::show::annotated(record, text, Some(graph), &hits, &link)?;
        let file = dir.join(annotate::page_name(&record.path));
        std::fs::write(&file, page).with_context(|| format!("writing {}", file.display()))
    };
    match opened {
        Some(index) => read_index(index_dir, || {
            Ok(index.for_each_document(|record, text| {
                if judged.contains(record.path.as_str()) {
                    write(&record, &text).map_err(|e| cancu::Error::Io {
                        path: dir.to_path_buf(),
                        source: io::Error::other(e.to_string()),
                    })?;
                }
                Ok(())
            })?)
        }),
        None => {
            records
                .par_iter()
                .try_for_each(|r| match ingest::read(&cancu::fsutil::path_of_name(&r.path), limits) {
                    Ok(src) => write(r, &src.text),
                    Err(e) => {
                        eprintln!("cancu: {} (its page is not written)", safe(&e.to_string()));
                        Ok(())
                    }
                })
        }
    }
}

/// `to` as a reference relative to the folder `from` (both relative to the
/// working folder, or absolute), ending with `/`, percent-encoded.
fn relative(from: &Path, to: &Path) -> Result<String> {
    let cwd = std::env::current_dir().context("reading the working folder")?;
    let absolute = |p: &Path| {
        let mut out = PathBuf::new();
        for c in cwd.join(p).components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    };
    let (from, to) = (absolute(from), absolute(to));
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - common];
    parts.extend(b[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    let mut s = report::path_uri(&parts.join("/"));
    if !s.is_empty() {
        s.push('/');
    }
    Ok(s)
}
