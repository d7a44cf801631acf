//! Writes [`super::tables`] from the rules, and holds the two equal.

use std::fmt::Write as _;
use std::path::Path;

use super::latin_chars;

/// The lower case of one character as the exact analyzer takes it (`Ð`
/// read as `Đ`); `'\0'` where it is not one character (`İ`), left to
/// [`char::to_lowercase`].
fn lower_rule(c: char) -> char {
    let mut l = if c == 'Ð' { 'Đ' } else { c }.to_lowercase();
    match (l.next(), l.next()) {
        (Some(one), None) => one,
        _ => '\0',
    }
}

/// A character as a Rust literal.
fn lit(c: char) -> String {
    format!("'\\u{{{:04x}}}'", c as u32)
}

/// One static table of type `ty`: its documentation, then its rows, one
/// to a line.
fn table(out: &mut String, doc: &str, name: &str, ty: &str, rows: &[String]) {
    let _ = writeln!(out, "{doc}\n#[rustfmt::skip]\npub(crate) static {name}: {ty} = [");
    for row in rows {
        let _ = writeln!(out, "    {row},");
    }
    out.push_str("];\n");
}

/// Rows of eight, each the items formatted and joined.
fn rows_of_eight<T>(items: &[T], f: impl Fn(&T) -> String) -> Vec<String> {
    items
        .chunks(8)
        .map(|row| row.iter().map(&f).collect::<Vec<_>>().join(", "))
        .collect()
}

/// The text of `src/text/tables.rs`.
fn render() -> String {
    let toned = super::tone::toned_vowels();
    let mut out = String::from(
        "//! Per-character tables over the 1,024 Latin characters Vietnamese is\n\
         //! written with (see [`super::latin_slot`]), written out so that no\n\
         //! process works them out at start-up. Made by `src/text/tables_gen.rs`\n\
         //! from the rules in `fold.rs`, `tone.rs` and `index/analyzer.rs`; its\n\
         //! test holds them equal. After changing a rule, run\n\
         //! `CANCU_WRITE_TABLES=1 cargo test --lib tables_are` (twice: folding\n\
         //! reads the tone table) and review the change.\n\n",
    );
    let fold: Vec<char> = latin_chars().map(super::fold::fold_slow).collect();
    let lower: Vec<char> = latin_chars().map(lower_rule).collect();
    let info: Vec<u32> = latin_chars().map(|c| super::tone::info_rule(c, &toned)).collect();
    let join: Vec<String> = super::tone::join_rule(&toned)
        .iter()
        .map(|row| format!("[{}]", row.iter().map(|&c| lit(c)).collect::<Vec<_>>().join(", ")))
        .collect();
    table(
        &mut out,
        "/// Each character folded: no case, no marks, `đ`→`d` (`fold::fold_slow`).",
        "FOLD",
        &format!("[char; {}]", fold.len()),
        &rows_of_eight(&fold, |&c| lit(c)),
    );
    out.push('\n');
    table(
        &mut out,
        "/// Each character in lower case, `Ð` read as `Đ`; `'\\0'` where that is\n/// not one character.",
        "LOWER",
        &format!("[char; {}]", lower.len()),
        &rows_of_eight(&lower, |&c| lit(c)),
    );
    out.push('\n');
    table(
        &mut out,
        "/// Each character packed: its base, its tone and what its base is\n/// (`tone::pack`).",
        "TONE_INFO",
        &format!("[u32; {}]", info.len()),
        &rows_of_eight(&info, |x| format!("0x{x:08x}")),
    );
    out.push('\n');
    table(
        &mut out,
        "/// The toned vowel by base vowel (in the order of `tone::BASES`) and tone\n/// (0 for none).",
        "TONE_JOIN",
        &format!("[[char; 6]; {}]", join.len()),
        &join,
    );
    out
}

#[test]
fn tables_are_those_the_rules_give() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/text/tables.rs");
    let want = render();
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        if std::env::var_os("CANCU_WRITE_TABLES").is_some() {
            std::fs::write(&path, &want).expect("write src/text/tables.rs");
        }
        panic!(
            "src/text/tables.rs is not what the rules give: run \
             `CANCU_WRITE_TABLES=1 cargo test --lib tables_are` and review the change"
        );
    }
}
