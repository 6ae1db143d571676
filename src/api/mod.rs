//! Provider webhook management APIs behind one trait: list, get, create,
//! update and delete subscriptions, list event types, read delivery logs.
//! Each provider's JSON is normalised to [`Webhook`]; the exact shapes are in
//! docs/management-api-shapes.md (shared with `hooks emulate`).

pub mod awork;
pub mod emulator;
pub mod http;
pub mod prompt;
pub mod webwork;

use crate::config::Config;
use crate::providers::{self, Management, Provider};
use crate::{Error, Result};
use serde_json::{json, Value};

/// Which provider's management API to talk to, and how, as the caller asks
/// (`--provider`, `--api-url`, `--api-key`, ...); the environment and the
/// profile fill in what is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTarget {
    /// The provider whose webhooks to manage.
    pub provider: Option<String>,
    /// The management API's base URL [default: the provider's].
    pub api_url: Option<String>,
    pub api_key: Option<String>,
    /// WebWork's API version: 1 (Basic auth) or 2 (Bearer, workspaces).
    pub api_version: Option<u8>,
    /// The Basic auth user of WebWork API v1.
    pub account_email: Option<String>,
    /// The workspace of WebWork API v2.
    pub workspace_id: Option<String>,
    /// How long one request may take.
    pub timeout: std::time::Duration,
}

/// One webhook subscription, normalised across providers.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    pub provider: &'static str,
    /// The emulator's `hooksStatus.state` (active, disabled, paused), when sent.
    pub status: Option<String>,
    /// Why the webhook is not active, when known.
    pub reason: Option<String>,
    /// The provider's object as it came.
    pub raw: Value,
}

impl Webhook {
    /// The documented `--format json` shape.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "url": self.url,
            "events": self.events,
            "active": self.active,
            "provider": self.provider,
            "status": self.status,
            "reason": self.reason,
            "raw": self.raw,
        })
    }

    /// Reads the `hooksStatus` extension of `hooks emulate`, if present.
    fn emulator_status(raw: &Value) -> (Option<String>, Option<String>) {
        let status = &raw["hooksStatus"];
        (
            status["state"].as_str().map(str::to_string),
            status["reason"].as_str().map(str::to_string),
        )
    }
}

/// One entry of a webhook's delivery log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub at: Option<String>,
    pub response_code: Option<i64>,
    pub success: Option<bool>,
    pub message: Option<String>,
    pub reason: Option<String>,
    pub raw: Value,
}

impl LogEntry {
    pub fn to_json(&self, webhook: &str) -> Value {
        json!({
            "webhook": webhook,
            "at": self.at,
            "response_code": self.response_code,
            "success": self.success,
            "message": self.message,
            "reason": self.reason,
            "raw": self.raw,
        })
    }
}

/// What `create` asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct NewWebhook {
    pub url: String,
    pub events: Vec<String>,
    pub name: Option<String>,
    /// `(name, value)` of a header sent with every delivery (awork).
    pub header: Option<(String, String)>,
}

/// What `update` changes; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub active: Option<bool>,
}

/// A provider's webhook management API.
#[async_trait::async_trait]
pub trait WebhookApi: Send + Sync {
    fn provider(&self) -> &Provider;
    /// Every webhook, following all pages.
    async fn list(&self) -> Result<Vec<Webhook>>;
    async fn get(&self, id: &str) -> Result<Webhook>;
    async fn create(&self, new: &NewWebhook) -> Result<Webhook>;
    async fn update(&self, id: &str, changes: &Changes) -> Result<Webhook>;
    async fn delete(&self, id: &str) -> Result<()>;
    async fn event_types(&self) -> Result<Vec<String>>;
    async fn logs(&self, id: &str) -> Result<Vec<LogEntry>>;
}

/// Builds the client for the provider named by `--provider` or the profile,
/// with its base URL, credentials and version resolved (flag > environment >
/// profile > default). Providers without a management API are refused here.
pub fn connect(args: &ApiTarget, config: &Config) -> Result<Box<dyn WebhookApi>> {
    let provider = provider(args, config)?;
    let timeout = args.timeout;
    if matches!(
        provider.management,
        Management::WebUi(_) | Management::NotApplicable
    ) {
        if let Some(base) = emulator_base(args, config)? {
            let (key, source) = emulator_key(args, config, &provider)?;
            let http = http::Http::new(&provider, base, http::Auth::Bearer(key), timeout, source);
            return Ok(Box::new(emulator::Emulator::new(provider, http)));
        }
    }
    match provider.management {
        Management::WebUi(steps) => Err(Error::usage(format!(
            "hooks cannot manage {} webhooks",
            provider.title
        ))
        .with_hint(format!(
            "{steps} (Against `hooks emulate --provider {}`, pass --api-url http://127.0.0.1:PORT/_emulator.)",
            provider.name
        ))),
        Management::NotApplicable => Err(Error::usage(format!(
            "'{}' is a signature scheme, not a provider: there are no webhooks to manage",
            provider.name
        ))
        .with_hint(format!(
            "providers with a management API: {}",
            managed_names().join(", ")
        ))),
        Management::WebWork => {
            let version =
                webwork::Version::parse(args.api_version.or(config.profile.api_version), config)?;
            let base = base_url(args, config, version.default_base())?;
            let (key, key_source) = api_key(args, config, &provider)?;
            let auth = match version {
                webwork::Version::V1 => {
                    let email = args
                        .account_email
                        .clone()
                        .or(config.profile.account_email.clone())
                        .ok_or_else(|| {
                            Error::usage(
                                "WebWork API v1 needs the account e-mail (the Basic auth user)",
                            )
                            .with_hint(format!(
                                "pass --account-email, set HOOKS_ACCOUNT_EMAIL, or set {}",
                                config.profile_key("account_email")
                            ))
                        })?;
                    http::Auth::Basic { user: email, key }
                }
                webwork::Version::V2 => http::Auth::Bearer(key),
            };
            let workspace = args
                .workspace_id
                .clone()
                .or(config.profile.workspace_id.clone());
            if version == webwork::Version::V2 && workspace.is_none() {
                return Err(
                    Error::usage("WebWork API v2 needs a workspace id").with_hint(format!(
                        "pass --workspace-id, set HOOKS_WORKSPACE_ID, or set {}",
                        config.profile_key("workspace_id")
                    )),
                );
            }
            let http = http::Http::new(&provider, base, auth, timeout, key_source);
            Ok(Box::new(webwork::WebWork::new(
                provider, http, version, workspace,
            )))
        }
        Management::Awork => {
            if let Some(n) = args.api_version.filter(|n| *n != 1) {
                return Err(
                    Error::usage(format!("awork has no API version {n}")).with_hint(
                        "drop --api-version (or HOOKS_API_VERSION); awork has API v1 only",
                    ),
                );
            }
            let base = base_url(args, config, awork::DEFAULT_BASE)?;
            let (key, key_source) = api_key(args, config, &provider)?;
            let http = http::Http::new(
                &provider,
                base,
                http::Auth::Bearer(key),
                timeout,
                key_source,
            );
            Ok(Box::new(awork::Awork::new(provider, http)))
        }
    }
}

/// The provider from `--provider`/`HOOKS_PROVIDER`, else the profile's.
pub fn provider(args: &ApiTarget, config: &Config) -> Result<Provider> {
    match args
        .provider
        .as_deref()
        .or(config.profile.provider.as_deref())
    {
        Some(name) => providers::get(name),
        None => Err(
            Error::usage("which provider's webhooks? none was given").with_hint(format!(
                "pass --provider ({}), set HOOKS_PROVIDER, or set {}",
                managed_names().join(", "),
                config.profile_key("provider")
            )),
        ),
    }
}

fn managed_names() -> Vec<&'static str> {
    providers::all()
        .into_iter()
        .filter(|p| matches!(p.management, Management::WebWork | Management::Awork))
        .map(|p| p.name)
        .collect()
}

/// The emulator's own API, when `--api-url` (or `HOOKS_API_URL`, or the
/// profile's `api_url`) ends in `/_emulator`.
fn emulator_base(args: &ApiTarget, config: &Config) -> Result<Option<reqwest::Url>> {
    if args.api_url.is_none() && config.profile.api_url.is_none() {
        return Ok(None);
    }
    let base = base_url(args, config, "")?;
    Ok(emulator::is_emulator(&base).then_some(base))
}

fn base_url(args: &ApiTarget, config: &Config, default: &str) -> Result<reqwest::Url> {
    let raw = args
        .api_url
        .clone()
        .or(config.profile.api_url.clone())
        .unwrap_or_else(|| default.to_string());
    let url = reqwest::Url::parse(raw.trim_end_matches('/')).map_err(|e| {
        Error::usage(format!("invalid API URL '{raw}': {e}"))
            .with_hint("write a URL like https://api.example.com/api/v1")
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(Error::usage(format!(
            "invalid API URL '{raw}': only http(s) URLs with a host"
        ))
        .with_hint("write a URL like https://api.example.com/api/v1"));
    }
    Ok(url)
}

/// The API key: `--api-key`/`HOOKS_API_KEY`, else the profile's `api_key`,
/// else the trimmed output of the profile's `api_key_cmd` (run by `sh -c`,
/// so a password manager can supply it). With it, where it came from, as
/// the user gave it (`--api-key`, `HOOKS_API_KEY`, the config key), for
/// messages.
fn api_key(args: &ApiTarget, config: &Config, provider: &Provider) -> Result<(String, String)> {
    let given = match (&args.api_key, &config.profile.api_key) {
        (Some(key), _) => Some((
            key,
            crate::config::given_by("--api-key", "HOOKS_API_KEY", std::slice::from_ref(key)),
        )),
        (None, Some(key)) => Some((key, config.profile_key("api_key"))),
        (None, None) => None,
    };
    if let Some((key, source)) = given {
        if key.trim().is_empty() {
            return Err(Error::usage(format!("the API key from {source} is empty"))
                .with_hint(format!("give a non-empty key in {source}")));
        }
        return one_line_key(key.trim(), &source).map(|key| (key, source));
    }
    let Some(cmd) = &config.profile.api_key_cmd else {
        return Err(
            Error::usage(format!("no API key for {}", provider.title)).with_hint(format!(
                "pass --api-key, set HOOKS_API_KEY, or set {} (or api_key_cmd to read it from a password manager)",
                config.profile_key("api_key")
            )),
        );
    };
    let where_ = config.profile_key("api_key_cmd");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Error::usage(format!("cannot run {where_}: {e}")))?;
    if !output.status.success() {
        return Err(Error::usage(format!("{where_} failed ({})", output.status))
            .with_hint("run the command by hand to see why; it must print the key"));
    }
    let key = String::from_utf8(output.stdout)
        .map_err(|_| Error::usage(format!("{where_} printed something that is not UTF-8")))?
        .trim()
        .to_string();
    if key.is_empty() {
        return Err(Error::usage(format!("{where_} printed nothing"))
            .with_hint("the command must print the API key on stdout"));
    }
    let source = format!("the output of {where_}");
    one_line_key(&key, &source).map(|key| (key, source))
}

/// An API key goes into a header: one line, no control characters. Says
/// where a key that is not came from, instead of the HTTP library's
/// "failed to parse header value".
fn one_line_key(key: &str, source: &str) -> Result<String> {
    let lines = key.lines().count();
    if lines > 1 {
        return Err(Error::usage(format!(
            "the API key from {source} is {lines} lines; it must be one"
        ))
        .with_hint(
            "make it print (or hold) the key alone, e.g. pipe the command through `head -n 1`",
        ));
    }
    if key.chars().any(|c| c.is_control()) {
        return Err(Error::usage(format!(
            "the API key from {source} holds a control character"
        ))
        .with_hint("give the key as printable text on one line"));
    }
    Ok(key.to_string())
}

/// The key of the emulator's own API: one given as for any API, else the
/// key `hooks emulate --provider P` generated in the data directory.
fn emulator_key(
    args: &ApiTarget,
    config: &Config,
    provider: &Provider,
) -> Result<(String, String)> {
    if args.api_key.is_some() || config.profile.api_key.is_some() {
        return api_key(args, config, provider);
    }
    let path = crate::emulator::key_path(&config.data_dir, provider.name);
    match std::fs::read_to_string(&path) {
        Ok(text) if !text.trim().is_empty() => {
            Ok((text.trim().to_string(), path.display().to_string()))
        }
        _ => Err(Error::usage(format!(
            "no API key for the emulator's API, and none in {}",
            path.display()
        ))
        .with_hint("pass --api-key with the key `hooks emulate` printed (or set HOOKS_API_KEY)")),
    }
}

/// Checks events against the provider's catalog, with suggestions, unless
/// unknown events are allowed.
pub fn check_events(provider: &Provider, events: &[String], allow_unknown: bool) -> Result<()> {
    if allow_unknown {
        return Ok(());
    }
    for event in events {
        if !provider.has_event(event) {
            let mut msg = format!("unknown {} event '{event}'", provider.title);
            if let Some(s) = crate::suggest::nearest(event, provider.events).first() {
                msg.push_str(&format!(" (did you mean '{s}'?)"));
            }
            return Err(Error::usage(msg).with_hint(format!(
                "see `hooks event-types --provider {}`, or pass --allow-unknown-event to send it anyway",
                provider.name
            )));
        }
    }
    Ok(())
}

/// The table `list`, `get`, `create` and `update` print.
pub fn table(webhooks: &[Webhook]) -> Vec<String> {
    let rows: Vec<Vec<String>> = webhooks
        .iter()
        .map(|w| {
            vec![
                w.id.clone(),
                w.url.clone(),
                w.events.join(","),
                if w.active { "yes" } else { "no" }.to_string(),
                status_cell(w),
            ]
        })
        .collect();
    crate::output::table(&["ID", "URL", "EVENTS", "ACTIVE", "STATUS"], &rows)
}

/// The status column: what `hooks emulate` reports (state, why, how many
/// failed deliveries), or `-` where the provider says nothing.
fn status_cell(w: &Webhook) -> String {
    let Some(state) = &w.status else {
        return "-".to_string();
    };
    let mut cell = state.clone();
    if let Some(reason) = &w.reason {
        cell.push_str(&format!(": {reason}"));
    }
    match w.raw["hooksStatus"]["failures"].as_u64() {
        Some(n) if n > 0 => {
            cell.push_str(&format!(" ({n} failure{})", if n == 1 { "" } else { "s" }))
        }
        _ => {}
    }
    cell
}

/// The table `logs` prints.
pub fn log_table(entries: &[LogEntry]) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                opt(&e.at),
                e.response_code
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "-".to_string()),
                match e.success {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "-",
                }
                .to_string(),
                opt(&e.reason),
                opt(&e.message),
            ]
        })
        .collect();
    crate::output::table(&["AT", "CODE", "OK", "REASON", "MESSAGE"], &rows)
}

/// Checks a delivery URL: absolute http(s) with a host.
pub fn check_url(raw: &str) -> Result<String> {
    let bad = |why: String| {
        Error::usage(format!("invalid webhook URL '{raw}': {why}"))
            .with_hint("write a URL like https://relay.example.com/c/abc")
    };
    let url = reqwest::Url::parse(raw.trim()).map_err(|e| bad(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(bad("only http:// and https:// URLs with a host".into()));
    }
    Ok(raw.trim().to_string())
}

/// Splits `Name=value` (awork's `authentication` field).
pub fn parse_auth_header(raw: &str) -> Result<(String, String)> {
    match raw.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() && !value.is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        _ => Err(
            Error::usage(format!("invalid --header '{raw}': expected Name=value"))
                .with_hint("for example --header 'X-Webhook-Token=s3cret'"),
        ),
    }
}

/// The error for an operation a provider's API does not offer.
pub fn unsupported(provider: &Provider, what: &str, hint: &str) -> Error {
    Error::usage(format!("{} has no API for {what}", provider.title)).with_hint(hint.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_header_needs_a_name_and_a_value() {
        assert_eq!(
            parse_auth_header("X-Token=a=b").unwrap(),
            ("X-Token".to_string(), "a=b".to_string())
        );
        assert!(parse_auth_header("X-Token").is_err());
        assert!(parse_auth_header("=v").is_err());
    }

    #[test]
    fn unknown_events_are_refused_with_a_suggestion() {
        let webwork = providers::get("webwork").unwrap();
        let err = check_events(&webwork, &["tracker.stoped".into()], false).unwrap_err();
        assert!(err.message.contains("did you mean 'tracker.stopped'"));
        assert!(check_events(&webwork, &["tracker.stoped".into()], true).is_ok());
        assert!(check_events(&webwork, &["tracker.started".into()], false).is_ok());
    }
}
