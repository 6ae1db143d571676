//! The pipeline every delivery goes through, whatever its source:
//! verify → record → print → forward → respond.

use super::forward::{self, Forwarded, Forwarder};
use super::print::{ForwardReport, Printer, Report};
use super::store::{Attempt, Facts, Writer};
use super::verify::{Checked, Verifier};
use super::{origin, pattern, Delivery};
use crate::netlist::NetList;
use crate::signature::Verification;
use bytes::Bytes;
use std::sync::Arc;
use std::time::SystemTime;
use tokio::sync::{broadcast, watch};

/// The largest body verified and read for events on the listener's own
/// thread (a 1 KiB webhook takes microseconds; 25 MiB, tens of
/// milliseconds).
const INLINE_BODY: usize = 256 * 1024;

/// One event found in a delivery (a When I Work batch has several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub event_type: Option<String>,
    pub id: Option<String>,
}

/// `--forward-event PATTERN=URL`.
#[derive(Debug, Clone)]
pub struct Route {
    pub pattern: String,
    pub url: reqwest::Url,
}

/// What to do with deliveries.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--forward`: the fallback target.
    pub forward: Option<reqwest::Url>,
    /// `--forward-event`, first match wins.
    pub routes: Vec<Route>,
    /// `--events`: only matching deliveries are printed and forwarded.
    pub events: Vec<String>,
    /// `--filter`: only deliveries that pass every one are printed and
    /// forwarded, as with `--events`.
    pub filters: Vec<super::filter::Filter>,
    pub forward_invalid: bool,
    /// `--path`: stripped from the delivery's path before it is joined to
    /// the target's.
    pub path_prefix: String,
    /// `--allow-from`: callers outside it are refused with 403 before
    /// anything else is done with their delivery.
    pub allow_from: Option<NetList>,
    /// `--respond` and `--respond-event`: the answer when there is no
    /// target to forward to.
    pub respond: Vec<super::respond::Respond>,
}

/// The answer for the sender.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Bytes,
    /// The store could not record the delivery, so it was refused (503) to
    /// be sent again: a relay must keep it queued, not take it as delivered.
    pub unrecorded: bool,
}

impl Reply {
    fn text(status: u16, text: String) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), b"text/plain; charset=utf-8".to_vec())],
            body: Bytes::from(text + "\n"),
            unrecorded: false,
        }
    }

    fn json(status: u16, value: serde_json::Value) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), b"application/json".to_vec())],
            body: Bytes::from(value.to_string()),
            unrecorded: false,
        }
    }
}

pub struct Pipeline {
    verifier: Verifier,
    store: Option<Writer>,
    printer: Printer,
    forwarder: Forwarder,
    options: Options,
    handled: watch::Sender<u64>,
    tally: std::sync::Mutex<Tally>,
    changes: broadcast::Sender<i64>,
}

/// What a listener did with the deliveries it handled, for the summary
/// printed when it stops.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Deliveries handled (those `--events` let through).
    pub received: u64,
    /// Forwarded, and the app answered 2xx.
    pub forwarded: u64,
    /// Refused (caller not in --allow-from, invalid signature, too large,
    /// not recordable), or forwarded without a 2xx answer (non-2xx,
    /// unreachable, timed out); never an answer `--respond` chose.
    pub failed: u64,
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} received, {} forwarded, {} failed",
            self.received, self.forwarded, self.failed
        )
    }
}

impl Pipeline {
    pub fn new(
        verifier: Verifier,
        store: Option<Writer>,
        printer: Printer,
        forwarder: Forwarder,
        options: Options,
    ) -> Pipeline {
        Pipeline {
            verifier,
            store,
            printer,
            forwarder,
            options,
            handled: watch::channel(0).0,
            tally: Default::default(),
            changes: broadcast::channel(1024).0,
        }
    }

    /// Counts deliveries handled and shown (those `--events` let through).
    pub fn handled(&self) -> watch::Receiver<u64> {
        self.handled.subscribe()
    }

    /// The counts so far.
    pub fn tally(&self) -> Tally {
        *self.tally.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A status `--respond` chose is what the user asked for, not a failure.
    fn count(&self, reply: &Reply, forwarded: bool, chosen: bool) {
        let mut tally = self.tally.lock().unwrap_or_else(|e| e.into_inner());
        tally.received += 1;
        let ok = chosen || (200..300).contains(&reply.status);
        if forwarded && ok {
            tally.forwarded += 1;
        } else if !ok {
            tally.failed += 1;
        }
    }

    /// Carries the id of each recorded delivery when it is recorded and
    /// again when it is finished (the inspector's live list follows it).
    pub fn changes(&self) -> broadcast::Sender<i64> {
        self.changes.clone()
    }

    /// Takes one delivery through every step and returns the sender's answer.
    pub async fn handle(&self, delivery: Delivery) -> Reply {
        self.process(delivery, None).await.0
    }

    /// Handles a replay of recorded delivery `of`, recorded with a link to
    /// it; returns the answer and the new delivery's id.
    pub async fn handle_replay(&self, delivery: Delivery, of: i64) -> (Reply, Option<i64>) {
        self.process(delivery, Some(of)).await
    }

    async fn process(&self, delivery: Delivery, replay_of: Option<i64>) -> (Reply, Option<i64>) {
        // Shared with the store's writer thread rather than copied.
        let delivery = Arc::new(delivery);
        let (events, checked, passes) = self.inspect(&delivery).await;
        let types: Vec<String> = events.iter().filter_map(|e| e.event_type.clone()).collect();
        let (provider, verification) = match checked {
            None => (self.verifier.provider().map(|p| p.name), None),
            Some(checked) => (checked.provider, Some(checked.verification)),
        };
        let invalid = matches!(verification, Some(Verification::Invalid(_)));
        let forbidden = self
            .options
            .allow_from
            .as_ref()
            .is_some_and(|list| !origin::allowed(&delivery, list));
        let filtered = !forbidden
            && delivery.oversized.is_none()
            && (!passes
                || (!self.options.events.is_empty()
                    && !pattern::any_matches(&self.options.events, &types)));
        let target = self
            .target(&types)
            .map(|t| forward::target_url(t, &delivery.path, &self.options.path_prefix));

        let mut report = Report {
            id: None,
            provider: provider.map(str::to_string),
            verification: verification
                .as_ref()
                .map(|v| v.label())
                .unwrap_or("unchecked")
                .to_string(),
            reason: verification.as_ref().and_then(|v| v.reason()),
            origin: origin::verdict(&delivery, provider),
            events,
            outcome: "received",
            status: 200,
            forward: None,
        };
        let mut respond = None;
        let forward_to = if forbidden {
            report.outcome = "forbidden";
            report.status = 403;
            None
        } else if delivery.oversized.is_some() {
            report.outcome = "too_large";
            report.status = 413;
            None
        } else if let Some(Err(why)) = &target {
            report.outcome = "outside_prefix";
            report.status = 400;
            report.reason = Some(why.clone());
            None
        } else if filtered {
            report.outcome = "filtered";
            None
        } else if invalid && !self.options.forward_invalid {
            report.outcome = "invalid";
            report.status = 401;
            None
        } else if target.is_none() {
            match super::respond::choose(&self.options.respond, &types) {
                Some(rule) => {
                    report.outcome = "responded";
                    report.status = rule.status;
                    respond = Some(rule);
                }
                None => report.outcome = "acknowledged",
            }
            None
        } else {
            target.and_then(Result::ok)
        };

        // Record before anything is answered, so an acknowledged delivery is
        // on disk; a delivery that cannot be recorded is refused with 503 so
        // that the sender retries it.
        if let Some(store) = &self.store {
            let facts = Facts {
                provider: report.provider.clone(),
                verification: report.verification.clone(),
                reason: report.reason.clone(),
                origin: report.origin.map(|o| o.as_str().to_string()),
                events: serde_json::Value::Array(
                    report
                        .events
                        .iter()
                        .map(|e| serde_json::json!({"type": e.event_type, "id": e.id}))
                        .collect(),
                ),
                outcome: report.outcome.to_string(),
                status: forward_to.is_none().then_some(report.status),
                replay_of,
            };
            match store.insert(Arc::clone(&delivery), facts).await {
                Ok(id) => {
                    report.id = Some(id);
                    let _ = self.changes.send(id);
                }
                Err(e) => {
                    let reply = self.unrecorded(&e.message);
                    if !filtered {
                        self.count(&reply, false, false);
                    }
                    return (reply, None);
                }
            }
        }

        if !filtered {
            self.printer.received(&delivery, &report);
        }
        let forwarded = forward_to.is_some();
        let reply = match forward_to {
            Some(url) => self.forward(&delivery, url, &mut report).await,
            None => match respond {
                Some(rule) => {
                    tokio::time::sleep(rule.delay).await;
                    responded(rule, report.id)
                }
                None => self.local_reply(&delivery, &report),
            },
        };
        if !filtered {
            self.count(&reply, forwarded, report.outcome == "responded");
            self.printer.finished(&delivery, &report);
            self.handled.send_modify(|n| *n += 1);
        }
        if let Some(id) = report.id {
            let _ = self.changes.send(id);
        }
        (reply, report.id)
    }

    /// The delivery's events, its signature check (none for a body over
    /// --max-body) and whether it passes `--filter`. A body over
    /// [`INLINE_BODY`] is read and checked on a blocking thread, so that a
    /// 25 MiB delivery holds up no other on the listener's thread.
    async fn inspect(&self, d: &Arc<Delivery>) -> (Vec<Event>, Option<Checked>, bool) {
        fn work(
            verifier: &Verifier,
            filters: &[super::filter::Filter],
            d: &Delivery,
        ) -> (Vec<Event>, Option<Checked>, bool) {
            let checked = d
                .oversized
                .is_none()
                .then(|| verifier.check(d, crate::signature::unix_now()));
            (read_events(d), checked, super::filter::passes(filters, d))
        }
        if d.body.len() <= INLINE_BODY {
            return work(&self.verifier, &self.options.filters, d);
        }
        let (verifier, filters, shared) = (
            self.verifier.clone(),
            self.options.filters.clone(),
            Arc::clone(d),
        );
        match tokio::task::spawn_blocking(move || work(&verifier, &filters, &shared)).await {
            Ok(done) => done,
            // The runtime is shutting down: do it here.
            Err(_) => work(&self.verifier, &self.options.filters, d),
        }
    }

    fn target(&self, types: &[String]) -> Option<&reqwest::Url> {
        self.options
            .routes
            .iter()
            .find(|r| types.iter().any(|t| pattern::matches(&r.pattern, t)))
            .map(|r| &r.url)
            .or(self.options.forward.as_ref())
    }

    fn local_reply(&self, d: &Delivery, report: &Report) -> Reply {
        match report.outcome {
            "outside_prefix" => Reply::text(
                400,
                format!(
                    "hooks: refused: {}; nothing was forwarded",
                    report.reason.as_deref().unwrap_or("the path climbs above the prefix")
                ),
            ),
            // The caller learns its own address as hooks read it (it may be
            // a proxy's), never the list.
            "forbidden" => Reply::text(
                403,
                match d.remote.as_deref().and_then(crate::netlist::caller_ip) {
                    Some(ip) => format!(
                        "hooks: deliveries from {ip} are not accepted here (--allow-from); not forwarded"
                    ),
                    None => "hooks: the caller's address is unknown and this listener accepts only listed addresses (--allow-from); not forwarded".into(),
                },
            ),
            "too_large" => Reply::text(
                413,
                "hooks: the body is larger than the listener's --max-body limit; the attempt was recorded".into(),
            ),
            "invalid" => Reply::text(
                401,
                format!(
                    "hooks: invalid signature ({}); not forwarded",
                    report.reason.as_deref().unwrap_or("unknown reason")
                ),
            ),
            _ => Reply::json(
                200,
                serde_json::json!({"received": true, "id": report.id}),
            ),
        }
    }

    fn unrecorded(&self, why: &str) -> Reply {
        crate::output::warn(format!(
            "a delivery could not be recorded and was refused with 503: {why}"
        ));
        Reply {
            unrecorded: true,
            ..Reply::text(
                503,
                format!("hooks: the delivery could not be recorded ({why}); please retry"),
            )
        }
    }

    async fn forward(&self, d: &Delivery, url: String, report: &mut Report) -> Reply {
        let at = SystemTime::now();
        let result = self.forwarder.send(d, &url).await;
        let (reply, attempt) = match result {
            Forwarded::Answered {
                status,
                headers,
                body,
                latency,
            } => {
                report.outcome = "forwarded";
                let reply_headers = reply_headers(d, &headers);
                let attempt = Attempt {
                    at,
                    url,
                    status: Some(status),
                    headers,
                    body: body.clone(),
                    latency,
                    error: None,
                };
                (
                    Reply {
                        status,
                        headers: reply_headers,
                        body,
                        unrecorded: false,
                    },
                    attempt,
                )
            }
            Forwarded::Refused { error, latency } => {
                report.outcome = "refused";
                let reply = Reply::text(
                    502,
                    format!("hooks: the app at {url} could not be reached ({error})"),
                );
                (reply, failed_attempt(at, url, latency, &error))
            }
            Forwarded::TimedOut { latency } => {
                report.outcome = "timeout";
                let why = format!(
                    "no answer within {}",
                    humantime::format_duration(self.forwarder.timeout())
                );
                let reply = Reply::text(504, format!("hooks: the app at {url} gave {why}"));
                (reply, failed_attempt(at, url, latency, &why))
            }
        };
        report.status = reply.status;
        report.forward = Some(ForwardReport {
            url: attempt.url.clone(),
            status: attempt.status,
            latency_ms: attempt.latency.as_secs_f64() * 1000.0,
            error: attempt.error.clone(),
            headers: attempt.headers.clone(),
            body: attempt.body.clone(),
        });
        if let (Some(store), Some(id)) = (&self.store, report.id) {
            // The attempt is committed before the sender hears the app's
            // answer, so a crash right after the answer loses nothing the
            // sender saw. The app has already acted on the delivery, so a
            // failure here is reported, not turned into a refusal.
            if let Err(e) = store
                .finish(id, Some(attempt), report.outcome, reply.status)
                .await
            {
                crate::output::warn(format!(
                    "delivery #{id}'s forward attempt could not be recorded: {}",
                    e.message
                ));
            }
        }
        reply
    }
}

/// The app's answer headers as the sender gets them: the hop's own fields
/// dropped ([`crate::hop::HopFields`]), framing derived by the listener from
/// the body it sends, but a `HEAD` answer's `Content-Length` kept, since
/// there is no body to derive it from.
fn reply_headers(d: &Delivery, headers: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let hop = crate::hop::HopFields::of(headers.iter().map(|(n, v)| (n.as_bytes(), v.as_slice())));
    let head = d.method == "HEAD";
    headers
        .iter()
        .filter(|(n, _)| {
            !hop.drops(n.as_bytes()) || (head && n.eq_ignore_ascii_case("content-length"))
        })
        .cloned()
        .collect()
}

/// The answer a `--respond` rule gives; without a body, the default
/// acknowledgement with the new status.
fn responded(rule: &super::respond::Respond, id: Option<i64>) -> Reply {
    match &rule.body {
        Some(body) => Reply {
            status: rule.status,
            headers: vec![(
                "content-type".into(),
                super::respond::Respond::content_type(body).to_vec(),
            )],
            body: body.clone(),
            unrecorded: false,
        },
        None => Reply::json(rule.status, serde_json::json!({"received": true, "id": id})),
    }
}

fn failed_attempt(
    at: SystemTime,
    url: String,
    latency: std::time::Duration,
    error: &str,
) -> Attempt {
    Attempt {
        at,
        url,
        status: None,
        headers: vec![],
        body: Bytes::new(),
        latency,
        error: Some(error.to_string()),
    }
}

/// The events in a delivery's body, by the providers' envelopes. A Standard
/// Webhooks id travels in a header, so it fills in a missing body id; a
/// GitHub delivery names its event and id only in headers.
pub fn read_events(d: &Delivery) -> Vec<Event> {
    let text = |name: &str| {
        d.header(name)
            .map(|v| String::from_utf8_lossy(v).into_owned())
    };
    if let Some(event_type) = text(crate::providers::github::EVENT_HEADER) {
        return vec![Event {
            event_type: Some(event_type),
            id: text(crate::providers::github::DELIVERY_HEADER),
        }];
    }
    let header_id = ["webhook-id", "svix-id"]
        .iter()
        .find_map(|h| d.header(h))
        .map(|v| String::from_utf8_lossy(v).into_owned());
    crate::providers::events::read_events(&d.body)
        .into_iter()
        .map(|e| Event {
            event_type: e.event_type,
            id: e.id.or_else(|| header_id.clone()),
        })
        .collect()
}
