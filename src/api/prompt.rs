//! Questions for a person at a terminal, and the rule for when asking is
//! allowed: never with `--no-input`, under CI, or without a terminal on both
//! stdin and stderr (scripts get an error naming the missing flag instead).

use crate::{Error, Result};
use dialoguer::console::Term;
use dialoguer::{Confirm, Input, MultiSelect, Password, Select};
use std::io::IsTerminal;

/// Whether prompting is allowed in this process.
pub fn allowed(no_input: bool) -> bool {
    let ci = std::env::var("CI")
        .map(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
        .unwrap_or(false);
    !no_input && !ci && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// The error when something is missing and asking is not allowed.
pub fn missing(what: &str, flag: &str) -> Error {
    Error::usage(format!("{what}, and hooks does not prompt here")).with_hint(format!(
        "pass {flag} (hooks prompts only at a terminal, without --no-input or CI)"
    ))
}

fn failed(e: dialoguer::Error) -> Error {
    Error::usage(format!("cannot read the answer from the terminal: {e}"))
}

/// Asks for a URL, re-asking until it is an http(s) URL.
pub fn url(prompt: &str) -> Result<String> {
    Input::<String>::new()
        .with_prompt(prompt)
        .validate_with(|text: &String| -> std::result::Result<(), String> {
            crate::api::check_url(text)
                .map(|_| ())
                .map_err(|e| e.message)
        })
        .interact_text_on(&Term::stderr())
        .map_err(failed)
}

/// Asks which events to subscribe to; at least one.
pub fn events(catalog: &[&str]) -> Result<Vec<String>> {
    if catalog.is_empty() {
        let text: String = Input::new()
            .with_prompt("Events (comma-separated)")
            .interact_text_on(&Term::stderr())
            .map_err(failed)?;
        return Ok(text
            .split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_string)
            .collect());
    }
    let chosen = MultiSelect::new()
        .with_prompt("Events (space selects, enter confirms)")
        .items(catalog)
        .interact_on(&Term::stderr())
        .map_err(failed)?;
    Ok(chosen.into_iter().map(|i| catalog[i].to_string()).collect())
}

/// Asks yes or no; no unless answered yes.
pub fn confirm(question: &str) -> Result<bool> {
    Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact_on(&Term::stderr())
        .map_err(failed)
}

/// Asks for a line of text, `default` when answered with enter.
pub fn text(prompt: &str, default: &str) -> Result<String> {
    Input::<String>::new()
        .with_prompt(prompt)
        .default(default.to_string())
        .interact_text_on(&Term::stderr())
        .map_err(failed)
}

/// Asks for a line of text that may be left empty (None), re-asking until
/// `check` accepts it.
pub fn optional(
    prompt: &str,
    check: impl Fn(&str) -> std::result::Result<(), String>,
) -> Result<Option<String>> {
    let text: String = Input::new()
        .with_prompt(prompt)
        .allow_empty(true)
        .validate_with(|text: &String| -> std::result::Result<(), String> {
            if text.trim().is_empty() {
                Ok(())
            } else {
                check(text.trim())
            }
        })
        .interact_text_on(&Term::stderr())
        .map_err(failed)?;
    Ok(Some(text.trim().to_string()).filter(|t| !t.is_empty()))
}

/// Asks to choose one of `items`; returns its index.
pub fn select(prompt: &str, items: &[&str]) -> Result<usize> {
    Select::new()
        .with_prompt(prompt)
        .items(items)
        .default(0)
        .interact_on(&Term::stderr())
        .map_err(failed)
}

/// Asks for a secret without echoing it; None when left empty.
pub fn password(prompt: &str) -> Result<Option<String>> {
    let text = Password::new()
        .with_prompt(prompt)
        .allow_empty_password(true)
        .interact_on(&Term::stderr())
        .map_err(failed)?;
    Ok(Some(text).filter(|t| !t.is_empty()))
}
