//! `cancu search`: ranked documents with highlighted passages.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::builder::RangedU64ValueParser;
use clap::{Args, ValueEnum};

use cancu::extract::Kind;
use cancu::index::{parse_query, Facets, Filters, Hit, Index, SearchConfig, Sort};
use cancu::KnowledgeOnDemand;

use super::{read_index, safe, Common, OK, SKIPPED};

/// Most hits one search shows.
const MAX_LIMIT: u64 = 10_000;
/// Most hits one search skips.
const MAX_OFFSET: u64 = 100_000;

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    /// Best match first
    Relevance,
    /// Newest first
    Date,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Agreement,
    News,
    Plan,
    Other,
}

#[derive(Args)]
#[command(
    long_about = "Search the indexed documents. What you type is what is searched, word by word: a word typed \
with diacritics matches that word only (\"quân\" never matches \"quan\", \"đường\" never \"dương\"); a word \
typed without them matches every word that folds to it, the one written so first (\"khuyen hoc\" finds \
\"khuyến học\"; \"duong\" finds \"đường\" and \"dương\"). Case, Unicode form and both tone-mark placements \
(\"hòa\" = \"hoà\") never matter. --fold matches every word without diacritics, whatever was typed.\n\n\
Query language:\n\
  khuyến học              both words (AND is the default)\n\
  \"công dân học tập\"      the words in this order\n\
  khuyến OR khuyen        either\n\
  -\"Bến Tre\"              not this\n\
  title:\"khuyến học\"      in the title (also body:, party:, signer:)\n\
  1373/QĐ-TTg             a symbol is matched as a phrase of its parts\n\
A query holds at most 1000 characters and 32 words, none longer than 200 bytes; a query of punctuation or \
operators only is refused (exit status 2).\n\
Quote the whole query for the shell when it has quotes or a leading -: cancu search 'học -\"Bến Tre\"'.\n\n\
Filters combine with the query and with each other. --province takes a province as on the document or \
today's (after the reorganisation of 1 July 2025): --province \"Vĩnh Long\" finds the documents of Bến \
Tre, Trà Vinh and Vĩnh Long. --cites takes an instrument id in any spelling or catalogue alias; with \
--transitive it also finds documents that rest on it through a chain (read from the graph).\n\n\
With no index yet, the index is first built from corpus/ (said on stderr).\n\n\
--json prints one JSON object per hit (NDJSON): rank, score, path, kind, title (its first 300 characters, \
cut at a word and ending with … when longer), title_highlights, number, \
date, province, province_now, period, snippets (text, start, end, highlights). Snippet offsets are \
[start, end) character offsets into the document's text as decoded, like the spans of `cancu extract`; \
title_highlights are character offsets into the title. With --facets a last line {\"total\": …, \"facets\": …} \
follows.",
    after_help = "Examples:\n  cancu search \"khuyen hoc\"\n  cancu search '\"công dân học tập\"' --province \"Vĩnh Long\"\n  cancu search --cites 11-CT/TW --transitive\n  cancu search \"xã hội học tập\" --kind agreement --period 2021-2030 --sort date\n  cancu search \"gia đình học tập\" --facets --json"
)]
pub(crate) struct SearchArgs {
    /// The query (empty: every document that passes the filters)
    query: Vec<String>,
    /// The index folder
    #[arg(long, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Province as on the document or today's, any spelling
    #[arg(long)]
    province: Option<String>,
    /// Kind of document
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Year the document was signed (or published), 1000 to 9999
    #[arg(long, value_parser = clap::value_parser!(u16).range(1000..=9999))]
    year: Option<u16>,
    /// Documents signed on or after this day: YYYY, YYYY-MM or YYYY-MM-DD (a year or month from its first day)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Documents signed on or before this day: YYYY, YYYY-MM or YYYY-MM-DD (a year or month to its last day)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Documents whose period overlaps FROM-TO (e.g. 2021-2030)
    #[arg(long, value_name = "FROM-TO")]
    period: Option<String>,
    /// Documents that cite this instrument (any spelling or alias)
    #[arg(long, value_name = "ID")]
    cites: Option<String>,
    /// With --cites: also documents that rest on it through a chain
    #[arg(long, requires = "cites")]
    transitive: bool,
    /// With --transitive: longest chain followed, 1 to 100
    #[arg(long, default_value_t = 6, value_name = "N", value_parser = super::depth(1))]
    depth: usize,
    /// With --cites: province of a local instrument (31-CT/TU of which province?)
    #[arg(long, value_name = "PROVINCE")]
    cites_province: Option<String>,
    /// Documents with a party whose name contains these words (with or without diacritics)
    #[arg(long)]
    party: Option<String>,
    /// Documents signed by a person of this name (with or without diacritics)
    #[arg(long)]
    signer: Option<String>,
    /// Order of the results
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Print counts of the matching documents by province, kind, year and cited instrument
    #[arg(long)]
    facets: bool,
    /// Match every word without its diacritics, whatever was typed ("quân" then also finds "quan")
    #[arg(long)]
    fold: bool,
    /// Number of hits shown, 1 to 10000
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N",
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_LIMIT))]
    limit: usize,
    /// Hits skipped before the first shown, 0 to 100000
    #[arg(long, default_value_t = 0, value_name = "N",
          value_parser = RangedU64ValueParser::<usize>::new().range(0..=MAX_OFFSET))]
    offset: usize,
    /// Print NDJSON, one object per hit
    #[arg(long)]
    json: bool,
    /// Colour the matches (auto: on a terminal, unless NO_COLOR is set)
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    #[command(flatten)]
    common: Common,
}

/// Parse `2021-2030` (any dash, spaces allowed) or a single year.
fn parse_period(s: &str) -> Result<[u16; 2]> {
    let parts: Vec<&str> = s.split(['-', '–', '—', ':']).map(str::trim).collect();
    let year = |p: &str| -> Result<u16> {
        p.parse()
            .map_err(|_| anyhow::anyhow!("--period {s:?}: expected FROM-TO, e.g. 2021-2030"))
    };
    match parts.as_slice() {
        [one] => Ok([year(one)?, year(one)?]),
        [a, b] => {
            let (a, b) = (year(a)?, year(b)?);
            if a > b {
                bail!("--period {s:?}: {a} is after {b}");
            }
            Ok([a, b])
        }
        _ => bail!("--period {s:?}: expected FROM-TO, e.g. 2021-2030"),
    }
}

pub(crate) fn use_color(c: Color) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal(),
    }
}

pub(crate) fn run(args: SearchArgs) -> Result<ExitCode> {
    // The reference data is loaded only when something asks for it: a
    // filter naming a province (the gazetteer) or an instrument (all of
    // it), or an index to build. A catalogue given is read at once, so a
    // bad one is reported whatever the search.
    let knowledge = if args.common.catalogs.is_empty() {
        KnowledgeOnDemand::builtin()
    } else {
        KnowledgeOnDemand::given(args.common.knowledge()?)
    };
    let filters = Filters {
        province: args.province.clone(),
        kind: args.kind.map(|k| match k {
            KindArg::Agreement => Kind::Agreement,
            KindArg::News => Kind::News,
            KindArg::Plan => Kind::Plan,
            KindArg::Other => Kind::Other,
        }),
        year: args.year,
        signed: super::signed(args.from.as_deref(), args.to.as_deref())?,
        period: args.period.as_deref().map(parse_period).transpose()?,
        cites: args.cites.clone(),
        transitive: args.transitive,
        depth: args.depth,
        cites_province: args.cites_province.clone(),
        party: args.party.clone(),
        signer: args.signer.clone(),
    };
    if let Some(p) = &args.province {
        let places = knowledge.places().context("loading the built-in data")?;
        if places.province(p).is_none() {
            eprintln!("cancu: warning: {p:?} is not a province cancu knows; matching it as written");
        }
    }
    let cfg = SearchConfig {
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        facets: args.facets,
        fold: args.fold,
        ..SearchConfig::default()
    };
    let query = args.query.join(" ");
    // A query that cannot be searched is refused before the index is opened.
    parse_query(&query)?;
    let (index, skipped) = read_index(&args.index, || {
        if Index::exists(&args.index) {
            return Ok((Index::open(&args.index)?, false));
        }
        let k = knowledge.all().context("loading the built-in data")?;
        super::index::open_or_build(&args.index, &[], &args.common, k)
    })?;
    let results = read_index(&args.index, || Ok(index.search(&query, &filters, &cfg, &knowledge)?))?;
    if let Some(id) = &filters.cites {
        if results.total == 0
            && knowledge
                .catalog()
                .context("loading the built-in data")?
                .get(id)
                .is_none()
        {
            eprintln!(
                "cancu: warning: no indexed document cites {} and the catalogue does not know it: is it spelled right?",
                safe(id)
            );
        }
    }
    let indexed = read_index(&args.index, || Ok(index.num_docs()))?;

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        for h in &results.hits {
            serde_json::to_writer(&mut out, h)?;
            out.write_all(b"\n")?;
        }
        if let Some(f) = &results.facets {
            serde_json::to_writer(&mut out, &serde_json::json!({"total": results.total, "facets": f}))?;
            out.write_all(b"\n")?;
        }
    } else {
        let color = use_color(args.color);
        let shown = results.hits.len();
        let what = if query.trim().is_empty() {
            String::new()
        } else {
            format!(" the query {}", safe(query.trim()))
        };
        let total = results.total;
        if shown > 0 {
            let (from, to) = (args.offset + 1, args.offset + shown);
            writeln!(
                out,
                "{total} document(s) match{what}; showing {from}–{to} of {indexed} in the index"
            )?;
        } else if total > 0 {
            writeln!(
                out,
                "{total} document(s) match{what} ({indexed} in the index); --offset {} is past the last of them",
                args.offset
            )?;
        } else {
            writeln!(out, "0 document(s) match{what} ({indexed} in the index)")?;
        }
        for h in &results.hits {
            print_hit(&mut out, h, color)?;
        }
        if let Some(f) = &results.facets {
            print_facets(&mut out, f)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(if skipped { SKIPPED } else { OK }))
}

const BOLD: &str = "\x1b[1m";
const MATCH: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// `text` with the character ranges `marks` (relative to `base`) coloured,
/// whitespace runs shown as one space, control characters made visible
/// ([`super::safe`]).
fn highlighted(text: &str, base: usize, marks: &[[usize; 2]], color: bool) -> String {
    let mut out = String::new();
    let mut space = false;
    for (i, c) in text.chars().enumerate() {
        let at = base + i;
        if color {
            if marks.iter().any(|m| m[0] == at) {
                out.push_str(MATCH);
            }
            if marks.iter().any(|m| m[1] == at) {
                out.push_str(RESET);
            }
        }
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            let mut buf = [0u8; 4];
            out.push_str(&safe(c.encode_utf8(&mut buf)));
            space = false;
        }
    }
    if color && marks.iter().any(|m| m[1] == base + text.chars().count()) {
        out.push_str(RESET);
    }
    out
}

fn print_hit(out: &mut impl Write, h: &Hit, color: bool) -> io::Result<()> {
    let kind = h.kind.as_str();
    let (b, d, r) = if color { (BOLD, DIM, RESET) } else { ("", "", "") };
    writeln!(out)?;
    writeln!(out, "{}. {b}{}{r}  [{kind}]", h.rank, safe(&h.path))?;
    let mut facts = Vec::new();
    if let Some(n) = &h.number {
        facts.push(n.clone());
    }
    if let Some(x) = h.date {
        facts.push(x.to_string());
    }
    match (&h.province, &h.province_now) {
        (Some(p), Some(n)) if p != n => facts.push(format!("{p} (now {n})")),
        (Some(p), _) => facts.push(p.clone()),
        _ => {}
    }
    if let Some([a, z]) = h.period {
        facts.push(format!("{a}–{z}"));
    }
    if let Some(s) = h.score {
        facts.push(format!("score {s:.2}"));
    }
    writeln!(out, "   {d}{}{r}", safe(&facts.join(" · ")))?;
    if let Some(t) = &h.title {
        writeln!(out, "   {}", highlighted(t, 0, &h.title_highlights, color))?;
    }
    for s in &h.snippets {
        writeln!(out, "   … {} …", highlighted(&s.text, s.start, &s.highlights, color))?;
    }
    Ok(())
}

fn print_facets(out: &mut impl Write, f: &Facets) -> io::Result<()> {
    for (title, list) in [
        ("province (on the document)", &f.province),
        ("province (today)", &f.province_now),
        ("kind", &f.kind),
        ("year", &f.year),
        ("cited instrument", &f.cites),
    ] {
        writeln!(out)?;
        writeln!(out, "{title}:")?;
        for (name, n) in list.iter().take(15) {
            writeln!(out, "  {n:>5}  {}", safe(name))?;
        }
        if list.len() > 15 {
            writeln!(out, "  … {} more (all of them with --json)", list.len() - 15)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(parse_period("2021-2030").ok(), Some([2021, 2030]));
        assert_eq!(parse_period("2021 – 2030").ok(), Some([2021, 2030]));
        assert_eq!(parse_period("2024").ok(), Some([2024, 2024]));
        assert!(parse_period("2030-2021").is_err());
        assert!(parse_period("soon").is_err());
    }

    #[test]
    fn highlighting_collapses_whitespace_and_marks_matches() {
        assert_eq!(highlighted("a\n  bc d", 10, &[[13, 15]], false), "a bc d");
        assert_eq!(
            highlighted("a bc", 10, &[[12, 14]], true),
            format!("a {MATCH}bc{RESET}")
        );
    }
}
