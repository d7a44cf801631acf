//! A [`Report`] written for people (text), pipelines (JSON), CI test views
//! (JUnit XML) and code-scanning UIs (SARIF 2.1.0). Pure writers: the same
//! report gives the same bytes (no timestamps, no absolute paths added).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{DocReport, Evidence, Outcome, Report, Severity, Status};
use crate::export::xml_escape;

/// Output formats of `cancu check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Junit,
    Sarif,
}

/// Write `report` in `format`.
pub fn write(report: &Report, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Text => write_text(report, out),
        Format::Json => write_json(report, out),
        Format::Junit => write_junit(report, out),
        Format::Sarif => write_sarif(report, out),
    }
}

/// `path:line:column` of a piece of evidence (the path alone without one).
fn place(path: &str, e: &Evidence) -> String {
    match &e.location {
        Some(l) => format!("{path}:{}:{}", l.line, l.column),
        None => path.to_string(),
    }
}

fn facts_line(d: &DocReport) -> String {
    let mut parts = vec![d.kind.as_str().to_string()];
    if let Some(n) = &d.number {
        parts.push(n.clone());
    }
    if let Some(l) = d.level {
        parts.push(l.as_str().to_string());
    }
    if !d.parties.is_empty() {
        parts.push(d.parties.join(" + "));
    }
    if let Some(p) = &d.province {
        parts.push(p.clone());
    }
    if let Some([a, b]) = d.period {
        parts.push(format!("{a}-{b}"));
    }
    parts.join(" · ")
}

/// The report for people: each document with its verdict, each rule that
/// applied, and for each finding what was expected, what was found and where.
pub fn write_text(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &r.documents {
        let status = d.status.as_str().to_uppercase();
        writeln!(out, "{}  {status}  ({})", d.path, facts_line(d))?;
        if let Some(n) = &d.note {
            writeln!(out, "  {n}")?;
        }
        for n in &d.notes {
            writeln!(out, "  note: {n}")?;
        }
        for o in &d.outcomes {
            if o.status == Status::Pass {
                let at = o
                    .evidence
                    .iter()
                    .find_map(|e| e.location.as_ref())
                    .map(|l| format!("  [line {}]", l.line))
                    .unwrap_or_default();
                writeln!(out, "  pass     {}: {}{at}", o.rule, o.found)?;
                continue;
            }
            writeln!(out, "  {:<8} {}", o.severity.as_str(), o.rule)?;
            writeln!(out, "           expected: {}", o.expected)?;
            writeln!(out, "           found:    {}", o.found)?;
            for f in &o.expected_from {
                writeln!(out, "           from:     {f} (where the expectation comes from)")?;
            }
            if let Some(n) = &o.note {
                writeln!(out, "           note:     {n}")?;
            }
            for e in &o.evidence {
                let excerpt = e
                    .location
                    .as_ref()
                    .map(|l| format!("  {}", l.excerpt))
                    .unwrap_or_default();
                writeln!(out, "           at:       {} ({}){excerpt}", place(&d.path, e), e.note)?;
            }
        }
    }
    for s in &r.skipped {
        writeln!(out, "{}  SKIPPED  {}", s.path, s.reason)?;
    }
    let s = &r.summary;
    writeln!(out, "\n{}", r.judged.describe())?;
    writeln!(
        out,
        "{} documents: {} pass, {} fail, {} not applicable, {} skipped; {} error finding(s), {} warning finding(s) (failing on {})",
        s.documents,
        s.pass,
        s.fail,
        s.not_applicable,
        s.skipped,
        s.errors,
        s.warnings,
        r.fail_on.as_str()
    )
}

/// The report as one JSON object (`version`, `fail_on`, `summary`,
/// `judged`, `rules`, `documents`, `skipped`), pretty-printed.
pub fn write_json(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, r)?;
    out.write_all(b"\n")
}

/// The failure text of a finding: expected, found, and where.
fn details(path: &str, o: &Outcome) -> String {
    let mut s = format!("expected: {}\nfound: {}", o.expected, o.found);
    for f in &o.expected_from {
        s.push_str(&format!("\nexpected from: {f}"));
    }
    if let Some(n) = &o.note {
        s.push_str(&format!("\nnote: {n}"));
    }
    for e in &o.evidence {
        s.push_str(&format!("\nat: {} ({})", place(path, e), e.note));
        if let Some(l) = &e.location {
            s.push_str(&format!("\n    {}", l.excerpt));
        }
    }
    s
}

/// JUnit XML: a test suite per document, a test case per rule that applied
/// (a failure when the finding fails the document; a finding below
/// `--fail-on` is reported in the case's output), a skipped case for a
/// document no rule applies to, an error case for a file that could not be
/// read.
pub fn write_junit(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let cases = |d: &DocReport| d.outcomes.len().max(1);
    let failures = |d: &DocReport| {
        d.outcomes
            .iter()
            .filter(|o| o.status == Status::Fail && o.severity >= r.fail_on)
            .count()
    };
    let tests: usize = r.documents.iter().map(cases).sum::<usize>() + r.skipped.len();
    let failed: usize = r.documents.iter().map(failures).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="cancu check" tests="{tests}" failures="{failed}" errors="{}" skipped="{}">"#,
        r.skipped.len(),
        r.summary.not_applicable
    )?;
    for d in &r.documents {
        let path = xml_escape(&d.path);
        let na = usize::from(d.status == Status::NotApplicable);
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{}" errors="0" skipped="{na}">"#,
            cases(d),
            failures(d)
        )?;
        writeln!(
            out,
            r#"    <properties><property name="judged" value="{}"/></properties>"#,
            xml_escape(&r.judged.describe())
        )?;
        if d.outcomes.is_empty() {
            writeln!(out, r#"    <testcase name="not applicable" classname="{path}">"#)?;
            writeln!(
                out,
                r#"      <skipped message="{}"/>"#,
                xml_escape(d.note.as_deref().unwrap_or("no rule applies"))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        for o in &d.outcomes {
            let name = xml_escape(&o.rule);
            if o.status == Status::Pass {
                writeln!(out, r#"    <testcase name="{name}" classname="{path}"/>"#)?;
                continue;
            }
            writeln!(out, r#"    <testcase name="{name}" classname="{path}">"#)?;
            let text = xml_escape(&details(&d.path, o));
            if o.severity >= r.fail_on {
                writeln!(
                    out,
                    r#"      <failure message="{}" type="{}">{text}</failure>"#,
                    xml_escape(&o.found),
                    o.severity.as_str()
                )?;
            } else {
                writeln!(out, "      <system-out>{}: {text}</system-out>", o.severity.as_str())?;
            }
            writeln!(out, "    </testcase>")?;
        }
        if !d.notes.is_empty() {
            writeln!(out, "    <system-out>{}</system-out>", xml_escape(&d.notes.join("\n")))?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    for s in &r.skipped {
        let path = xml_escape(&s.path);
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="1" failures="0" errors="1" skipped="0">"#
        )?;
        writeln!(out, r#"    <testcase name="read" classname="{path}">"#)?;
        writeln!(
            out,
            r#"      <error message="{}" type="unreadable"/>"#,
            xml_escape(&s.reason)
        )?;
        writeln!(out, "    </testcase>")?;
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// A path as a URI reference: relative paths stay relative, `\` becomes
/// `/`, anything outside the unreserved characters is percent-encoded.
pub fn path_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut out = String::with_capacity(p.len());
    if p.starts_with('/') {
        out.push_str("file://");
    }
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn sarif_location(path: &str, e: &Evidence) -> Value {
    let artifact = json!({ "uri": path_uri(path) });
    let mut physical = json!({ "artifactLocation": artifact });
    if let Some(l) = &e.location {
        physical["region"] = json!({
            "startLine": l.line,
            "startColumn": l.column,
            "endLine": l.end_line,
            "endColumn": l.end_column,
            "snippet": { "text": l.text },
        });
    }
    json!({ "physicalLocation": physical, "message": { "text": e.note } })
}

/// SARIF 2.1.0: one run of `cancu`, its rules in force, a result per
/// finding (level error or warning) with the text that shows it; files
/// that could not be read as tool notifications.
pub fn write_sarif(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = r
        .rules
        .iter()
        .map(|x| {
            json!({
                "id": x.id,
                "shortDescription": { "text": x.description },
                "defaultConfiguration": { "level": sarif_level(x.severity) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for d in &r.documents {
        for o in d.findings() {
            let mut result = json!({
                "ruleId": o.rule,
                "level": sarif_level(o.severity),
                "kind": "fail",
                "message": { "text": format!("{}: expected {}; found {}", d.path, o.expected, o.found) },
                "locations": o.evidence.iter().map(|e| sarif_location(&d.path, e)).collect::<Vec<_>>(),
                "partialFingerprints": {
                    "cancuFinding/v1": blake3::hash(format!("{}\0{}\0{}", d.path, o.rule, o.found).as_bytes()).to_hex()[..32].to_string(),
                },
                "properties": { "expected": o.expected, "found": o.found, "expectedFrom": o.expected_from, "note": o.note },
            });
            if !o.expected_from.is_empty() {
                result["relatedLocations"] = o
                    .expected_from
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        json!({
                            "id": i,
                            "physicalLocation": { "artifactLocation": { "uri": path_uri(f) } },
                            "message": { "text": "the document the expectation comes from" },
                        })
                    })
                    .collect();
            }
            if let Some(i) = r.rules.iter().position(|x| x.id == o.rule) {
                result["ruleIndex"] = json!(i);
            }
            if o.evidence.is_empty() {
                result["locations"] =
                    json!([{ "physicalLocation": { "artifactLocation": { "uri": path_uri(&d.path) } } }]);
            }
            results.push(result);
        }
    }
    let mut notifications: Vec<Value> = r
        .skipped
        .iter()
        .map(|s| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", s.path, s.reason) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": path_uri(&s.path) } } }],
            })
        })
        .collect();
    // What the judgement could not see, document by document.
    for d in &r.documents {
        for n in &d.notes {
            notifications.push(json!({
                "level": "note",
                "message": { "text": format!("{}: {n}", d.path) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": path_uri(&d.path) } } }],
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "cancu",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": r.skipped.is_empty(),
                "toolExecutionNotifications": notifications,
                "properties": { "judged": r.judged },
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::check::{Config, DocReport, Location, RuleSet};
    use crate::extract::Kind;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("corpus/003_x.txt"), "corpus/003_x.txt");
        assert_eq!(path_uri("corpus\\a b.txt"), "corpus/a%20b.txt");
        assert_eq!(path_uri("Đắk Nông/1#?.txt"), "%C4%90%E1%BA%AFk%20N%C3%B4ng/1%23%3F.txt");
        assert_eq!(path_uri("/tmp/x.txt"), "file:///tmp/x.txt");
    }

    /// A report whose every text is hostile to XML, HTML and JSON.
    pub(crate) fn hostile() -> Report {
        let k = crate::Knowledge::builtin().unwrap();
        let mut r = crate::check::run(
            &[],
            &crate::graph::Graph::default(),
            &k,
            &RuleSet::default(),
            &Config::default(),
        );
        let nasty = "a&b <c> \"d\" 'e' \u{1} ]]> </testsuite>";
        r.documents.push(DocReport {
            path: format!("corpus/{nasty}.txt"),
            kind: Kind::Agreement,
            number: None,
            level: None,
            parties: Vec::new(),
            province: None,
            period: None,
            status: Status::Fail,
            note: None,
            notes: vec![nasty.into()],
            outcomes: vec![Outcome {
                rule: "r<1>".into(),
                severity: Severity::Error,
                status: Status::Fail,
                expected: nasty.into(),
                found: nasty.into(),
                expected_from: vec![nasty.into()],
                note: Some(nasty.into()),
                evidence: vec![Evidence {
                    location: Some(Location {
                        line: 1,
                        column: 1,
                        end_line: 1,
                        end_column: 2,
                        text: nasty.into(),
                        excerpt: nasty.into(),
                    }),
                    ..Evidence::at(nasty, Some([0, 1]))
                }],
            }],
        });
        r.add_skipped(format!("{nasty}.docx"), nasty);
        r
    }

    #[test]
    fn junit_escapes_what_documents_say() {
        let mut out = Vec::new();
        write_junit(&hostile(), &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut cases = 0;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                    for a in e.attributes() {
                        a.unwrap().unescape_value().unwrap();
                    }
                    cases += usize::from(e.name().as_ref() == b"testcase");
                }
                Ok(quick_xml::events::Event::Text(t)) => {
                    t.unescape().unwrap();
                }
                Ok(_) => {}
                Err(e) => panic!("not XML: {e}\n{xml}"),
            }
        }
        assert_eq!(cases, 2);
        assert!(!xml.contains('\u{1}'));
        assert!(xml.contains("a&amp;b &lt;c&gt; &quot;d&quot;"));
    }

    #[test]
    fn json_and_sarif_carry_text_as_data() {
        let r = hostile();
        for f in [Format::Json, Format::Sarif] {
            let mut out = Vec::new();
            write(&r, f, &mut out).unwrap();
            let v: Value = serde_json::from_slice(&out).unwrap();
            let s = v.to_string();
            assert!(s.contains("a&b <c>"), "{f:?}");
        }
        let mut out = Vec::new();
        write_sarif(&r, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        let uri = v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.is_ascii() && !uri.contains(' '), "{uri}");
    }
}
