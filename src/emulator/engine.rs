//! The delivery scheduler: sends every due delivery, signs it per provider,
//! and applies the provider's retry schedule and what happens when it runs
//! out (disable, pause, give up). All timing comes from the provider's
//! `DeliveryPolicy`, scaled by `--time-scale`.

use super::store::{Attempt, Delivery, Outcome, State, Store, StoredEvent, Webhook};
use crate::outbound::{self, Outgoing};
use crate::output::{self, Format};
use crate::providers::{max_attempts, retry_offset};
use crate::providers::{Exhaustion, Provider};
use crate::signature::{Scheme, SignParams};
use crate::{Error, Result};
use colored::Colorize;
use rand::seq::SliceRandom;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::{Notify, Semaphore};

/// Attempts in flight at once.
const CONCURRENCY: usize = 64;
/// A scaled response timeout never goes below this: a loaded machine would
/// otherwise fail answers that the real provider accepts.
const MIN_TIMEOUT: Duration = Duration::from_secs(1);
/// With `--reorder`, how long (before scaling) a first attempt may wait.
const REORDER_SPREAD: Duration = Duration::from_secs(1);

/// Faults injected on demand, for testing receivers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults {
    /// Chance (0–1) that a delivered attempt is sent once more.
    pub duplicate_rate: f64,
    /// Shuffle events within a batch, and spread first attempts so that
    /// events close together arrive in any order.
    pub reorder: bool,
    /// Extra wait before every attempt (not scaled).
    pub delay: Duration,
}

pub struct Engine {
    pub store: Arc<Store>,
    pub provider: Provider,
    pub scheme: Scheme,
    /// The emulator's own secret(s), for webhooks without their own.
    pub secrets: Vec<String>,
    pub scale: f64,
    pub faults: Faults,
    pub format: Format,
    client: reqwest::Client,
    wake: Notify,
    in_flight: Mutex<HashSet<i64>>,
    slots: Arc<Semaphore>,
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A Unix time in milliseconds as RFC 3339 (UTC, milliseconds).
pub fn rfc3339_ms(ms: i64) -> String {
    let t = SystemTime::UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64);
    humantime::format_rfc3339_millis(t).to_string()
}

impl Engine {
    pub fn new(
        store: Arc<Store>,
        provider: Provider,
        scheme: Scheme,
        secrets: Vec<String>,
        scale: f64,
        faults: Faults,
        format: Format,
    ) -> Engine {
        let timeout = provider.policy.timeout.mul_f64(scale).max(MIN_TIMEOUT);
        Engine {
            store,
            provider,
            scheme,
            secrets,
            scale,
            faults,
            format,
            client: outbound::client(timeout),
            wake: Notify::new(),
            in_flight: Mutex::new(HashSet::new()),
            slots: Arc::new(Semaphore::new(CONCURRENCY)),
        }
    }

    /// A provider duration after `--time-scale`, in milliseconds.
    pub fn scaled_ms(&self, d: Duration) -> i64 {
        (d.as_secs_f64() * self.scale * 1000.0).round() as i64
    }

    pub fn max_attempts(&self) -> u32 {
        max_attempts(&self.provider.policy.retries)
    }

    /// Tells the scheduler that something new may be due.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    fn in_flight(&self) -> std::sync::MutexGuard<'_, HashSet<i64>> {
        self.in_flight.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The scheduler loop: dispatches due deliveries, then sleeps until the
    /// next one is due or something new arrives.
    pub async fn run(self: Arc<Self>) {
        loop {
            let now = now_ms();
            let busy = self.in_flight().len();
            let mut wait = Duration::from_secs(1);
            match self.store.waiting(busy + 256) {
                Ok(waiting) => {
                    for (id, next_at) in waiting {
                        if self.in_flight().contains(&id) {
                            continue;
                        }
                        if next_at > now {
                            wait = wait.min(Duration::from_millis((next_at - now) as u64));
                            break;
                        }
                        // All slots busy: a finishing attempt wakes the loop.
                        let Ok(permit) = self.slots.clone().try_acquire_owned() else {
                            break;
                        };
                        self.in_flight().insert(id);
                        let engine = self.clone();
                        tokio::spawn(async move {
                            if let Err(e) = engine.attempt(id).await {
                                output::warn(format!("delivery {id}: {e}"));
                            }
                            drop(permit);
                            engine.in_flight().remove(&id);
                            engine.wake();
                        });
                    }
                }
                Err(e) => output::warn(e.to_string()),
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    async fn attempt(&self, id: i64) -> Result<()> {
        let Some(mut delivery) = self.store.delivery(id)? else {
            return Ok(());
        };
        if !matches!(delivery.state.as_str(), "pending" | "collecting") {
            return Ok(());
        }
        let Some(webhook) = self.store.webhook_by_id(delivery.webhook_id)? else {
            return self.store.drop_delivery(id);
        };
        if webhook.state != State::Active {
            return self.store.hold(id);
        }
        if delivery.body.is_none() {
            let Some(batch) = self.close_batch(&delivery)? else {
                return self.store.drop_delivery(id);
            };
            delivery.event_type = batch.event_type;
            delivery.msg_id = batch.msg_id;
            delivery.body = Some(batch.body);
            delivery.headers = batch.headers;
        }
        let n = delivery.attempts + 1;
        if n == 1 && self.faults.reorder && self.provider.policy.batch_window.is_none() {
            let spread = self.scaled_ms(REORDER_SPREAD).max(1) as u64;
            let jitter = rand::random::<u64>() % spread;
            tokio::time::sleep(Duration::from_millis(jitter)).await;
        }
        if !self.faults.delay.is_zero() {
            tokio::time::sleep(self.faults.delay).await;
        }
        let started = now_ms();
        let out = self.outgoing(&webhook, &delivery)?;
        let (status, error, latency_ms) = self.send(out.as_ref()).await;
        let ok = status.is_some_and(|s| (200..300).contains(&s));
        let first_at = delivery.first_at.unwrap_or(started);
        let policy = &self.provider.policy;
        let outcome = if ok {
            Outcome::Delivered
        } else if n < delivery.max_attempts {
            let offset = retry_offset(&policy.retries, n).unwrap_or_default();
            Outcome::Retry {
                next_at: (first_at + self.scaled_ms(offset)).max(now_ms()),
            }
        } else {
            let last = match (status, &error) {
                (Some(s), _) => format!("HTTP {s}"),
                (None, Some(e)) => e.clone(),
                (None, None) => "no answer".into(),
            };
            let webhook_state = match policy.on_exhausted {
                Exhaustion::Disable => Some((
                    State::Disabled,
                    format!("disabled after {n} failed attempts (last: {last})"),
                )),
                Exhaustion::Pause => Some((
                    State::Paused,
                    format!(
                        "paused after {n} failed attempts (last: {last}); re-enable it to resume"
                    ),
                )),
                Exhaustion::GiveUp => None,
            };
            Outcome::Exhausted {
                webhook: webhook_state,
            }
        };
        let record = Attempt {
            delivery_id: delivery.id,
            webhook_id: webhook.id,
            event_type: delivery.event_type.clone(),
            msg_id: delivery.msg_id.clone(),
            url: webhook.url.clone(),
            attempt: n,
            of: delivery.max_attempts,
            status,
            error,
            latency_ms,
            started_at: started,
            next_at: match &outcome {
                Outcome::Retry { next_at } => Some(*next_at),
                _ => None,
            },
            duplicate: false,
        };
        self.store
            .record(&record, &outcome, &rfc3339_ms(now_ms()))?;
        self.print(&webhook, &record, &outcome);

        if ok
            && self.faults.duplicate_rate > 0.0
            && rand::random::<f64>() < self.faults.duplicate_rate
        {
            let started = now_ms();
            let (status, error, latency_ms) = self.send(out.as_ref()).await;
            let dup = Attempt {
                status,
                error,
                latency_ms,
                started_at: started,
                duplicate: true,
                next_at: None,
                ..record
            };
            self.store.log_attempt(&dup)?;
            self.print(&webhook, &dup, &Outcome::Delivered);
        }
        Ok(())
    }

    /// Builds the request; Err(reason) when it cannot be sent at all (a bad
    /// URL or secret), which counts as a failed attempt.
    fn outgoing(
        &self,
        webhook: &Webhook,
        delivery: &Delivery,
    ) -> Result<std::result::Result<Outgoing, String>> {
        let body = delivery.body.clone().unwrap_or_default();
        let url = match reqwest::Url::parse(&webhook.url) {
            Ok(u) => u,
            Err(e) => return Ok(Err(format!("invalid URL: {e}"))),
        };
        let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        headers.extend(delivery.headers.iter().cloned());
        if webhook.signed && self.scheme.is_signed() {
            let secrets = match &webhook.secret {
                Some(s) => vec![s.clone()],
                None => self.secrets.clone(),
            };
            let params = SignParams {
                id: &delivery.msg_id,
                timestamp: now_ms() / 1000,
            };
            match self.scheme.sign(&secrets, &body, &params) {
                Ok(sig) => headers.extend(sig),
                Err(e) => return Ok(Err(format!("cannot sign: {e}"))),
            }
        }
        Ok(Ok(Outgoing {
            method: http::Method::POST,
            url,
            headers,
            body,
        }))
    }

    async fn send(
        &self,
        out: std::result::Result<&Outgoing, &String>,
    ) -> (Option<u16>, Option<String>, i64) {
        let started = Instant::now();
        let out = match out {
            Ok(o) => o,
            Err(reason) => return (None, Some(reason.clone()), 0),
        };
        let result = outbound::send(&self.client, out).await;
        let latency = started.elapsed().as_millis() as i64;
        match result {
            Ok(answer) => (Some(answer.status), None, latency),
            Err(e) => (None, Some(e.message), latency),
        }
    }

    /// Closes a batch window: joins its events into one body in the
    /// provider's envelope. None when the batch is empty.
    fn close_batch(&self, delivery: &Delivery) -> Result<Option<StoredEvent>> {
        let mut events = self.store.batch_events(delivery.id)?;
        if events.is_empty() {
            return Ok(None);
        }
        if self.faults.reorder {
            events.shuffle(&mut rand::thread_rng());
        }
        let bodies: Vec<Value> = events
            .iter()
            .map(|e| serde_json::from_slice(&e.body).unwrap_or(Value::Null))
            .collect();
        let mut types: Vec<&str> = Vec::new();
        for e in &events {
            if !types.contains(&e.event_type.as_str()) {
                types.push(&e.event_type);
            }
        }
        let event_type = types.join(",");
        let batch = match self.provider.envelope.batch(&bodies, SystemTime::now()) {
            Some((body, msg_id, headers)) => StoredEvent {
                event_type,
                msg_id,
                body: serde_json::to_vec(&body).expect("JSON serialises"),
                headers,
            },
            // An envelope without a batch form: a bare array, which
            // batch-aware receivers accept.
            None => StoredEvent {
                event_type,
                msg_id: events[0].msg_id.clone(),
                body: serde_json::to_vec(&Value::Array(bodies)).expect("JSON serialises"),
                headers: events[0].headers.clone(),
            },
        };
        self.store.close_batch(delivery.id, &batch)?;
        Ok(Some(batch))
    }

    fn print(&self, webhook: &Webhook, a: &Attempt, outcome: &Outcome) {
        let ok = a.status.is_some_and(|s| (200..300).contains(&s));
        let next = a.next_at.map(rfc3339_ms);
        let webhook_change = match outcome {
            Outcome::Exhausted {
                webhook: Some((state, reason)),
            } => Some((state.as_str(), reason.as_str())),
            _ => None,
        };
        match self.format {
            Format::Json => output::json_line(&json!({
                "event": a.event_type,
                "id": a.msg_id,
                "webhook": webhook.public_id,
                "url": a.url,
                "attempt": a.attempt,
                "of": a.of,
                "status": a.status,
                "error": a.error,
                "latency_ms": a.json_latency_ms(),
                "ok": ok,
                "duplicate": a.duplicate,
                "next_retry_at": next,
                "webhook_state": webhook_change.map(|(s, _)| s),
                "reason": webhook_change.map(|(_, r)| r),
            })),
            Format::Pretty => {
                let status = match (a.status, &a.error) {
                    (Some(s), _) => format!("{s}"),
                    (None, Some(e)) => e.clone(),
                    (None, None) => "-".into(),
                };
                let status = if ok { status.green() } else { status.red() };
                let mut line = format!(
                    "{} {} {}  attempt {}/{}  {}  {} ms",
                    a.event_type.bold(),
                    "->".cyan(),
                    a.url,
                    a.attempt,
                    a.of,
                    status,
                    a.latency_ms
                );
                if a.duplicate {
                    line.push_str("  (duplicate)");
                }
                match (a.next_at, outcome) {
                    // Local time, as every pretty line shows it; JSON keeps UTC.
                    (Some(ms), _) => line.push_str(&format!(
                        "  next retry at {}",
                        crate::delivery::local_rfc3339(
                            std::time::UNIX_EPOCH
                                + std::time::Duration::from_millis(ms.max(0) as u64)
                        )
                    )),
                    (None, Outcome::Exhausted { .. }) => line.push_str("  no retries left"),
                    _ => {}
                }
                if let Some((_, reason)) = webhook_change {
                    line.push_str(&format!("  webhook {}: {reason}", webhook.public_id));
                }
                output::line(line);
            }
        }
    }
}

/// Whether a webhook subscribed to `events` gets `event`: an empty list or
/// `*` means every event; a name matches itself and, as a prefix, its family
/// (`users` matches `users::created`, `contact` matches `contact.created`).
pub fn subscribed(events: &[String], event: &str) -> bool {
    events.is_empty()
        || events.iter().any(|s| {
            s == "*"
                || s == event
                || event
                    .strip_prefix(s.as_str())
                    .is_some_and(|rest| rest.starts_with("::") || rest.starts_with('.'))
        })
}

/// An error from the emulator's own machinery, for the API's 500 answers.
pub fn internal(e: &Error) -> Value {
    json!({ "error": e.message, "hint": e.hint })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_follow_the_provider_data() {
        let workestra = crate::providers::get("workestra").unwrap().policy.retries;
        let offsets: Vec<u64> = (1..=4)
            .map(|n| retry_offset(&workestra, n).unwrap().as_secs())
            .collect();
        assert_eq!(offsets, [5, 30, 120, 600]);
        assert_eq!(max_attempts(&workestra), 5);
        let awork = crate::providers::get("awork").unwrap().policy.retries;
        assert_eq!(max_attempts(&awork), 11);
        let wiw = crate::providers::get("wheniwork").unwrap().policy.retries;
        let last = retry_offset(&wiw, max_attempts(&wiw) - 1).unwrap();
        assert!(last <= Duration::from_secs(2 * 60 * 60));
        assert!(last > Duration::from_secs(60 * 60));
    }

    #[test]
    fn subscriptions_match_families() {
        let subs = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(subscribed(&subs(&["users"]), "users::created"));
        assert!(!subscribed(&subs(&["users"]), "usersx::created"));
        assert!(subscribed(&subs(&["contact.created"]), "contact.created"));
        assert!(!subscribed(&subs(&["contact.created"]), "contact.updated"));
        assert!(subscribed(&[], "anything"));
    }
}
