//! Running the check: building, signing, sending and recording each request
//! a case needs, and reporting each case's verdict as text or JSON.

use super::cases::Case;
use crate::delivery::forward::{Forwarded, Forwarder};
use crate::delivery::pipeline;
use crate::delivery::store::{Attempt, Facts, Writer};
use crate::delivery::{Delivery, Source};
use crate::event::{self, TestEvent};
use crate::fixtures::Catalog;
use crate::output::{self, Format};
use crate::providers::{Kind, Provider};
use crate::signature::{split_header_secret, Scheme, SignParams};
use crate::signing::Signer;
use crate::{Error, Result};
use colored::Colorize;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime};

/// What a request carries, as hooks sent it on purpose: recorded with the
/// delivery as its verification and reason.
#[derive(Debug, Clone)]
pub struct Intent {
    /// `valid`, `invalid` or `unsigned`.
    pub verification: &'static str,
    /// Why it is invalid, for the deliveries that are meant to be.
    pub reason: Option<String>,
}

impl Intent {
    pub fn genuine(signer: &Signer) -> Intent {
        Intent {
            verification: if signer.scheme.is_signed() {
                "valid"
            } else {
                "unsigned"
            },
            reason: None,
        }
    }

    pub fn invalid(case: Case, why: &str) -> Intent {
        Intent {
            verification: "invalid",
            reason: Some(format!("hooks check {}: {why}", case.id())),
        }
    }
}

/// One request ready to send.
#[derive(Debug, Clone)]
pub struct Request {
    /// The event type(s) in the body, for messages.
    pub event: String,
    /// The delivery id the provider would send (event id, message id, batch id).
    pub id: String,
    pub body: Vec<u8>,
    /// Headers besides the signature (the provider's own, Content-Type).
    pub headers: Vec<(String, String)>,
}

/// A request and what came back.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub url: reqwest::Url,
    pub request: Request,
    pub sent_headers: Vec<(String, String)>,
    pub result: Forwarded,
    /// The delivery's id in the store.
    pub delivery: Option<i64>,
}

impl Exchange {
    pub fn status(&self) -> Option<u16> {
        match &self.result {
            Forwarded::Answered { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn latency(&self) -> Duration {
        match &self.result {
            Forwarded::Answered { latency, .. }
            | Forwarded::Refused { latency, .. }
            | Forwarded::TimedOut { latency } => *latency,
        }
    }

    pub fn is_success(&self) -> bool {
        self.status().is_some_and(|s| (200..300).contains(&s))
    }

    pub fn timed_out(&self) -> bool {
        matches!(self.result, Forwarded::TimedOut { .. })
    }

    /// What the handler did, as a phrase: "answered 401", "gave no answer
    /// within 30s", "could not be reached (connection refused)".
    pub fn answer(&self, limit: Duration) -> String {
        match &self.result {
            Forwarded::Answered { status, .. } => format!("answered {status}"),
            Forwarded::TimedOut { .. } => format!(
                "gave no answer within {}",
                humantime::format_duration(limit)
            ),
            Forwarded::Refused { error, .. } => format!("could not be reached ({error})"),
        }
    }
}

/// How one case went.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub case: Case,
    pub outcome: Outcome,
    pub reason: String,
    /// The answer (and request) the verdict is about: the failing one, else
    /// the slowest.
    pub status: Option<u16>,
    pub latency: Option<Duration>,
    pub request_id: Option<String>,
    pub delivery: Option<i64>,
    /// The request and response, on failure.
    pub excerpt: Option<String>,
    /// How long the case took.
    pub elapsed: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    Skipped,
}

impl Verdict {
    pub fn skipped(case: Case, reason: impl Into<String>) -> Verdict {
        Verdict {
            case,
            outcome: Outcome::Skipped,
            reason: reason.into(),
            status: None,
            latency: None,
            request_id: None,
            delivery: None,
            excerpt: None,
            elapsed: Duration::ZERO,
        }
    }

    /// A verdict about one exchange; a failure carries its excerpt.
    pub fn about(
        case: Case,
        passed: bool,
        reason: impl Into<String>,
        exchange: &Exchange,
        redact: &[String],
    ) -> Verdict {
        Verdict {
            case,
            outcome: if passed {
                Outcome::Passed
            } else {
                Outcome::Failed
            },
            reason: reason.into(),
            status: exchange.status(),
            latency: Some(exchange.latency()),
            request_id: Some(exchange.request.id.clone()),
            delivery: exchange.delivery,
            excerpt: (!passed).then(|| excerpt(exchange, redact)),
            elapsed: Duration::ZERO,
        }
    }

    pub fn ok(&self) -> bool {
        self.outcome != Outcome::Failed
    }

    pub fn json(&self) -> Value {
        json!({
            "case": self.case.id(),
            "title": self.case.title(),
            "ok": self.ok(),
            "skipped": self.outcome == Outcome::Skipped,
            "reason": self.reason,
            "status": self.status,
            "latency_ms": self.latency.map(crate::output::latency_ms),
            "request_id": self.request_id,
            "delivery": self.delivery,
        })
    }

    /// Prints the verdict as one line (and, on failure, its excerpt), or one
    /// JSON object.
    pub fn print(&self, format: Format) {
        if format == Format::Json {
            output::json_line(&self.json());
            return;
        }
        let mark = match self.outcome {
            Outcome::Passed => "PASS".green().bold(),
            Outcome::Failed => "FAIL".red().bold(),
            Outcome::Skipped => "SKIP".yellow().bold(),
        };
        output::line(format!(
            "{mark} {:<18} {}: {}",
            self.case.id(),
            self.case.title(),
            self.reason
        ));
        if let Some(excerpt) = &self.excerpt {
            for line in excerpt.lines() {
                output::line(format!("       {}", line.dimmed()));
            }
        }
    }
}

/// The longest part of a body shown in an excerpt.
const EXCERPT_BODY: usize = 300;

/// The request and response as `>`/`<` lines, bodies cut short, the values
/// of `redact` headers (a static-header secret) hidden.
fn excerpt(exchange: &Exchange, redact: &[String]) -> String {
    let mut lines = vec![format!("> POST {}", exchange.url)];
    for (name, value) in &exchange.sent_headers {
        let shown = if redact.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            "[redacted]"
        } else {
            value.as_str()
        };
        lines.push(format!("> {name}: {shown}"));
    }
    lines.push(format!("> {}", cut(&exchange.request.body)));
    match &exchange.result {
        Forwarded::Answered { status, body, .. } => {
            lines.push(format!("< {status}"));
            if !body.is_empty() {
                lines.push(format!("< {}", cut(body)));
            }
        }
        Forwarded::TimedOut { latency } => {
            lines.push(format!("< (no answer after {} ms)", latency.as_millis()))
        }
        Forwarded::Refused { error, .. } => lines.push(format!("< ({error})")),
    }
    lines.join("\n")
}

fn cut(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match one_line.char_indices().nth(EXCERPT_BODY) {
        Some((at, _)) => format!("{}… ({} bytes)", &one_line[..at], body.len()),
        None => one_line,
    }
}

/// One request of the run, for the timeout case's statistics.
#[derive(Debug, Clone)]
pub struct Timing {
    pub case: Case,
    pub status: Option<u16>,
    pub latency: Duration,
    pub timed_out: bool,
    pub request_id: String,
    pub delivery: Option<i64>,
}

/// Sends the requests of a check run and remembers how each went.
pub struct Runner<'a> {
    pub catalog: &'a Catalog,
    pub signer: Signer,
    pub url: reqwest::Url,
    /// The longest a request may take: the provider's timeout or `--timeout`.
    pub limit: Duration,
    /// True when `--timeout` set the limit.
    pub limit_overridden: bool,
    /// The events to send (`--events`, else the provider's fixtures).
    pub events: Vec<String>,
    /// Where the signing secret came from, as a failure names it ("--secret",
    /// or the profile's key): the handler must verify with the same one.
    pub secret_from: String,
    pub timings: Vec<Timing>,
    forwarder: Forwarder,
    store: Writer,
    answered: bool,
}

impl<'a> Runner<'a> {
    pub fn new(
        catalog: &'a Catalog,
        signer: Signer,
        url: reqwest::Url,
        limit: Option<Duration>,
        events: Vec<String>,
        store: Writer,
    ) -> Runner<'a> {
        let provider_limit = signer.provider.policy.timeout;
        Runner {
            catalog,
            url,
            limit: limit.unwrap_or(provider_limit),
            limit_overridden: limit.is_some(),
            events,
            secret_from: "--secret".into(),
            timings: Vec::new(),
            forwarder: Forwarder::direct(limit.unwrap_or(provider_limit)),
            store,
            answered: false,
            signer,
        }
    }

    pub fn provider(&self) -> &Provider {
        &self.signer.provider
    }

    pub fn scheme(&self) -> &Scheme {
        &self.signer.scheme
    }

    /// Headers whose value must not be shown: the header scheme sends the
    /// secret itself.
    pub fn redacted(&self) -> Vec<String> {
        match self.scheme() {
            Scheme::Header { header } => self
                .signer
                .secrets
                .iter()
                .map(|s| split_header_secret(header, s).0.to_string())
                .collect(),
            _ => vec![],
        }
    }

    /// A fresh test event (new ids and timestamps) from its fixture; a
    /// generic scheme's event without a fixture gets an example body.
    pub fn event(&self, name: &str) -> Result<TestEvent> {
        let provider = self.provider();
        let data = (provider.kind == Kind::Scheme
            && self.catalog.find(name, Some(provider)).is_err())
        .then(|| json!({"id": "ex_1", "name": "Example"}));
        event::build(
            self.catalog,
            name,
            Some(provider),
            data,
            &[],
            SystemTime::now(),
        )
    }

    /// A request for a test event.
    pub fn request(&self, event: &TestEvent) -> Request {
        request(
            event.event.clone(),
            event.id.clone(),
            event.body.clone(),
            &event.headers,
        )
    }

    /// Signs `body` as the provider would: with `secrets`, at `timestamp`.
    pub fn sign(
        &self,
        request: &Request,
        secrets: &[String],
        timestamp: i64,
    ) -> Result<Vec<(String, String)>> {
        if !self.scheme().is_signed() {
            return Ok(vec![]);
        }
        self.scheme()
            .sign(
                secrets,
                &request.body,
                &SignParams {
                    id: &request.id,
                    timestamp,
                },
            )
            .map_err(Error::usage)
    }

    /// Signs with the configured secret, now.
    pub fn genuine(&self, request: &Request) -> Result<Vec<(String, String)>> {
        self.sign(request, &self.signer.secrets, crate::signature::unix_now())
    }

    /// Sends a request with `signature` headers, records it in the delivery
    /// store (source `check`), and returns what came back. Fails only when
    /// the endpoint cannot be reached and has answered nothing yet in this
    /// run: then there is nothing to check (exit 3).
    pub async fn send(
        &mut self,
        case: Case,
        request: &Request,
        signature: Vec<(String, String)>,
        intent: Intent,
    ) -> Result<Exchange> {
        let mut headers = request.headers.clone();
        headers.extend(signature);
        let path = match self.url.query() {
            Some(q) => format!("{}?{q}", self.url.path()),
            None => self.url.path().to_string(),
        };
        let delivery = Delivery {
            method: "POST".into(),
            path,
            headers: headers
                .iter()
                .map(|(n, v)| (n.clone(), v.clone().into_bytes()))
                .collect(),
            body: request.body.clone().into(),
            received_at: SystemTime::now(),
            source: Source::Check,
            remote: None,
            forwarding: None,
            oversized: None,
        };
        let facts = Facts {
            provider: Some(self.provider().name.to_string()),
            verification: intent.verification.to_string(),
            reason: intent.reason,
            origin: None,
            events: Value::Array(
                pipeline::read_events(&delivery)
                    .into_iter()
                    .map(|e| json!({"type": e.event_type, "id": e.id}))
                    .collect(),
            ),
            outcome: "received".into(),
            status: None,
            replay_of: None,
        };
        let id = self.store.insert(delivery.clone(), facts).await?;
        let at = SystemTime::now();
        let result = self.forwarder.send(&delivery, self.url.as_str()).await;
        let (attempt, outcome, status) = attempt(&result, at, &self.url, self.limit);
        self.store
            .finish(id, Some(attempt), outcome, status)
            .await?;
        if let Forwarded::Refused { error, .. } = &result {
            if !self.answered {
                return Err(
                    Error::network(format!("cannot reach {}: {error}", self.url))
                        .with_hint("start your app first, and check --to"),
                );
            }
        }
        self.answered |= matches!(result, Forwarded::Answered { .. });
        let exchange = Exchange {
            url: self.url.clone(),
            request: request.clone(),
            sent_headers: headers,
            result,
            delivery: Some(id),
        };
        self.timings.push(Timing {
            case,
            status: exchange.status(),
            latency: exchange.latency(),
            timed_out: exchange.timed_out(),
            request_id: request.id.clone(),
            delivery: Some(id),
        });
        Ok(exchange)
    }
}

/// A request from its parts, with the Content-Type and User-Agent a
/// provider sends.
pub fn request(event: String, id: String, body: Vec<u8>, extra: &[(String, String)]) -> Request {
    let mut headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        (
            "User-Agent".to_string(),
            concat!("hooks-check/", env!("CARGO_PKG_VERSION")).to_string(),
        ),
    ];
    headers.extend(extra.iter().cloned());
    Request {
        event,
        id,
        body,
        headers,
    }
}

/// The forward attempt, outcome and status recorded for a check request,
/// as the listener records a forward.
fn attempt(
    result: &Forwarded,
    at: SystemTime,
    url: &reqwest::Url,
    limit: Duration,
) -> (Attempt, &'static str, u16) {
    let mut attempt = Attempt {
        at,
        url: url.to_string(),
        status: None,
        headers: vec![],
        body: bytes::Bytes::new(),
        latency: Duration::ZERO,
        error: None,
    };
    match result {
        Forwarded::Answered {
            status,
            headers,
            body,
            latency,
        } => {
            attempt.status = Some(*status);
            attempt.headers = headers.clone();
            attempt.body = body.clone();
            attempt.latency = *latency;
            (attempt, "forwarded", *status)
        }
        Forwarded::Refused { error, latency } => {
            attempt.error = Some(error.clone());
            attempt.latency = *latency;
            (attempt, "refused", 502)
        }
        Forwarded::TimedOut { latency } => {
            attempt.error = Some(format!(
                "no answer within {}",
                humantime::format_duration(limit)
            ));
            attempt.latency = *latency;
            (attempt, "timeout", 504)
        }
    }
}
