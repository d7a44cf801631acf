//! README.md's examples, run: each `$ cancu …` line of a ```console block
//! (trycmd's markdown format) is run and what it prints is compared with
//! the lines under it, so the README shows what the binary prints.
//!
//! The commands run in README order in one folder laid out like the
//! repository's root: a copy of `corpus/` with no index (the README's
//! `cancu index` builds it, once), and every `tests/…` path a command names
//! copied in at the same place. In the expected output `...` on a line of
//! its own stands for any lines and `[..]` for any text within a line
//! (snapbox's wildcards); a `? N` line after the command is its exit status
//! (0 when there is none). Trailing blank lines are not compared.

use std::path::Path;

use snapbox::IntoData;

use crate::util::{cancu_in, root, seeded, stderr, stdout};

/// One command of a ```console block and what it prints.
#[derive(Debug, PartialEq)]
struct Example {
    /// 1-based line of the `$` line in the markdown.
    line: usize,
    command: String,
    args: Vec<String>,
    status: i32,
    expected: String,
}

/// The examples of the ```console blocks of `markdown`, in order.
fn examples(markdown: &str) -> Result<Vec<Example>, String> {
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    let mut current: Option<(Example, Vec<&str>)> = None;
    let finish = |current: &mut Option<(Example, Vec<&str>)>, out: &mut Vec<Example>| {
        if let Some((mut ex, lines)) = current.take() {
            ex.expected = lines.join("\n");
            out.push(ex);
        }
    };
    for (i, line) in markdown.lines().enumerate() {
        let n = i + 1;
        if !in_console {
            in_console = line.trim_end() == "```console";
            continue;
        }
        if line.trim_end() == "```" {
            finish(&mut current, &mut out);
            in_console = false;
        } else if let Some(command) = line.strip_prefix("$ ") {
            finish(&mut current, &mut out);
            let words = split_words(command).map_err(|e| format!("line {n}: {e}: {command}"))?;
            let args = match words.split_first() {
                Some((first, rest)) if first == "cancu" => rest.to_vec(),
                _ => return Err(format!("line {n}: a console example runs cancu: {command}")),
            };
            let ex = Example {
                line: n,
                command: command.to_string(),
                args,
                status: 0,
                expected: String::new(),
            };
            current = Some((ex, Vec::new()));
        } else if let Some((ex, lines)) = current.as_mut() {
            match line.strip_prefix("? ") {
                Some(code) if lines.is_empty() => {
                    ex.status = code
                        .trim()
                        .parse()
                        .map_err(|_| format!("line {n}: an exit status: {line}"))?;
                }
                _ => lines.push(line),
            }
        } else {
            return Err(format!("line {n}: a console block starts with `$ cancu …`: {line}"));
        }
    }
    if in_console {
        return Err("a ```console block is not closed".to_string());
    }
    Ok(out)
}

/// A command line split into words as a POSIX shell does for the simple
/// cases a README uses: spaces, '…' and "…" quotes (with `\"` and `\\`
/// inside double quotes), and a `#` comment.
fn split_words(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '#' if word.is_none() => break,
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("an unclosed '".to_string()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err("an unclosed \"".to_string()),
                        },
                        Some(c @ ('$' | '`')) => return Err(format!("a {c} the test cannot expand")),
                        Some(c) => w.push(c),
                        None => return Err("an unclosed \"".to_string()),
                    }
                }
            }
            '|' | '>' | '<' | '&' | ';' | '$' | '`' | '*' | '?' | '\\' => {
                return Err(format!("a {c} the test cannot run"));
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// Copy a file or a folder (recursively) from `from` to `to`.
fn copy_path(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("create folder");
        for entry in std::fs::read_dir(from).expect("read folder") {
            let entry = entry.expect("entry");
            copy_path(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::copy(from, to).expect("copy");
    }
}

fn without_trailing_blank_lines(s: &str) -> String {
    let mut s = s.trim_end_matches(['\n', ' ']).to_string();
    s.push('\n');
    s
}

#[test]
fn readme_examples_print_what_the_binary_prints() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let examples = examples(&readme).unwrap_or_else(|e| panic!("README.md: {e}"));
    // The README's examples of the main commands are all here (a block
    // written as ```sh would not be checked).
    for command in ["index", "search", "extract", "graph", "check", "eval"] {
        assert!(
            examples.iter().any(|e| e.args.first().is_some_and(|a| a == command)),
            "README.md has no ```console example of cancu {command}"
        );
    }

    let d = seeded(&[]);
    for ex in &examples {
        for arg in ex.args.iter().filter(|a| a.starts_with("tests/")) {
            let from = root().join(arg);
            if from.exists() && !d.path().join(arg).exists() {
                copy_path(&from, &d.path().join(arg));
            }
        }
    }

    let assert = snapbox::Assert::new();
    let mut failures = Vec::new();
    for ex in &examples {
        let args: Vec<&str> = ex.args.iter().map(String::as_str).collect();
        let o = cancu_in(d.path(), &args);
        let label = format!("README.md:{} `$ {}`", ex.line, ex.command);
        if o.status.code() != Some(ex.status) {
            failures.push(format!(
                "{label}: exit status {:?}, README says {}\nstderr:\n{}",
                o.status.code(),
                ex.status,
                stderr(&o)
            ));
        }
        let actual = without_trailing_blank_lines(&stdout(&o)).into_data();
        let expected = without_trailing_blank_lines(&ex.expected).into_data();
        if let Err(e) = assert.try_eq(Some(&label), actual, expected) {
            failures.push(format!(
                "{label}: the output differs from README.md (- README, + cancu)\n{e}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn console_blocks_are_read_as_commands_with_status_and_output() {
    let md = "text\n```sh\n$ cancu not-run\n```\n```console\n$ cancu search \"khuyen hoc\" -n 1   # best first\nline one\n...\n\n$ cancu check 'a b'\n? 1\nfails\n```\n";
    let got = examples(md).expect("examples");
    assert_eq!(
        got,
        [
            Example {
                line: 6,
                command: "cancu search \"khuyen hoc\" -n 1   # best first".to_string(),
                args: vec!["search".into(), "khuyen hoc".into(), "-n".into(), "1".into()],
                status: 0,
                expected: "line one\n...\n".to_string(),
            },
            Example {
                line: 10,
                command: "cancu check 'a b'".to_string(),
                args: vec!["check".into(), "a b".into()],
                status: 1,
                expected: "fails".to_string(),
            },
        ]
    );
    assert!(examples("```console\n$ ls\n```\n").is_err(), "only cancu is run");
    assert!(
        examples("```console\n$ cancu search x | head\n```\n").is_err(),
        "no pipelines"
    );
    assert!(examples("```console\n$ cancu index\n").is_err(), "an unclosed block");
}
