//! The fixture catalog: events embedded in the binary, plus the user's own
//! from `./fixtures/` and `--fixtures DIR` (later sources override earlier
//! ones for the same provider and event).
//!
//! A fixture is a complete delivery body in its provider's envelope, at
//! `<dir>/<provider>/<name>.json`. Its event name is read from the envelope;
//! a file whose JSON does not parse is named after its file stem, and its
//! error is reported when it is used. Files directly in `<dir>` belong to no
//! provider and can be sent with any.

use crate::providers::{self, Provider};
use crate::{Error, Result};
use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static EMBEDDED: Dir = include_dir!("$CARGO_MANIFEST_DIR/fixtures");

/// Where a fixture came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    File(PathBuf),
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::Embedded => "embedded".to_string(),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Fixture {
    /// None for a file directly in a fixtures directory.
    pub provider: Option<String>,
    pub event: String,
    pub body: Vec<u8>,
    pub origin: Origin,
}

impl Fixture {
    fn new(provider: Option<String>, stem: &str, body: Vec<u8>, origin: Origin) -> Fixture {
        let event = serde_json::from_slice(&body)
            .ok()
            .and_then(|v| providers::envelope::read_events(&v).into_iter().next())
            .and_then(|e| e.event_type)
            .unwrap_or_else(|| stem.to_string());
        Fixture {
            provider,
            event,
            body,
            origin,
        }
    }

    /// The fixture's body as JSON, or an error naming the file and line.
    pub fn json(&self) -> Result<serde_json::Value> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::usage(format!(
                "fixture {} ({}) is not valid JSON: {e}",
                self.event,
                self.origin.describe()
            ))
            .with_hint("fix the file, or remove it to fall back to the embedded fixture")
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    fixtures: Vec<Fixture>,
}

impl Catalog {
    /// The embedded fixtures, then `./fixtures/` if it exists, then `dirs`.
    pub fn load(dirs: &[PathBuf]) -> Result<Catalog> {
        let mut catalog = Catalog::default();
        for dir in EMBEDDED.dirs() {
            let provider = dir.path().to_string_lossy().into_owned();
            for file in dir.files() {
                if let Some(stem) = json_stem(file.path()) {
                    catalog.add(Fixture::new(
                        Some(provider.clone()),
                        &stem,
                        file.contents().to_vec(),
                        Origin::Embedded,
                    ));
                }
            }
        }
        let local = Path::new("fixtures");
        if local.is_dir() {
            catalog.add_dir(local)?;
        }
        for dir in dirs {
            if !dir.is_dir() {
                return Err(
                    Error::usage(format!("--fixtures {}: not a directory", dir.display()))
                        .with_hint("pass a directory holding <provider>/<event>.json files"),
                );
            }
            catalog.add_dir(dir)?;
        }
        Ok(catalog)
    }

    fn add_dir(&mut self, dir: &Path) -> Result<()> {
        let read = |d: &Path| {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(d)
                .map_err(|e| {
                    Error::usage(format!(
                        "cannot read fixtures directory {}: {e}",
                        d.display()
                    ))
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            Ok::<_, Error>(entries)
        };
        for path in read(dir)? {
            if path.is_dir() {
                let provider = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                if providers::find(&provider).is_none() {
                    continue;
                }
                for file in read(&path)? {
                    self.add_file(Some(provider.clone()), &file)?;
                }
            } else {
                self.add_file(None, &path)?;
            }
        }
        Ok(())
    }

    fn add_file(&mut self, provider: Option<String>, path: &Path) -> Result<()> {
        if let Some(stem) = json_stem(path) {
            let body = crate::error::read_file(path)?;
            self.add(Fixture::new(
                provider,
                &stem,
                body,
                Origin::File(path.to_path_buf()),
            ));
        }
        Ok(())
    }

    fn add(&mut self, fixture: Fixture) {
        self.fixtures
            .retain(|f| !(f.provider == fixture.provider && f.event == fixture.event));
        self.fixtures.push(fixture);
    }

    /// Fixtures, sorted by provider then event, optionally for one provider.
    pub fn list(&self, provider: Option<&str>) -> Vec<&Fixture> {
        let mut out: Vec<&Fixture> = self
            .fixtures
            .iter()
            .filter(|f| provider.is_none() || f.provider.as_deref() == provider)
            .collect();
        out.sort_by(|a, b| (&a.provider, &a.event).cmp(&(&b.provider, &b.event)));
        out
    }

    /// Finds the fixture for `event`. With a service provider, only its own
    /// fixtures (and provider-less ones) count; with a generic scheme or no
    /// provider, any provider's. Without a provider, an event that several
    /// providers have is an error that lists them.
    pub fn find(&self, event: &str, provider: Option<&Provider>) -> Result<&Fixture> {
        let scoped = provider.filter(|p| p.kind == providers::Kind::Service);
        let in_scope = |f: &&Fixture| match scoped {
            Some(p) => f.provider.as_deref().is_none_or(|name| name == p.name),
            None => true,
        };
        let matches: Vec<&Fixture> = self
            .fixtures
            .iter()
            .filter(in_scope)
            .filter(|f| f.event == event)
            .collect();
        if matches.is_empty() {
            return Err(self.unknown_event(event, scoped));
        }
        // A provider's own fixture beats a provider-less one.
        // A scheme with fixtures of its own (stripe, github) uses its own
        // first, and signs any other provider's fixture too.
        if let Some(own) = provider.and_then(|p| {
            matches
                .iter()
                .copied()
                .find(|f| f.provider.as_deref() == Some(p.name))
        }) {
            return Ok(own);
        }
        let mut owned: Vec<&Fixture> = matches
            .iter()
            .copied()
            .filter(|f| f.provider.is_some())
            .collect();
        // Without --provider, a service's fixture wins over a scheme's of
        // the same name (Workestra's invoice.paid over Stripe's).
        let is_service = |f: &&Fixture| {
            f.provider
                .as_deref()
                .and_then(providers::find)
                .is_some_and(|p| p.kind == providers::Kind::Service)
        };
        if provider.is_none() && owned.iter().any(is_service) {
            owned.retain(is_service);
        }
        let mut owners: Vec<&str> = owned.iter().filter_map(|f| f.provider.as_deref()).collect();
        owners.dedup();
        if scoped.is_none() && owners.len() > 1 {
            return Err(Error::usage(format!(
                "event '{event}' exists for several providers: {}",
                owners.join(", ")
            ))
            .with_hint(format!("choose one with --provider {}", owners[0])));
        }
        Ok(owned.first().copied().unwrap_or(matches[0]))
    }

    fn unknown_event(&self, event: &str, provider: Option<&Provider>) -> Error {
        let names: Vec<&str> = self
            .fixtures
            .iter()
            .filter(|f| provider.is_none_or(|p| f.provider.as_deref() == Some(p.name)))
            .map(|f| f.event.as_str())
            .collect();
        let scope = provider
            .map(|p| format!(" for {}", p.name))
            .unwrap_or_default();
        let mut msg = format!("unknown event '{event}'{scope}");
        let suggestions = crate::suggest::nearest(event, names);
        if !suggestions.is_empty() {
            msg.push_str(&format!("; did you mean {}?", suggestions.join(", ")));
        }
        let elsewhere: Vec<&str> = self
            .fixtures
            .iter()
            .filter(|f| f.event == event)
            .filter_map(|f| f.provider.as_deref())
            .collect();
        let hint = match elsewhere.first() {
            Some(other) => format!("'{event}' is a {other} event: pass --provider {other}"),
            None => format!(
                "list the events with `hooks fixtures list{}`, or pass the payload with --data",
                provider
                    .map(|p| format!(" --provider {}", p.name))
                    .unwrap_or_default()
            ),
        };
        Error::usage(msg).with_hint(hint)
    }
}

fn json_stem(path: &Path) -> Option<String> {
    if path.extension()? != "json" {
        return None;
    }
    Some(path.file_stem()?.to_string_lossy().into_owned())
}
