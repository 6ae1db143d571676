//! Completion candidates that know the domain (provider names, the chosen
//! provider's events, profile names, recorded delivery ids), for the dynamic
//! completions that `COMPLETE=SHELL hooks` registers (clap_complete's CompleteEnv).

use crate::config::{default_config_path, default_data_dir, Config};
use crate::delivery::store::{Store, DEFAULT_RETENTION};
use crate::fixtures::Catalog;
use clap_complete::engine::{
    ArgValueCandidates, ArgValueCompleter, CompletionCandidate, PathCompleter,
};
use std::ffi::OsString;
use std::path::PathBuf;

/// How many of the newest delivery ids are offered.
const DELIVERY_IDS: usize = 50;

/// Every provider and generic scheme `--provider` accepts.
pub fn providers() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        crate::providers::all()
            .into_iter()
            .map(|p| CompletionCandidate::new(p.name))
            .collect()
    })
}

/// The fixture catalog's event names for the provider the command line (or
/// `HOOKS_PROVIDER`, or the profile) chose; every provider's without one.
pub fn events() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let line = completed_line();
        let Ok(catalog) = Catalog::load(&flag_values(&line, &["--fixtures"], None)) else {
            return vec![];
        };
        let provider = chosen_provider(&line);
        let mut fixtures = catalog.list(provider.as_deref());
        if fixtures.is_empty() {
            fixtures = catalog.list(None);
        }
        let mut seen = std::collections::BTreeSet::new();
        fixtures
            .into_iter()
            .filter(|f| seen.insert(f.event.clone()))
            .map(|f| {
                let candidate = CompletionCandidate::new(&f.event);
                match &f.provider {
                    Some(p) => candidate.help(Some(p.clone().into())),
                    None => candidate,
                }
            })
            .collect()
    })
}

/// The profiles in the configuration file (`--config`, `HOOKS_CONFIG` or the default).
pub fn profiles() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let line = completed_line();
        let path = config_path(&line);
        let Ok(text) = std::fs::read_to_string(path) else {
            return vec![];
        };
        let Ok(value) = toml::from_str::<toml::Table>(&text) else {
            return vec![];
        };
        value
            .get("profiles")
            .and_then(|p| p.as_table())
            .map(|t| t.keys().map(CompletionCandidate::new).collect())
            .unwrap_or_default()
    })
}

/// The newest recorded delivery ids, each with its event type as help.
pub fn delivery_ids() -> ArgValueCandidates {
    ArgValueCandidates::new(recorded_ids)
}

/// Delivery ids, then files: what `hooks replay` takes.
pub fn delivery_ids_or_files() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &std::ffi::OsStr| {
        let prefix = current.to_string_lossy();
        let mut out: Vec<CompletionCandidate> = recorded_ids()
            .into_iter()
            .filter(|c| c.get_value().to_string_lossy().starts_with(&*prefix))
            .collect();
        out.extend(clap_complete::engine::ValueCompleter::complete(
            &PathCompleter::any(),
            current,
        ));
        out
    })
}

fn recorded_ids() -> Vec<CompletionCandidate> {
    let path = Store::path_in(&default_data_dir());
    // Completing must not create a store where there is none.
    if !path.exists() {
        return vec![];
    }
    let Ok(store) = Store::open(&path, DEFAULT_RETENTION) else {
        return vec![];
    };
    store
        .list(DELIVERY_IDS, None)
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            let events = r.event_types().join(", ");
            let help = if events.is_empty() {
                format!("{} {}", r.delivery.method, r.delivery.path)
            } else {
                events
            };
            CompletionCandidate::new(r.id.to_string()).help(Some(help.into()))
        })
        .collect()
}

/// The command line being completed: the words after `--` in
/// `hooks -- hooks send-test …`, as the shell registration calls it.
fn completed_line() -> Vec<String> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let start = args
        .iter()
        .position(|a| a == "--")
        .map_or(args.len(), |i| i + 1);
    args[start..]
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// The values given to any of `flags` (as `--flag V`, `--flag=V`, or `-s V`
/// for `short`), in order.
fn flag_values(line: &[String], flags: &[&str], short: Option<&str>) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut words = line.iter();
    while let Some(word) = words.next() {
        if flags.contains(&word.as_str()) || Some(word.as_str()) == short {
            if let Some(value) = words.next() {
                out.push(PathBuf::from(value));
            }
        } else if let Some((flag, value)) = word.split_once('=') {
            if flags.contains(&flag) {
                out.push(PathBuf::from(value));
            }
        }
    }
    out
}

fn last_flag(line: &[String], flag: &str, short: Option<&str>) -> Option<String> {
    flag_values(line, &[flag], short)
        .pop()
        .map(|p| p.to_string_lossy().into_owned())
}

fn config_path(line: &[String]) -> PathBuf {
    last_flag(line, "--config", None)
        .or_else(|| std::env::var("HOOKS_CONFIG").ok().filter(|v| !v.is_empty()))
        .map(PathBuf::from)
        .unwrap_or_else(default_config_path)
}

/// The provider as the command would choose it: `--provider`, then
/// `HOOKS_PROVIDER`, then the selected profile's.
fn chosen_provider(line: &[String]) -> Option<String> {
    if let Some(p) = last_flag(line, "--provider", Some("-p")) {
        return Some(p);
    }
    if let Some(p) = std::env::var("HOOKS_PROVIDER")
        .ok()
        .filter(|v| !v.is_empty())
    {
        return Some(p);
    }
    let profile = last_flag(line, "--profile", None).or_else(|| {
        std::env::var("HOOKS_PROFILE")
            .ok()
            .filter(|v| !v.is_empty())
    });
    Config::load(Some(&config_path(line)), profile.as_deref())
        .ok()
        .and_then(|c| c.profile.provider)
        .map(|p| p.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &str) -> Vec<String> {
        words.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn flag_values_reads_every_spelling() {
        let l = line("hooks send-test -p awork --fixtures a --fixtures=b --provider=wheniwork x");
        assert_eq!(
            flag_values(&l, &["--fixtures"], None),
            vec![PathBuf::from("a"), PathBuf::from("b")]
        );
        assert_eq!(
            last_flag(&l, "--provider", Some("-p")).as_deref(),
            Some("wheniwork")
        );
        assert_eq!(
            last_flag(&line("hooks -p awork"), "--provider", Some("-p")).as_deref(),
            Some("awork")
        );
        assert_eq!(
            last_flag(&line("hooks send-test"), "--provider", Some("-p")),
            None
        );
    }
}
