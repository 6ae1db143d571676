//! The library stands without the command line: only `cli.rs`, `lib.rs`,
//! `main.rs` and `commands/` may name `crate::cli` or `crate::commands`, and
//! `cli.rs` names nothing in `commands/`, so no module that `cli.rs` imports
//! imports it back. Read from the sources in src/, every path that starts
//! with `crate::`, `super::` or `self::`, in `use` trees and in code.

use std::path::{Path, PathBuf};

/// The top-level modules that make up the command line.
const CLI_LAYER: &[&str] = &["cli", "commands"];

/// A path one file names that breaks the rule, for the failure message.
#[derive(Debug, PartialEq)]
struct Violation {
    line: usize,
    path: String,
}

/// The module a file under src/ defines, as names below the crate root:
/// `src/relay/server/mod.rs` is `["relay", "server"]`, `src/lib.rs` is `[]`.
fn module_of(file: &str) -> Vec<String> {
    let file = file.strip_suffix(".rs").unwrap_or(file);
    let mut parts: Vec<String> = file.split('/').map(str::to_string).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// What `file` may not name: for a library module the whole CLI layer, for
/// `cli.rs` the commands that are built on it; nothing for the rest.
fn forbidden(file: &str) -> &'static [&'static str] {
    match module_of(file).first().map(String::as_str) {
        _ if matches!(file, "lib.rs" | "main.rs") => &[],
        Some("commands") => &[],
        Some("cli") => &["commands"],
        _ => CLI_LAYER,
    }
}

/// The source with comments, string and character literals blanked out
/// (newlines kept, so offsets still give line numbers).
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    // Blanks chars[from..to] into `out`.
    let blank = |out: &mut String, from: usize, to: usize| {
        for &c in &chars[from..to.min(chars.len())] {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let at = |k: usize| chars.get(i + k).copied();
        let end = if c == '/' && at(1) == Some('/') {
            i + chars[i..].iter().take_while(|&&c| c != '\n').count()
        } else if c == '/' && at(1) == Some('*') {
            let close =
                (i + 2..chars.len()).find(|&k| chars[k] == '*' && chars.get(k + 1) == Some(&'/'));
            close.map_or(chars.len(), |k| k + 2)
        } else if c == 'r' && raw_string_prefix(&chars, i) {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            let body = i + 2 + hashes;
            let close = (body..chars.len())
                .find(|&k| chars[k] == '"' && (1..=hashes).all(|h| chars.get(k + h) == Some(&'#')));
            close.map_or(chars.len(), |k| k + 1 + hashes)
        } else if c == '"' {
            let mut k = i + 1;
            while k < chars.len() && chars[k] != '"' {
                k += if chars[k] == '\\' { 2 } else { 1 };
            }
            k + 1
        } else if c == '\'' && at(1) == Some('\\') {
            (i + 3..chars.len())
                .find(|&k| chars[k] == '\'')
                .map_or(chars.len(), |k| k + 1)
        } else if c == '\'' && at(2) == Some('\'') {
            i + 3
        } else {
            out.push(c);
            i += 1;
            continue;
        };
        blank(&mut out, i, end);
        i = end.min(chars.len());
    }
    out
}

/// Whether the `r` at `i` starts a raw string (`r"…"`, `r#"…"#`, `br"…"`)
/// rather than ending an identifier.
fn raw_string_prefix(chars: &[char], i: usize) -> bool {
    let ident = |k: usize| chars[k].is_alphanumeric() || chars[k] == '_';
    let starts = i == 0 || !ident(i - 1) || (chars[i - 1] == 'b' && (i == 1 || !ident(i - 2)));
    let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
    starts && chars.get(i + 1 + hashes) == Some(&'"')
}

/// The paths one `use` tree names, expanded: `crate::{a::b, c}` is
/// `crate::a::b` and `crate::c`.
fn expand_use(tree: &str) -> Vec<String> {
    fn parse(s: &[char], i: &mut usize, prefix: &str, out: &mut Vec<String>) {
        let mut path = prefix.to_string();
        loop {
            while *i < s.len() && s[*i].is_whitespace() {
                *i += 1;
            }
            if *i < s.len() && s[*i] == '{' {
                *i += 1;
                loop {
                    parse(s, i, &path, out);
                    while *i < s.len() && s[*i].is_whitespace() {
                        *i += 1;
                    }
                    match s.get(*i) {
                        Some(',') => *i += 1,
                        Some('}') => {
                            *i += 1;
                            return;
                        }
                        _ => return,
                    }
                    while *i < s.len() && s[*i].is_whitespace() {
                        *i += 1;
                    }
                    if s.get(*i) == Some(&'}') {
                        *i += 1;
                        return;
                    }
                }
            }
            let start = *i;
            while *i < s.len() && (s[*i].is_alphanumeric() || s[*i] == '_' || s[*i] == '*') {
                *i += 1;
            }
            let segment: String = s[start..*i].iter().collect();
            if !segment.is_empty() {
                if !path.is_empty() {
                    path.push_str("::");
                }
                path.push_str(&segment);
            }
            if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
                *i += 2;
                continue;
            }
            while *i < s.len() && !matches!(s[*i], ',' | '}') {
                *i += 1;
            }
            if !path.is_empty() && path != prefix {
                out.push(path);
            }
            return;
        }
    }
    let chars: Vec<char> = tree.chars().collect();
    let mut out = vec![];
    parse(&chars, &mut 0, "", &mut out);
    out
}

/// `path` as seen from `module`, from the crate root (`super::cli::X` in
/// `src/check.rs` is `cli::X`); None for a path that does not start at the
/// crate (`std::…`, a local name).
fn resolve(module: &[String], path: &str) -> Option<Vec<String>> {
    let mut parts = path.split("::");
    let mut at: Vec<String> = match parts.next()? {
        "crate" => vec![],
        "self" => module.to_vec(),
        "super" => module[..module.len().saturating_sub(1)].to_vec(),
        _ => return None,
    };
    let mut rest: Vec<&str> = parts.collect();
    while rest.first() == Some(&"super") {
        at.pop();
        rest.remove(0);
    }
    at.extend(rest.into_iter().map(str::to_string));
    Some(at)
}

/// The paths in `source` (the text of `file`, relative to src/) that name
/// a module `file` may not use, with their line numbers.
fn violations(file: &str, source: &str) -> Vec<Violation> {
    let banned = forbidden(file);
    if banned.is_empty() {
        return vec![];
    }
    let module = module_of(file);
    let code = code_only(source);
    let line_of = |offset: usize| code[..offset].matches('\n').count() + 1;
    let mut named: Vec<(usize, String)> = vec![];
    let bytes = code.as_bytes();
    for (offset, _) in code.match_indices("use ") {
        if offset > 0 && (bytes[offset - 1].is_ascii_alphanumeric() || bytes[offset - 1] == b'_') {
            continue;
        }
        let end = code[offset..].find(';').map_or(code.len(), |e| offset + e);
        for path in expand_use(&code[offset + 4..end]) {
            named.push((line_of(offset), path));
        }
    }
    for root in ["crate::", "super::", "self::"] {
        for (offset, _) in code.match_indices(root) {
            if offset > 0
                && (bytes[offset - 1].is_ascii_alphanumeric()
                    || bytes[offset - 1] == b'_'
                    || bytes[offset - 1] == b':')
            {
                continue;
            }
            let len = code[offset..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(code.len() - offset);
            named.push((
                line_of(offset),
                code[offset..offset + len].trim_end_matches(':').to_string(),
            ));
        }
    }
    let mut found: Vec<Violation> = named
        .into_iter()
        .filter(|(_, path)| {
            resolve(&module, path)
                .and_then(|at| at.first().cloned())
                .is_some_and(|top| banned.contains(&top.as_str()))
        })
        .map(|(line, path)| Violation { line, path })
        .collect();
    found.sort_by(|a, b| (a.line, &a.path).cmp(&(b.line, &b.path)));
    found.dedup();
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_command_line_layer_imports_the_command_line() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = vec![];
    for path in &files {
        let file = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = source.lines().collect();
        for v in violations(&file, &source) {
            let why = if file == "cli.rs" {
                "cli.rs may not name commands/, which imports cli.rs back"
            } else {
                "only cli.rs, lib.rs, main.rs and commands/ may name cli or commands: move what \
                 it needs into the library (commands/convert.rs turns clap structs into library types)"
            };
            let text = lines.get(v.line - 1).map_or("", |l| l.trim());
            wrong.push(format!(
                "src/{file}:{}: names {}; {why}\n    {text}",
                v.line, v.path
            ));
        }
    }
    assert!(
        files.len() > 50,
        "only {} files under src/: is the scan broken?",
        files.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_layering_check_finds_each_way_of_naming_the_cli() {
    let found = |file: &str, source: &str| -> Vec<usize> {
        let mut lines: Vec<usize> = violations(file, source).iter().map(|v| v.line).collect();
        lines.dedup();
        lines
    };
    let source = "\
//! Mentions crate::cli in a comment, which is fine.
use crate::config::Config;
use crate::cli::SchemeArgs;
use crate::{
    output,
    cli::{ApiArgs, ListenArgs},
};
const TEXT: &str = \"crate::cli in a string is fine\";
fn f() -> i64 {
    crate::commands::unix_now()
}
";
    assert_eq!(found("delivery/verify.rs", source), vec![3, 4, 10]);
    assert_eq!(
        found("relay/server/public.rs", "use super::super::super::cli;\n"),
        vec![1]
    );
    assert_eq!(
        found("check.rs", "fn f() { super::cli::Cli::parse(); }\n"),
        vec![1]
    );
    assert_eq!(
        found("check.rs", "use crate::cli_like::X;\nuse std::cli;\n"),
        Vec::<usize>::new()
    );
    assert_eq!(
        found("cli.rs", "use crate::check::Case;\n"),
        Vec::<usize>::new()
    );
    assert_eq!(
        found("cli.rs", "use crate::commands::check::CheckArgs;\n"),
        vec![1]
    );
    assert_eq!(
        found("commands/listen.rs", "use crate::cli::ListenArgs;\n"),
        Vec::<usize>::new()
    );
    assert_eq!(
        found("lib.rs", "use cli::{Cli, Command};\n"),
        Vec::<usize>::new()
    );
}
