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

fn chars(out: &mut String, name: &str, doc: &str, table: impl Iterator<Item = char>) {
    let table: Vec<char> = table.collect();
    let _ = writeln!(
        out,
        "{doc}\n#[rustfmt::skip]\npub(crate) static {name}: [char; {}] = [",
        table.len()
    );
    for row in table.chunks(8) {
        let row: Vec<String> = row.iter().map(|&c| format!("'\\u{{{:04x}}}'", c as u32)).collect();
        let _ = writeln!(out, "    {},", row.join(", "));
    }
    out.push_str("];\n\n");
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
    chars(
        &mut out,
        "FOLD",
        "/// Each character folded: no case, no marks, `đ`→`d` (`fold::fold_slow`).",
        latin_chars().map(super::fold::fold_slow),
    );
    chars(
        &mut out,
        "LOWER",
        "/// Each character in lower case, `Ð` read as `Đ`; `'\\0'` where that is\n/// not one character.",
        latin_chars().map(lower_rule),
    );
    let info: Vec<u32> = latin_chars().map(|c| super::tone::info_rule(c, &toned)).collect();
    let _ = writeln!(
        out,
        "/// Each character packed: its base, its tone and what its base is\n/// (`tone::pack`).\n#[rustfmt::skip]\npub(crate) static TONE_INFO: [u32; {}] = [",
        info.len()
    );
    for row in info.chunks(8) {
        let row: Vec<String> = row.iter().map(|x| format!("0x{x:08x}")).collect();
        let _ = writeln!(out, "    {},", row.join(", "));
    }
    out.push_str("];\n\n");
    let join = super::tone::join_rule(&toned);
    let _ = writeln!(
        out,
        "/// The toned vowel by base vowel (in the order of `tone::BASES`) and tone\n/// (0 for none).\n#[rustfmt::skip]\npub(crate) static TONE_JOIN: [[char; 6]; {}] = [",
        join.len()
    );
    for row in &join {
        let row: Vec<String> = row.iter().map(|&c| format!("'\\u{{{:04x}}}'", c as u32)).collect();
        let _ = writeln!(out, "    [{}],", row.join(", "));
    }
    out.push_str("];\n");
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
