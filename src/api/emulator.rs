//! The webhook API of `hooks emulate` itself (`/_emulator/webhooks`), for
//! providers that have no public management API (Workestra, When I Work,
//! the generic schemes). Chosen only when `--api-url` ends in `/_emulator`,
//! so hooks never sends these requests to a real provider.

use super::http::{path_segment, Http, Subject};
use super::{Changes, LogEntry, NewWebhook, Webhook, WebhookApi};
use crate::providers::Provider;
use crate::{Error, Result};
use reqwest::Method;
use serde_json::{json, Map, Value};

/// The last path segment that marks the emulator's own API.
pub const PATH: &str = "_emulator";

/// Whether a management base URL is the emulator's own API.
pub fn is_emulator(base: &reqwest::Url) -> bool {
    base.path().trim_end_matches('/').rsplit('/').next() == Some(PATH)
}

pub struct Emulator {
    provider: Provider,
    http: Http,
}

impl Emulator {
    pub fn new(provider: Provider, http: Http) -> Emulator {
        Emulator { provider, http }
    }

    fn webhook(&self, raw: Value) -> Result<Webhook> {
        let id = match &raw["id"] {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return Err(self.malformed("a webhook without an id")),
        };
        let (status, reason) = Webhook::emulator_status(&raw);
        Ok(Webhook {
            id,
            url: raw["url"].as_str().unwrap_or_default().to_string(),
            events: raw["events"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            active: raw["active"].as_bool().unwrap_or(true),
            provider: self.provider.name,
            status,
            reason,
            raw,
        })
    }

    fn malformed(&self, what: &str) -> Error {
        Error::network(format!("the emulator sent {what}")).with_hint(
            "check --api-url: it must be a running `hooks emulate`'s URL followed by /_emulator",
        )
    }

    fn item_path(id: &str) -> String {
        format!("/webhooks/{}", path_segment(id))
    }

    fn data(&self, answer: Value) -> Result<Vec<Value>> {
        match answer.get("data") {
            Some(Value::Array(items)) => Ok(items.clone()),
            _ => Err(self.malformed("a list answer without a data array")),
        }
    }
}

#[async_trait::async_trait]
impl WebhookApi for Emulator {
    fn provider(&self) -> &Provider {
        &self.provider
    }

    async fn list(&self) -> Result<Vec<Webhook>> {
        let answer = self
            .http
            .send(Method::GET, "/webhooks", &[], None, Subject::Collection)
            .await?;
        self.data(answer)?
            .into_iter()
            .map(|raw| self.webhook(raw))
            .collect()
    }

    async fn get(&self, id: &str) -> Result<Webhook> {
        let answer = self
            .http
            .send(
                Method::GET,
                &Self::item_path(id),
                &[],
                None,
                Subject::Webhook(id),
            )
            .await?;
        self.webhook(answer)
    }

    async fn create(&self, new: &NewWebhook) -> Result<Webhook> {
        let mut body = json!({"url": new.url, "events": new.events});
        if let Some(name) = &new.name {
            body["name"] = json!(name);
        }
        let answer = self.http.create(&body).await?;
        self.webhook(answer)
    }

    async fn update(&self, id: &str, changes: &Changes) -> Result<Webhook> {
        let mut body = Map::new();
        if let Some(url) = &changes.url {
            body.insert("url".into(), json!(url));
        }
        if let Some(events) = &changes.events {
            body.insert("events".into(), json!(events));
        }
        if let Some(active) = changes.active {
            body.insert("active".into(), json!(active));
        }
        let answer = self
            .http
            .send(
                Method::PUT,
                &Self::item_path(id),
                &[],
                Some(&Value::Object(body)),
                Subject::Webhook(id),
            )
            .await?;
        self.webhook(answer)
    }

    async fn delete(&self, id: &str) -> Result<()> {
        self.http.delete(&Self::item_path(id), &[], id).await
    }

    /// The emulator delivers the provider's catalog (and any event with a
    /// fixture); the catalog is known here.
    async fn event_types(&self) -> Result<Vec<String>> {
        Ok(self.provider.events.iter().map(|e| e.to_string()).collect())
    }

    async fn logs(&self, id: &str) -> Result<Vec<LogEntry>> {
        let answer = self
            .http
            .send(
                Method::GET,
                "/deliveries",
                &[("webhook", id.to_string())],
                None,
                Subject::Webhook(id),
            )
            .await?;
        Ok(self
            .data(answer)?
            .into_iter()
            .map(|raw| LogEntry {
                at: raw["started_at"].as_str().map(str::to_string),
                response_code: raw["status"].as_i64(),
                success: raw["ok"].as_bool(),
                message: raw["event"].as_str().map(|e| {
                    format!(
                        "{e} attempt {}/{}",
                        raw["attempt"].as_i64().unwrap_or(0),
                        raw["of"].as_i64().unwrap_or(0)
                    )
                }),
                reason: raw["error"].as_str().map(str::to_string),
                raw,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::is_emulator;

    #[test]
    fn only_a_base_ending_in_the_emulator_path_is_the_emulator() {
        let url = |s: &str| reqwest::Url::parse(s).unwrap();
        assert!(is_emulator(&url("http://127.0.0.1:8790/_emulator")));
        assert!(is_emulator(&url("http://127.0.0.1:8790/_emulator/")));
        assert!(!is_emulator(&url("http://127.0.0.1:8790")));
        assert!(!is_emulator(&url(
            "http://127.0.0.1:8790/_emulator/webhooks"
        )));
        assert!(!is_emulator(&url("http://127.0.0.1:8790/api/v1")));
    }
}
