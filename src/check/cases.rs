//! The check's cases: what each sends to the handler under test and how its
//! answers are judged.

use super::run::{self, Exchange, Intent, Outcome, Runner, Verdict};
use crate::providers::{Largest, RetrySchedule};
use crate::signature::{split_header_secret, Scheme};
use crate::Result;
use rand::distributions::{Alphanumeric, DistString};
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime};

/// One case of `hooks check`, by its stable id (used by `--only`, `--skip`,
/// the JSON output and JUnit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Case {
    /// One signed event per fixture (or --events): every answer 2xx
    Genuine,
    /// The signature of another secret: expects 4xx (401/403 best)
    ForgedSignature,
    /// A valid signature, one byte of the body changed: expects 4xx
    TamperedBody,
    /// No signature headers: expects 4xx
    MissingSignature,
    /// Correctly signed 10 minutes ago (timestamped schemes): expects 4xx
    StaleTimestamp,
    /// The same delivery (same id) twice: both 2xx
    Duplicate,
    /// An update before its create (a When I Work batch reversed): 2xx
    OutOfOrder,
    /// The largest realistic delivery (When I Work: a batch of 100): 2xx
    LargeBody,
    /// The provider's verification request (Workestra endpoint.verify): 200
    Verification,
    /// Every answer of the run within the provider's timeout (or --timeout)
    Timeout,
}

impl Case {
    /// Every case, in the order they run and are reported. The timeout
    /// case is last: it judges every request the run sent.
    pub const ALL: [Case; 10] = [
        Case::Genuine,
        Case::ForgedSignature,
        Case::TamperedBody,
        Case::MissingSignature,
        Case::StaleTimestamp,
        Case::Duplicate,
        Case::OutOfOrder,
        Case::LargeBody,
        Case::Verification,
        Case::Timeout,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Case::Genuine => "genuine",
            Case::ForgedSignature => "forged-signature",
            Case::TamperedBody => "tampered-body",
            Case::MissingSignature => "missing-signature",
            Case::StaleTimestamp => "stale-timestamp",
            Case::Duplicate => "duplicate",
            Case::OutOfOrder => "out-of-order",
            Case::Timeout => "timeout",
            Case::LargeBody => "large-body",
            Case::Verification => "verification",
        }
    }

    /// The one-line verdict the case checks.
    pub fn title(self) -> &'static str {
        match self {
            Case::Genuine => "accepts genuine events",
            Case::ForgedSignature => "rejects a forged signature",
            Case::TamperedBody => "rejects a tampered body",
            Case::MissingSignature => "rejects a missing signature",
            Case::StaleTimestamp => "rejects a stale timestamp",
            Case::Duplicate => "survives a duplicate",
            Case::OutOfOrder => "survives out-of-order events",
            Case::Timeout => "answers within the provider's timeout",
            Case::LargeBody => "handles a large body",
            Case::Verification => "answers the verification request",
        }
    }

    /// Runs the case against the runner's endpoint.
    pub async fn run(self, r: &mut Runner<'_>) -> Result<Verdict> {
        let started = Instant::now();
        let mut verdict = match self {
            Case::Genuine => genuine(r).await?,
            Case::ForgedSignature => forged(r).await?,
            Case::TamperedBody => tampered(r).await?,
            Case::MissingSignature => missing(r).await?,
            Case::StaleTimestamp => stale(r).await?,
            Case::Duplicate => duplicate(r).await?,
            Case::OutOfOrder => out_of_order(r).await?,
            Case::Timeout => timeout(r).await?,
            Case::LargeBody => large_body(r).await?,
            Case::Verification => verification(r).await?,
        };
        verdict.elapsed = started.elapsed();
        Ok(verdict)
    }
}

/// How much older than now the stale case's timestamp is, at least.
const STALE_SECS: u64 = 600;

/// How many deliveries the timeout case sends of its own.
const TIMEOUT_SAMPLE: usize = 3;

/// The first event the run sends, for cases that need one.
fn first_event(r: &Runner) -> String {
    r.events[0].clone()
}

async fn genuine(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::Genuine;
    let mut slowest: Option<Exchange> = None;
    for name in r.events.clone() {
        let request = r.request(&r.event(&name)?);
        let signature = r.genuine(&request)?;
        let intent = Intent::genuine(&r.signer);
        let ex = r.send(case, &request, signature, intent).await?;
        if !ex.is_success() {
            let mut reason = format!("{} to a genuine {}", ex.answer(r.limit), request.event);
            if matches!(ex.status(), Some(401 | 403)) {
                reason.push_str(": does the handler verify with the same secret? ");
                if r.signer.dev_secret {
                    reason.push_str("hooks signed with its development secret (`hooks listen --print-secret` prints it); or pass --secret");
                } else {
                    reason.push_str(&format!(
                        "hooks signed with the secret from {}",
                        r.secret_from
                    ));
                }
            }
            return Ok(Verdict::about(case, false, reason, &ex, &r.redacted()));
        }
        if slowest.as_ref().is_none_or(|s| ex.latency() > s.latency()) {
            slowest = Some(ex);
        }
    }
    let slowest = slowest.expect("there is at least one event");
    let n = r.events.len();
    let reason = format!(
        "{n} event{} answered 2xx (slowest {} ms)",
        if n == 1 { "" } else { "s" },
        slowest.latency().as_millis()
    );
    Ok(Verdict::about(case, true, reason, &slowest, &[]))
}

/// Why a case does not apply to an unsigned scheme.
fn unsigned(r: &Runner) -> String {
    format!(
        "{} does not sign deliveries; pass --scheme to check a handler that verifies a signature",
        r.provider().title
    )
}

/// Judges an answer to a request that must be rejected: 4xx passes (401 and
/// 403 are best), 2xx is the failure the case is about, anything else fails.
fn judge_rejection(r: &Runner, case: Case, ex: &Exchange, accepted: &str) -> Verdict {
    let redact = r.redacted();
    match ex.status() {
        Some(401 | 403) => Verdict::about(case, true, ex.answer(r.limit), ex, &redact),
        Some(s) if (400..500).contains(&s) => Verdict::about(
            case,
            true,
            format!("{} (401 or 403 is the usual answer)", ex.answer(r.limit)),
            ex,
            &redact,
        ),
        Some(s) if (200..300).contains(&s) => Verdict::about(
            case,
            false,
            format!("{}: {accepted}", ex.answer(r.limit)),
            ex,
            &redact,
        ),
        Some(_) => Verdict::about(
            case,
            false,
            format!(
                "{}: answer 401 or 403; an error makes {} retry it",
                ex.answer(r.limit),
                r.provider().title
            ),
            ex,
            &redact,
        ),
        None => Verdict::about(
            case,
            false,
            format!("{}: expected 401 or 403", ex.answer(r.limit)),
            ex,
            &redact,
        ),
    }
}

/// A secret in the scheme's format that is not the configured one; for a
/// `Name=value` header secret, the same header name.
fn other_secret(r: &Runner) -> String {
    let random = Alphanumeric.sample_string(&mut rand::thread_rng(), 32);
    match r.scheme() {
        Scheme::Standard => {
            use base64::Engine;
            let bytes: [u8; 24] = rand::random();
            format!(
                "whsec_{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )
        }
        Scheme::Header { header } => {
            let first = r.signer.secrets.first().map(String::as_str).unwrap_or("");
            let (name, _) = split_header_secret(header, first);
            format!("{name}={random}")
        }
        _ => random,
    }
}

async fn forged(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::ForgedSignature;
    if !r.scheme().is_signed() {
        return Ok(Verdict::skipped(case, unsigned(r)));
    }
    let request = r.request(&r.event(&first_event(r))?);
    let signature = r.sign(&request, &[other_secret(r)], crate::signature::unix_now())?;
    let intent = Intent::invalid(case, "signed with another secret");
    let ex = r.send(case, &request, signature, intent).await?;
    Ok(judge_rejection(
        r,
        case,
        &ex,
        "your endpoint accepts forged events",
    ))
}

async fn tampered(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::TamperedBody;
    match r.scheme() {
        Scheme::None => return Ok(Verdict::skipped(case, unsigned(r))),
        Scheme::Header { .. } => {
            return Ok(Verdict::skipped(
                case,
                "the header scheme sends a static secret that does not cover the body, so a changed body cannot be detected",
            ))
        }
        _ => {}
    }
    let mut request = r.request(&r.event(&first_event(r))?);
    let signature = r.genuine(&request)?;
    tamper(&mut request.body);
    let intent = Intent::invalid(case, "one byte of the body changed after signing");
    let ex = r.send(case, &request, signature, intent).await?;
    Ok(judge_rejection(
        r,
        case,
        &ex,
        "your endpoint accepts a changed body: verify the signature over the exact raw bytes",
    ))
}

/// Changes one byte of a JSON body so that it stays valid JSON: the first
/// letter or digit of the last string value, else the last byte.
fn tamper(body: &mut [u8]) {
    let at = body
        .windows(4)
        .rposition(|w| w[..3] == *b"\":\"" && w[3].is_ascii_alphanumeric())
        .map(|i| i + 3);
    let at = match at {
        Some(at) => at,
        None if !body.is_empty() => body.len() - 1,
        None => return,
    };
    body[at] = match body[at] {
        b'z' => b'a',
        b'Z' => b'A',
        b'9' => b'0',
        b if b.is_ascii_alphanumeric() => b + 1,
        b' ' => b'\n',
        _ => b' ',
    };
}

async fn missing(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::MissingSignature;
    if !r.scheme().is_signed() {
        return Ok(Verdict::skipped(case, unsigned(r)));
    }
    let request = r.request(&r.event(&first_event(r))?);
    let intent = Intent::invalid(case, "no signature headers");
    let ex = r.send(case, &request, vec![], intent).await?;
    Ok(judge_rejection(
        r,
        case,
        &ex,
        &format!(
            "your endpoint accepts events without {}",
            r.scheme().header_names().join(", ")
        ),
    ))
}

async fn stale(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::StaleTimestamp;
    if !r.scheme().is_signed() {
        return Ok(Verdict::skipped(case, unsigned(r)));
    }
    if !r.scheme().is_timestamped() {
        return Ok(Verdict::skipped(
            case,
            format!(
                "the {} scheme signs no timestamp",
                crate::signing::scheme_name(r.scheme())
            ),
        ));
    }
    let age = STALE_SECS.max(2 * r.signer.tolerance);
    let request = r.request(&r.event(&first_event(r))?);
    let signature = r.sign(
        &request,
        &r.signer.secrets,
        crate::signature::unix_now() - age as i64,
    )?;
    let why = format!("signed correctly {} minutes ago", age / 60);
    let ex = r
        .send(case, &request, signature, Intent::invalid(case, &why))
        .await?;
    Ok(judge_rejection(
        r,
        case,
        &ex,
        "your endpoint accepts replayed events: reject timestamps outside a tolerance (5 minutes is usual)",
    ))
}

async fn duplicate(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::Duplicate;
    let request = r.request(&r.event(&first_event(r))?);
    let intent = Intent::genuine(&r.signer);
    let signature = r.genuine(&request)?;
    let first = r.send(case, &request, signature, intent.clone()).await?;
    if !first.is_success() {
        let reason = format!(
            "{} to the first delivery of {} (see the genuine case)",
            first.answer(r.limit),
            request.event
        );
        return Ok(Verdict::about(case, false, reason, &first, &r.redacted()));
    }
    // A retry carries the same id and body, signed again when it is sent.
    let signature = r.genuine(&request)?;
    let again = r.send(case, &request, signature, intent).await?;
    if again.is_success() {
        let reason = format!(
            "{} sent twice with id {}: both 2xx (hooks cannot see side effects: the handler must not process it twice)",
            request.event, request.id
        );
        return Ok(Verdict::about(case, true, reason, &again, &[]));
    }
    let reason = format!(
        "{} to the second delivery of id {} after 2xx to the first: {} retries deliveries, so a duplicate must be answered 2xx (and not processed again)",
        again.answer(r.limit),
        request.id,
        r.provider().title
    );
    Ok(Verdict::about(case, false, reason, &again, &r.redacted()))
}

/// Suffixes of an event that follows another, and of the one it follows.
const FOLLOWS: [(&str, &str); 7] = [
    ("updated", "created"),
    ("updated", "added"),
    ("changed", "added"),
    ("changed", "created"),
    ("stopped", "started"),
    ("deleted", "created"),
    ("deleted", "added"),
];

/// Two of the run's events where the second normally comes first (an
/// update and its create), else the last two.
fn later_and_earlier(events: &[String]) -> Option<(String, String)> {
    for (later, earlier) in FOLLOWS {
        for e in events {
            if let Some(stem) = e.strip_suffix(later) {
                let before = format!("{stem}{earlier}");
                if events.contains(&before) {
                    return Some((e.clone(), before));
                }
            }
        }
    }
    match events {
        [.., a, b] => Some((b.clone(), a.clone())),
        _ => None,
    }
}

async fn out_of_order(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::OutOfOrder;
    let Some((later, earlier)) = later_and_earlier(&r.events) else {
        return Ok(Verdict::skipped(
            case,
            "needs two events; pass more with --events",
        ));
    };
    let first = r.event(&later)?;
    let second = r.event(&earlier)?;
    let envelope = r.provider().envelope;
    let bodies = [json_body(&first.body), json_body(&second.body)];
    let requests = match envelope.batch(&bodies, SystemTime::now()) {
        // A batching provider sends them in one batch, in no set order.
        Some((body, id, headers)) => vec![run::request(
            format!("{later},{earlier}"),
            id,
            serde_json::to_vec(&body).expect("a JSON value serialises"),
            &headers,
        )],
        None => vec![r.request(&first), r.request(&second)],
    };
    let how = if requests.len() == 1 {
        "in one batch"
    } else {
        "as two deliveries"
    };
    let mut last = None;
    for request in requests {
        let signature = r.genuine(&request)?;
        let ex = r
            .send(case, &request, signature, Intent::genuine(&r.signer))
            .await?;
        if !ex.is_success() {
            let reason = format!(
                "{} to {} sent before {}: {} does not guarantee order",
                ex.answer(r.limit),
                later,
                earlier,
                r.provider().title
            );
            return Ok(Verdict::about(case, false, reason, &ex, &r.redacted()));
        }
        last = Some(ex);
    }
    let reason = format!("{later} before {earlier}, {how}: 2xx");
    Ok(Verdict::about(
        case,
        true,
        reason,
        &last.expect("at least one request"),
        &[],
    ))
}

fn json_body(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("test events are JSON")
}

async fn timeout(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::Timeout;
    let name = first_event(r);
    for _ in 0..TIMEOUT_SAMPLE {
        let request = r.request(&r.event(&name)?);
        let signature = r.genuine(&request)?;
        let ex = r
            .send(case, &request, signature, Intent::genuine(&r.signer))
            .await?;
        if ex.timed_out() {
            break;
        }
    }
    let mut latencies: Vec<Duration> = r.timings.iter().map(|t| t.latency).collect();
    latencies.sort();
    let p95 = latencies[(latencies.len() * 95).div_ceil(100) - 1];
    let slowest = r
        .timings
        .iter()
        .max_by_key(|t| (t.timed_out, t.latency))
        .expect("the case sent at least one request")
        .clone();
    let provider = r.provider();
    let limit = humantime::format_duration(r.limit).to_string();
    let allowed = if r.limit_overridden {
        format!(
            "{limit} (--timeout; {} allows {})",
            provider.title,
            humantime::format_duration(provider.policy.timeout)
        )
    } else {
        format!("{}'s {limit}", provider.title)
    };
    let late = r.timings.iter().filter(|t| t.timed_out).count();
    let stats = format!(
        "slowest {} ms, p95 {} ms over {} requests",
        slowest.latency.as_millis(),
        p95.as_millis(),
        r.timings.len()
    );
    let mut verdict = Verdict {
        case,
        outcome: Outcome::Passed,
        reason: format!("{stats}, within {allowed}"),
        status: slowest.status,
        latency: Some(slowest.latency),
        request_id: Some(slowest.request_id.clone()),
        delivery: slowest.delivery,
        excerpt: None,
        elapsed: Duration::ZERO,
    };
    if late > 0 {
        verdict.outcome = Outcome::Failed;
        let first = r.timings.iter().find(|t| t.timed_out).unwrap_or(&slowest);
        verdict.reason = format!(
            "{late} of {} requests got no answer within {allowed}, the first in the {} case: {} counts that as a failed delivery; {}",
            r.timings.len(),
            first.case.id(),
            provider.title,
            provider.failure_consequence()
        );
        verdict.excerpt = Some(format!(
            "{stats}; answer within the timeout and do slow work after answering (a queue); {}",
            retry_note(&provider.policy.retries)
        ));
    }
    Ok(verdict)
}

/// When the first retry of a failed delivery comes.
fn retry_note(schedule: &RetrySchedule) -> String {
    match crate::providers::retry_offset(schedule, 1) {
        Some(after) => format!(
            "the first retry comes {} later",
            humantime::format_duration(after)
        ),
        None => "it is not retried".to_string(),
    }
}

async fn large_body(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::LargeBody;
    let request = match r.provider().policy.largest {
        Largest::Batch(n) => {
            let mut bodies = Vec::with_capacity(n);
            for i in 0..n {
                let name = r.events[i % r.events.len()].clone();
                bodies.push(json_body(&r.event(&name)?.body));
            }
            let (body, id, headers) = r
                .provider()
                .envelope
                .batch(&bodies, SystemTime::now())
                .expect("a batching provider's envelope batches");
            run::request(
                format!("a batch of {n} events"),
                id,
                serde_json::to_vec(&body).expect("a JSON value serialises"),
                &headers,
            )
        }
        Largest::Body(size) => {
            let event = r.event(&first_event(r))?;
            let mut body = json_body(&event.body);
            grow(&mut body, size);
            let mut request = r.request(&event);
            request.body = serde_json::to_vec(&body).expect("a JSON value serialises");
            request.event = format!("{} of {} KiB", event.event, request.body.len() / 1024);
            request
        }
    };
    let signature = r.genuine(&request)?;
    let ex = r
        .send(case, &request, signature, Intent::genuine(&r.signer))
        .await?;
    let size = request.body.len();
    if ex.is_success() {
        let reason = format!("{} ({size} bytes): {}", request.event, ex.answer(r.limit));
        return Ok(Verdict::about(case, true, reason, &ex, &[]));
    }
    let reason = format!(
        "{} to {} ({size} bytes): raise the handler's body size limit (many frameworks default to 100 KiB or 1 MiB)",
        ex.answer(r.limit),
        request.event
    );
    Ok(Verdict::about(case, false, reason, &ex, &r.redacted()))
}

/// Grows the longest string in `body` (a description, a comment) until the
/// body serialises to at least `size` bytes, keeping its shape.
fn grow(body: &mut Value, size: usize) {
    let current = serde_json::to_vec(body).map(|b| b.len()).unwrap_or(0);
    if current >= size {
        return;
    }
    let missing = size - current;
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
    match longest_string(body) {
        Some(text) => {
            let target = text.len() + missing;
            let seed = if text.is_empty() {
                filler.to_string()
            } else {
                format!(" {text}")
            };
            while text.len() < target {
                text.push_str(&seed);
            }
        }
        None => {
            if let Some(map) = body.as_object_mut() {
                let notes = filler.repeat(missing / filler.len() + 1);
                map.insert("notes".into(), Value::String(notes));
            }
        }
    }
}

fn longest_string(value: &mut Value) -> Option<&mut String> {
    match value {
        Value::String(s) => Some(s),
        Value::Array(items) => items
            .iter_mut()
            .filter_map(longest_string)
            .max_by_key(|s| s.len()),
        Value::Object(map) => map
            .values_mut()
            .filter_map(longest_string)
            .max_by_key(|s| s.len()),
        _ => None,
    }
}

async fn verification(r: &mut Runner<'_>) -> Result<Verdict> {
    let case = Case::Verification;
    let Some(event) = r.provider().policy.setup_event else {
        return Ok(Verdict::skipped(
            case,
            format!("{} sends no verification request", r.provider().title),
        ));
    };
    let request = r.request(&r.event(event)?);
    let signature = r.genuine(&request)?;
    let ex = r
        .send(case, &request, signature, Intent::genuine(&r.signer))
        .await?;
    let passed = ex.status() == Some(200);
    let reason = if passed {
        format!("{event}: answered 200")
    } else {
        format!(
            "{} to {event}: {} sends it when the webhook is set up and expects 200",
            ex.answer(r.limit),
            r.provider().title
        )
    };
    Ok(Verdict::about(case, passed, reason, &ex, &r.redacted()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_value_names() {
        use clap::ValueEnum;
        for case in Case::ALL {
            let value = case.to_possible_value().unwrap();
            assert_eq!(value.get_name(), case.id());
        }
        assert_eq!(Case::value_variants().len(), Case::ALL.len());
    }

    #[test]
    fn tampering_keeps_json_valid_and_changes_one_byte() {
        let original = br#"{"id":"evt_1","data":{"name":"Zoe","n":1}}"#.to_vec();
        let mut body = original.clone();
        tamper(&mut body);
        let changed = original.iter().zip(&body).filter(|(a, b)| a != b).count();
        assert_eq!(changed, 1);
        serde_json::from_slice::<Value>(&body).unwrap();
        assert!(String::from_utf8_lossy(&body).contains(r#""name":"Aoe""#));
    }

    #[test]
    fn growing_reaches_the_size_and_keeps_the_shape() {
        let mut body = serde_json::json!({"id": "e", "data": {"description": "Long text", "n": 2}});
        grow(&mut body, 10_000);
        let len = serde_json::to_vec(&body).unwrap().len();
        assert!(len >= 10_000, "{len}");
        assert!(len < 20_000, "{len}");
        assert_eq!(body["data"]["n"], 2);
        assert!(body["data"]["description"]
            .as_str()
            .unwrap()
            .starts_with("Long text"));
    }

    #[test]
    fn updates_come_before_their_creates() {
        let events = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            later_and_earlier(&events(&["contact.created", "contact.updated", "deal.won"])),
            Some(("contact.updated".into(), "contact.created".into()))
        );
        assert_eq!(
            later_and_earlier(&events(&["tracker.started", "tracker.stopped"])),
            Some(("tracker.stopped".into(), "tracker.started".into()))
        );
        assert_eq!(
            later_and_earlier(&events(&["a", "b"])),
            Some(("b".into(), "a".into()))
        );
        assert_eq!(later_and_earlier(&events(&["a"])), None);
    }
}
