//! `hooks completions SHELL` and `hooks man [SUBCOMMAND]`: the static
//! completion scripts and the man pages, as committed in `completions/`.

use super::help;
use crate::{Error, Result};

/// The completion script for `shell`, as `hooks completions SHELL` prints it.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut help::command(), "hooks", &mut out);
    out
}

/// The man page (roff) of `hooks` (no words) or of a subcommand, given as
/// its words (`relay serve`) or as its page name (`relay-serve`, `hooks-relay-serve`).
pub fn man_page(words: &[String]) -> Result<Vec<u8>> {
    let path: Vec<String> = words
        .iter()
        .flat_map(|w| w.strip_prefix("hooks-").unwrap_or(w).split(['-', ' ']))
        .filter(|w| !w.is_empty() && *w != "hooks")
        .map(str::to_string)
        .collect();
    // Subcommand names have hyphens too (send-test): match the page's file name.
    let wanted = help::man_file_name(&path);
    help::man_paths()
        .into_iter()
        .find(|p| help::man_file_name(p) == wanted)
        .and_then(|p| help::man_page(&p))
        .ok_or_else(|| {
            let pages: Vec<String> = help::man_paths()
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| p.join(" "))
                .collect();
            Error::usage(format!("no man page for '{}'", words.join(" "))).with_hint(format!(
                "pages: hooks man, or hooks man one of: {}",
                pages.join(", ")
            ))
        })
}

pub fn print(bytes: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(bytes)
        .and_then(|_| stdout.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}
