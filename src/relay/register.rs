//! `hooks listen --relay … --register`: the provider's webhook lives exactly
//! as long as the listener. It is created through the management API (`api/`)
//! once the relay has given the public URL, moved if that URL changes, and
//! deleted when the listener stops, however it stops. When the delete fails,
//! the user is told the command that finishes the job. A kill -9 skips the
//! delete: so every registered webhook is remembered in the data dir
//! (`registered-webhooks.json`) until it is deleted, and the next run for the
//! same URL reuses it rather than making the provider deliver every event
//! twice.

use crate::api::{self, ApiTarget, NewWebhook, Webhook, WebhookApi};
use crate::config::Config;
use crate::delivery::verify::Verifier;
use crate::error::ErrorKind;
use crate::output;
use crate::signature::{self, Scheme};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// How long one management API request may take.
const API_TIMEOUT: Duration = Duration::from_secs(30);

/// What `hooks listen --register` asks for: the events, and the management
/// API as `hooks create` finds it (the provider is the listener's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterOptions {
    /// The events to subscribe to; blanks and repeats are dropped.
    pub events: Vec<String>,
    /// Accept events that are not in the provider's catalog.
    pub allow_unknown_event: bool,
    /// The listener's provider.
    pub provider: Option<String>,
    /// The listener's scheme, when not the provider's own.
    pub scheme: Option<String>,
    pub api_url: Option<String>,
    pub api_key: Option<String>,
    /// The API version as given, read only when registering.
    pub api_version: Option<String>,
    pub account_email: Option<String>,
    pub workspace_id: Option<String>,
    /// The listener's path, appended to the public URL.
    pub path: String,
}

/// Everything checked before the listener starts.
pub struct Registration {
    api: Arc<dyn WebhookApi>,
    new: NewWebhook,
    /// `--path`, appended to the public URL.
    path: String,
    /// The flags of the cleanup command after `hooks delete ID`.
    cleanup: String,
    /// Where the webhooks this data dir registered are remembered.
    memory: Memory,
}

impl Registration {
    /// Resolves the provider, its API client (the same resolution as
    /// `hooks create`) and the events; refuses providers without an API,
    /// with their web UI steps.
    pub fn prepare(
        options: &RegisterOptions,
        config: &Config,
        verifier: &Verifier,
    ) -> Result<Registration> {
        let api_target = ApiTarget {
            provider: options.provider.clone(),
            api_url: options.api_url.clone(),
            api_key: options.api_key.clone(),
            api_version: options
                .api_version
                .as_deref()
                .map(api_version)
                .transpose()?,
            account_email: options.account_email.clone(),
            workspace_id: options.workspace_id.clone(),
            timeout: API_TIMEOUT,
        };
        let api: Arc<dyn WebhookApi> = Arc::from(api::connect(&api_target, config)?);
        let provider = api.provider().clone();
        let mut events: Vec<String> = Vec::new();
        for e in options.events.iter().map(|e| e.trim()) {
            if !e.is_empty() && !events.iter().any(|x| x == e) {
                events.push(e.to_string());
            }
        }
        if events.is_empty() {
            return Err(
                Error::usage("--register needs the events to subscribe to").with_hint(format!(
                    "add --event E (repeatable); see `hooks event-types --provider {}`",
                    provider.name
                )),
            );
        }
        api::check_events(&provider, &events, options.allow_unknown_event)?;
        // A header-authenticated provider (awork) sends the listener's
        // secret back in its header, so deliveries verify.
        let header = match (
            &provider.scheme,
            &options.scheme,
            verifier.secrets().first(),
        ) {
            (Scheme::Header { header }, None, Some(secret)) => {
                let (name, value) = signature::split_header_secret(header, secret);
                Some((name.to_string(), value.to_string()))
            }
            _ => None,
        };
        let cleanup = cleanup_command(&api_target, provider.name, config);
        let memory = Memory {
            path: config.data_dir.join("registered-webhooks.json"),
            provider: provider.name.to_string(),
            api_url: api_target.api_url.clone().unwrap_or_default(),
        };
        Ok(Registration {
            api,
            new: NewWebhook {
                url: String::new(),
                events,
                name: None,
                header,
            },
            path: options.path.clone(),
            cleanup,
            memory,
        })
    }

    /// Starts waiting for the public URL; see [`Running`].
    pub fn start(self) -> Running {
        let (urls, receiving) = mpsc::unbounded_channel();
        let (stop, stopping) = oneshot::channel();
        let (failing, failed) = oneshot::channel();
        let api = self.api.clone();
        let cleanup = self.cleanup.clone();
        let memory = self.memory.clone();
        let task = tokio::spawn(self.follow(receiving, stopping, failing));
        Running {
            urls,
            failed,
            stop,
            task,
            api,
            cleanup,
            memory,
        }
    }

    /// Creates the webhook for the first public URL and moves it to any
    /// later one, until told to stop; returns the webhook to delete. A
    /// create in flight when the stop comes is finished first, so that a
    /// webhook the provider made is never left unknown.
    async fn follow(
        mut self,
        mut urls: mpsc::UnboundedReceiver<String>,
        mut stop: oneshot::Receiver<()>,
        failed: oneshot::Sender<Error>,
    ) -> Option<Webhook> {
        let mut current: Option<Webhook> = None;
        loop {
            let public = tokio::select! {
                biased;
                _ = &mut stop => return current,
                url = urls.recv() => match url {
                    Some(url) => url,
                    None => return current,
                },
            };
            let url = self.webhook_url(&public);
            let provider = self.api.provider().name;
            match &current {
                None => {
                    if let Some(w) = self.reuse(&url).await {
                        current = Some(w);
                        continue;
                    }
                    self.new.url = url.clone();
                    match self.api.create(&self.new).await {
                        Ok(w) => {
                            output::note(format!(
                                "  registered {provider} webhook {} for {url} (deleted on exit)",
                                w.id
                            ));
                            self.memory.remember(&w.id, &url);
                            current = Some(w);
                        }
                        Err(e) => {
                            let message = format!(
                                "--register: could not create the {provider} webhook for {url}: {}",
                                e.message
                            );
                            let hint = e.hint.unwrap_or_else(|| {
                                "check the API flags (as for `hooks create`)".into()
                            });
                            let _ = failed.send(Error::new(e.kind, message).with_hint(hint));
                            return None;
                        }
                    }
                }
                Some(w) => {
                    let changes = api::Changes {
                        url: Some(url.clone()),
                        ..Default::default()
                    };
                    match self.api.update(&w.id, &changes).await {
                        Ok(_) => {
                            output::note(format!(
                                "  moved {provider} webhook {} to the new public URL {url}",
                                w.id
                            ));
                            self.memory.remember(&w.id, &url);
                        }
                        Err(e) => output::warn(format!(
                            "could not move {provider} webhook {} to the new public URL {url}: {}",
                            w.id, e.message
                        )),
                    }
                }
            }
        }
    }

    /// The webhook an earlier run of this data dir registered for `url` and
    /// did not delete (killed, or the delete failed), if the provider still
    /// has it: its events are set to this run's. One the provider no longer
    /// has is forgotten, and a new one is created.
    async fn reuse(&self, url: &str) -> Option<Webhook> {
        let id = self.memory.recall(url)?;
        let provider = self.api.provider().name;
        // A get that fails is asked again as a list, which tells "gone"
        // from "the API is failing": only a webhook the provider no longer
        // lists (or that points elsewhere now) is forgotten.
        let found = match self.api.get(&id).await {
            Ok(w) => Some(w),
            Err(_) => match self.api.list().await {
                Ok(all) => all.into_iter().find(|w| w.id == id),
                Err(e) => {
                    output::warn(format!(
                        "could not look up {provider} webhook {id}, left by an earlier run ({}): delete it with `hooks delete {}` if this run registers another",
                        e.message,
                        shell_word(&id)
                    ));
                    return None;
                }
            },
        };
        let Some(found) = found.filter(|w| w.url == url) else {
            self.memory.forget(&id);
            return None;
        };
        let mut wanted = self.new.events.clone();
        let mut had = found.events.clone();
        wanted.sort();
        had.sort();
        let found = if wanted == had {
            found
        } else {
            let changes = api::Changes {
                events: Some(self.new.events.clone()),
                ..Default::default()
            };
            match self.api.update(&id, &changes).await {
                Ok(w) => w,
                Err(e) => {
                    output::warn(format!(
                        "could not set the events of {provider} webhook {id}: {}",
                        e.message
                    ));
                    found
                }
            }
        };
        output::note(format!(
            "  reusing {provider} webhook {id} for {url}, left by an earlier run (deleted on exit)"
        ));
        Some(found)
    }

    /// The public URL with `--path` (only requests under it are deliveries).
    fn webhook_url(&self, public: &str) -> String {
        let prefix = self.path.trim_end_matches('/');
        format!("{}{prefix}", public.trim_end_matches('/'))
    }
}

/// The registration while the listener runs.
pub struct Running {
    urls: mpsc::UnboundedSender<String>,
    failed: oneshot::Receiver<Error>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Option<Webhook>>,
    api: Arc<dyn WebhookApi>,
    cleanup: String,
    memory: Memory,
}

impl Running {
    /// What the relay client calls with each new public URL.
    pub fn url_sink(&self) -> impl FnMut(&str) + Send + 'static {
        let urls = self.urls.clone();
        move |url: &str| {
            let _ = urls.send(url.to_string());
        }
    }

    /// Completes when the webhook could not be created: the listener stops
    /// with this error. Never completes otherwise.
    pub async fn failed(&mut self) -> Error {
        match (&mut self.failed).await {
            Ok(e) => e,
            Err(_) => std::future::pending().await,
        }
    }

    /// Deletes the webhook, after the listener stopped with `stopped`. A
    /// failed delete prints the command that finishes the job; it becomes
    /// the exit status (3) only when the listener itself ended well, so an
    /// interrupt still exits 130 and a timeout 1.
    pub async fn finish(self, stopped: Result<()>) -> Result<()> {
        let _ = self.stop.send(());
        let Ok(Some(webhook)) = self.task.await else {
            return stopped;
        };
        let provider = self.api.provider().name;
        let Err(e) = self.api.delete(&webhook.id).await else {
            output::note(format!("deleted {provider} webhook {}", webhook.id));
            self.memory.forget(&webhook.id);
            return stopped;
        };
        let failure = Error::new(
            ErrorKind::Network,
            format!(
                "could not delete {provider} webhook {} ({}): it is still registered",
                webhook.id, e.message
            ),
        )
        .with_hint(format!(
            "delete it with: hooks delete {} {}",
            shell_word(&webhook.id),
            self.cleanup
        ));
        match stopped {
            Ok(()) => Err(failure),
            Err(stop) => {
                output::report_error(&failure);
                Err(stop)
            }
        }
    }
}

/// The webhooks this data dir registered and has not deleted yet, in
/// `registered-webhooks.json`: one entry per webhook, for one provider and
/// API. A file that cannot be read or written only loses the reuse (a
/// warning says so); the listener goes on.
#[derive(Debug, Clone)]
struct Memory {
    path: PathBuf,
    provider: String,
    /// The API's base URL as given (empty for the provider's own).
    api_url: String,
}

/// One remembered webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Remembered {
    provider: String,
    api_url: String,
    id: String,
    url: String,
}

impl Memory {
    fn load(&self) -> Vec<Remembered> {
        std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    fn store(&self, entries: &[Remembered]) {
        let text = serde_json::to_string_pretty(entries).unwrap_or_default();
        if let Err(e) = crate::private::write(&self.path, text.as_bytes()) {
            output::warn(format!(
                "cannot remember the registered webhook in {} ({e}): a run after a crash would register another",
                self.path.display()
            ));
        }
    }

    fn ours(&self, entry: &Remembered) -> bool {
        entry.provider == self.provider && entry.api_url == self.api_url
    }

    /// The id of the webhook remembered for `url`.
    fn recall(&self, url: &str) -> Option<String> {
        self.load()
            .into_iter()
            .find(|e| self.ours(e) && e.url == url)
            .map(|e| e.id)
    }

    /// Remembers webhook `id` at `url` (replacing what was known of it).
    fn remember(&self, id: &str, url: &str) {
        let mut entries = self.load();
        entries.retain(|e| !(self.ours(e) && e.id == id));
        entries.push(Remembered {
            provider: self.provider.clone(),
            api_url: self.api_url.clone(),
            id: id.to_string(),
            url: url.to_string(),
        });
        self.store(&entries);
    }

    fn forget(&self, id: &str) {
        let mut entries = self.load();
        let before = entries.len();
        entries.retain(|e| !(self.ours(e) && e.id == id));
        if entries.len() != before {
            self.store(&entries);
        }
    }
}

/// `--api-version` (or `HOOKS_API_VERSION`) of `listen --register`, parsed
/// only when registering; which versions exist is the provider's check.
fn api_version(raw: &str) -> Result<u8> {
    raw.trim().parse().map_err(|_| {
        Error::usage(format!(
            "invalid value '{raw}' for --api-version (or HOOKS_API_VERSION)"
        ))
        .with_hint("use 1 or 2 (WebWork's API versions; awork has only 1)")
    })
}

/// The flags of `hooks delete ID …` that locate the API; never the key,
/// which the user's environment, profile or `--api-key` supplies again.
fn cleanup_command(args: &ApiTarget, provider: &str, config: &Config) -> String {
    let mut words = vec![
        "--provider".to_string(),
        provider.to_string(),
        "--yes".to_string(),
    ];
    let mut flag = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            words.push(name.to_string());
            words.push(shell_word(&v));
        }
    };
    flag("--profile", config.profile_name.clone());
    flag("--api-url", args.api_url.clone());
    flag("--api-version", args.api_version.map(|v| v.to_string()));
    flag("--account-email", args.account_email.clone());
    flag("--workspace-id", args.workspace_id.clone());
    words.join(" ")
}

/// Quotes a word for a POSIX shell when it needs it.
fn shell_word(raw: &str) -> String {
    let plain = !raw.is_empty()
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"@%+=:,./_-".contains(&b));
    if plain {
        raw.to_string()
    } else {
        format!("'{}'", raw.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(
            shell_word("http://127.0.0.1:8790/api/v1"),
            "http://127.0.0.1:8790/api/v1"
        );
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
