//! Shell habits: completion scripts and the manual page.

use std::process::Command;

use crate::util::{stderr, stdout, Dir};

/// What bash offers after `words` (the last one being completed), with the
/// script `cancu completions bash` prints loaded.
fn bash_completes(script: &str, words: &[&str]) -> Vec<String> {
    let d = Dir::new();
    let file = d.write("cancu.bash", script);
    let words_arr = words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" ");
    let program = format!(
        "source '{}'\nCOMP_WORDS=({words_arr})\nCOMP_CWORD={}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n_cancu cancu '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        file.display(),
        words.len() - 1,
        words.join(" "),
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let o = Command::new("bash").arg("-c").arg(program).output().expect("run bash");
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).lines().map(str::to_string).collect()
}

#[test]
fn bash_completion_offers_commands_and_their_options() {
    let d = Dir::new();
    let o = d.cancu(&["completions", "bash"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let script = stdout(&o);
    let commands = bash_completes(&script, &["cancu", "se"]);
    assert_eq!(commands, ["search"]);
    let options = bash_completes(&script, &["cancu", "search", "--pro"]);
    assert_eq!(options, ["--province"]);
    let formats = bash_completes(&script, &["cancu", "check", "--format", ""]);
    for f in ["text", "json", "junit", "sarif"] {
        assert!(formats.iter().any(|x| x == f), "{f} not offered: {formats:?}");
    }
}

#[test]
fn completions_for_every_shell_name_cancu() {
    let d = Dir::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = d.cancu(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        assert!(
            s.contains("cancu") && s.contains("province") && s.contains("transitive"),
            "{shell}: {s}"
        );
    }
    let o = d.cancu(&["completions", "bsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bash"), "{}", stderr(&o));
}

#[test]
fn man_page_of_cancu_and_of_one_command() {
    let d = Dir::new();
    let o = d.cancu(&["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH cancu 1"), "{page}");
    for sub in ["search", "check", "export", "completions"] {
        assert!(page.contains(&format!("cancu\\-{sub}")), "{sub} not listed");
    }
    let o = d.cancu(&["man", "search"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH cancu-search 1"), "{page}");
    assert!(page.contains("\\-\\-province"), "{page}");
    let o = d.cancu(&["man", "serch"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no command \"serch\""), "{}", stderr(&o));
}

#[test]
fn man_into_a_closed_pipe_is_quiet() {
    let d = Dir::new();
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' man | head -c 1 >/dev/null",
            env!("CARGO_BIN_EXE_cancu")
        ))
        .current_dir(d.path())
        .output()
        .expect("run bash");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}
