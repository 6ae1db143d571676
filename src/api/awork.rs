//! awork: Bearer API key, plain JSON objects, events as one comma-separated
//! string, an event-types endpoint and a per-webhook delivery log.

use super::http::{path_segment, Http, Subject};
use super::{Changes, LogEntry, NewWebhook, Webhook, WebhookApi};
use crate::providers::Provider;
use crate::{Error, Result};
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::HashSet;

pub const DEFAULT_BASE: &str = "https://api.awork.com/api/v1";

const PAGE_SIZE: usize = 100;
/// Bounds `list` if a server ignores `page` and repeats itself.
const MAX_PAGES: usize = 1_000;
/// The name of a webhook created without `--name`.
const DEFAULT_NAME: &str = "hooks";

pub struct Awork {
    provider: Provider,
    http: Http,
}

impl Awork {
    pub fn new(provider: Provider, http: Http) -> Awork {
        Awork { provider, http }
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
            url: raw["uri"].as_str().unwrap_or_default().to_string(),
            events: split_events(raw["events"].as_str().unwrap_or_default()),
            active: raw["isActive"].as_bool().unwrap_or(true)
                && status.as_deref().is_none_or(|s| s == "active"),
            provider: self.provider.name,
            status,
            reason,
            raw,
        })
    }

    fn malformed(&self, what: &str) -> Error {
        Error::network(format!("awork sent {what}"))
            .with_hint("check --api-url: the answer does not match awork's API")
    }

    fn item_path(id: &str) -> String {
        format!("/webhooks/{}", path_segment(id))
    }
}

/// awork's `events` field: `"task_changed,project_added"`.
fn split_events(events: &str) -> Vec<String> {
    events
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_string)
        .collect()
}

#[async_trait::async_trait]
impl WebhookApi for Awork {
    fn provider(&self) -> &Provider {
        &self.provider
    }

    async fn list(&self) -> Result<Vec<Webhook>> {
        let mut all = Vec::new();
        let mut seen = HashSet::new();
        for page in 1..=MAX_PAGES {
            let query = [
                ("page", page.to_string()),
                ("pageSize", PAGE_SIZE.to_string()),
            ];
            let answer = self
                .http
                .send(Method::GET, "/webhooks", &query, None, Subject::Collection)
                .await?;
            let Value::Array(items) = answer else {
                return Err(self.malformed("a list answer that is not an array"));
            };
            let before = all.len();
            for item in items {
                let webhook = self.webhook(item)?;
                if seen.insert(webhook.id.clone()) {
                    all.push(webhook);
                }
            }
            // An empty page ends the list; so does a page of nothing new,
            // from a server that ignores `page`.
            if all.len() == before {
                break;
            }
        }
        Ok(all)
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
        let (auth_type, auth) = match &new.header {
            Some((name, value)) => ("header", format!("{name}={value}")),
            None => ("none", String::new()),
        };
        let body = json!({
            "name": new.name.as_deref().unwrap_or(DEFAULT_NAME),
            "uri": new.url,
            "isActive": true,
            "language": "en",
            "onlyTriggerForMainEntityChanges": false,
            "events": new.events.join(","),
            "authenticationType": auth_type,
            "authentication": auth,
        });
        let answer = self.http.create(&body).await?;
        self.webhook(answer)
    }

    async fn update(&self, id: &str, changes: &Changes) -> Result<Webhook> {
        // PUT replaces the webhook: start from the current one.
        let current = self.get(id).await?.raw;
        let keep = |field: &str, default: Value| {
            let v = &current[field];
            if v.is_null() {
                default
            } else {
                v.clone()
            }
        };
        let body = json!({
            "name": keep("name", json!(DEFAULT_NAME)),
            "uri": changes.url.clone().map(Value::from).unwrap_or_else(|| keep("uri", json!(""))),
            "isActive": changes.active.map(Value::from).unwrap_or_else(|| keep("isActive", json!(true))),
            "language": keep("language", json!("en")),
            "onlyTriggerForMainEntityChanges": keep("onlyTriggerForMainEntityChanges", json!(false)),
            "events": changes.events.as_ref().map(|e| Value::from(e.join(","))).unwrap_or_else(|| keep("events", json!(""))),
            "authenticationType": keep("authenticationType", json!("none")),
            "authentication": keep("authentication", json!("")),
        });
        let answer = self
            .http
            .send(
                Method::PUT,
                &Self::item_path(id),
                &[],
                Some(&body),
                Subject::Webhook(id),
            )
            .await?;
        self.webhook(answer)
    }

    async fn delete(&self, id: &str) -> Result<()> {
        self.http.delete(&Self::item_path(id), &[], id).await
    }

    async fn event_types(&self) -> Result<Vec<String>> {
        let answer = self
            .http
            .send(
                Method::GET,
                "/webhooks/eventtypes",
                &[],
                None,
                Subject::Collection,
            )
            .await?;
        let Value::Array(items) = answer else {
            return Err(self.malformed("event types that are not an array"));
        };
        Ok(items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => s,
                other => other.to_string(),
            })
            .collect())
    }

    async fn logs(&self, id: &str) -> Result<Vec<LogEntry>> {
        let answer = self
            .http
            .send(
                Method::GET,
                &format!("{}/logs", Self::item_path(id)),
                &[],
                None,
                Subject::Webhook(id),
            )
            .await?;
        let Value::Array(items) = answer else {
            return Err(self.malformed("a log that is not an array"));
        };
        Ok(items
            .into_iter()
            .map(|raw| LogEntry {
                at: raw["createdOn"].as_str().map(str::to_string),
                response_code: raw["responseCode"].as_i64(),
                success: raw["isSuccessful"].as_bool(),
                message: raw["message"].as_str().map(str::to_string),
                reason: raw["reason"].as_str().map(str::to_string),
                raw,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::split_events;

    #[test]
    fn events_are_a_comma_separated_string() {
        assert_eq!(
            split_events("task_changed, project_added,,"),
            vec!["task_changed", "project_added"]
        );
        assert!(split_events("").is_empty());
    }
}
