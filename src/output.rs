//! Terminal output: the colour choice, data lines on stdout (a closed pipe is
//! not an error), NDJSON, and diagnostics on stderr.

use crate::{Error, ErrorKind};
use colored::Colorize;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicI8, Ordering};

static VERBOSITY: AtomicI8 = AtomicI8::new(0);

/// `-q` (−1), default (0), `-v` (1 or more): how much goes to stderr besides
/// errors.
pub fn set_verbosity(level: i8) {
    VERBOSITY.store(level, Ordering::Relaxed);
}

fn verbosity() -> i8 {
    VERBOSITY.load(Ordering::Relaxed)
}

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// `--format pretty|json` for commands that print events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Pretty,
    Json,
}

/// `--format table|json` for commands that print records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TableFormat {
    #[default]
    Table,
    Json,
}

/// Decides colour once for the process. `auto` colours only a terminal, and
/// follows NO_COLOR (off) and CLICOLOR_FORCE (on).
pub fn init_color(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty() && v != "0");
            if set("NO_COLOR") {
                false
            } else if set("CLICOLOR_FORCE") {
                true
            } else {
                std::io::stdout().is_terminal()
            }
        }
    };
    colored::control::set_override(on);
}

/// Prints one line of data on stdout. When the reader has gone away (a
/// closed pipe, as in `hooks … | head -1`), the process ends successfully.
pub fn line(text: impl AsRef<str>) {
    let mut out = std::io::stdout().lock();
    let result = writeln!(out, "{}", text.as_ref()).and_then(|_| out.flush());
    if let Err(e) = result {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// Prints one JSON object as one line (NDJSON).
pub fn json_line(value: &serde_json::Value) {
    line(serde_json::to_string(value).expect("a JSON value serialises"));
}

/// A latency as every JSON output shows it (`latency_ms`): milliseconds as
/// a number with at most 3 decimals (docs/json-output.md).
pub fn latency_ms(latency: std::time::Duration) -> f64 {
    round_ms(latency.as_secs_f64() * 1000.0)
}

/// Milliseconds rounded to at most 3 decimals (whole microseconds).
pub fn round_ms(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

/// A diagnostic on stderr, silenced by `-q`.
pub fn note(text: impl AsRef<str>) {
    if verbosity() >= 0 {
        eprintln!("{}", text.as_ref());
    }
}

/// Detail on stderr, shown only with `-v`.
pub fn detail(text: impl AsRef<str>) {
    if verbosity() >= 1 {
        eprintln!("{}", text.as_ref().dimmed());
    }
}

/// A warning on stderr, silenced by `-q`.
pub fn warn(text: impl AsRef<str>) {
    if verbosity() >= 0 {
        eprintln!("{} {}", "warning:".yellow().bold(), text.as_ref());
    }
}

/// Prints an error as the user sees it, with its hint.
pub fn report_error(error: &Error) {
    // Already reported by the command itself (`Error::already_reported`).
    if error.message.is_empty() {
        return;
    }
    // A requested stop (Ctrl-C) is not an error: its message is a summary.
    if error.kind == ErrorKind::Interrupted {
        eprintln!("{}", error.message);
        return;
    }
    eprintln!("{} {}", "error:".red().bold(), error.message);
    if let Some(hint) = &error.hint {
        eprintln!("  {} {hint}", "hint:".cyan());
    }
}

/// Pads columns of text into an aligned table (no colour inside cells).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> Vec<String> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let render = |cells: Vec<&str>| {
        let last = cells.len() - 1;
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.to_string()
                } else {
                    format!("{c:<width$}", width = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    let mut out = vec![render(header.to_vec())];
    out.extend(
        rows.iter()
            .map(|r| render(r.iter().map(String::as_str).collect())),
    );
    out
}
