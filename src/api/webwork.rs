//! WebWork Time Tracker: API v1 (HTTP Basic, `{success, webhook}`) and v2
//! (Bearer, workspace-scoped, `{success, data, meta}`).

use super::http::{path_segment, Http, Subject};
use super::{unsupported, Changes, LogEntry, NewWebhook, Webhook, WebhookApi};
use crate::config::Config;
use crate::providers::Provider;
use crate::{Error, Result};
use reqwest::Method;
use serde_json::{json, Value};

pub const V1_BASE: &str = "https://www.webwork-tracker.com/rest-api/v1";
pub const V2_BASE: &str = "https://api.webwork-tracker.com/api/v2";

/// Bounds `list` if a server keeps reporting more pages than it has.
const MAX_PAGES: u64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

impl Version {
    pub fn parse(version: Option<u8>, config: &Config) -> Result<Version> {
        match version {
            None | Some(1) => Ok(Version::V1),
            Some(2) => Ok(Version::V2),
            Some(n) => Err(
                Error::usage(format!("WebWork has no API version {n}")).with_hint(format!(
                    "use --api-version 1 or 2 (check HOOKS_API_VERSION and {})",
                    config.profile_key("api_version")
                )),
            ),
        }
    }

    pub fn default_base(self) -> &'static str {
        match self {
            Version::V1 => V1_BASE,
            Version::V2 => V2_BASE,
        }
    }
}

pub struct WebWork {
    provider: Provider,
    http: Http,
    version: Version,
    workspace: Option<String>,
}

impl WebWork {
    pub fn new(
        provider: Provider,
        http: Http,
        version: Version,
        workspace: Option<String>,
    ) -> WebWork {
        WebWork {
            provider,
            http,
            version,
            workspace,
        }
    }

    /// v2 scopes reads and deletes by a `workspace_id` query parameter.
    fn scope(&self) -> Vec<(&'static str, String)> {
        match (&self.version, &self.workspace) {
            (Version::V2, Some(ws)) => vec![("workspace_id", ws.clone())],
            _ => Vec::new(),
        }
    }

    /// v2 scopes writes by a `workspace_id` body field.
    fn scoped_body(&self, mut body: Value) -> Value {
        if let (Version::V2, Some(ws)) = (&self.version, &self.workspace) {
            body["workspace_id"] = json!(ws);
        }
        body
    }

    fn webhook(&self, raw: Value) -> Result<Webhook> {
        let id = match &raw["id"] {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            _ => return Err(self.malformed("a webhook without an id")),
        };
        let (status, reason) = Webhook::emulator_status(&raw);
        Ok(Webhook {
            id,
            url: raw["url"].as_str().unwrap_or_default().to_string(),
            events: string_list(&raw["events"]),
            // WebWork has no on/off switch: a webhook that exists delivers,
            // unless the emulator reports otherwise.
            active: status.as_deref().is_none_or(|s| s == "active"),
            provider: self.provider.name,
            status,
            reason,
            raw,
        })
    }

    /// The webhook object in a single-object answer: v1 writes say
    /// `webhook`, everything else `data`.
    fn single(&self, answer: Value) -> Result<Webhook> {
        let raw = match answer {
            Value::Object(mut map) => map
                .remove("webhook")
                .filter(Value::is_object)
                .or_else(|| map.remove("data").filter(Value::is_object)),
            _ => None,
        };
        self.webhook(raw.ok_or_else(|| self.malformed("an answer without the webhook"))?)
    }

    fn malformed(&self, what: &str) -> Error {
        Error::network(format!("WebWork sent {what}"))
            .with_hint("check --api-url and --api-version: the answer does not match the API")
    }
}

fn string_list(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[async_trait::async_trait]
impl WebhookApi for WebWork {
    fn provider(&self) -> &Provider {
        &self.provider
    }

    async fn list(&self) -> Result<Vec<Webhook>> {
        let mut all = Vec::new();
        let mut page = 1u64;
        loop {
            let mut query = self.scope();
            query.push(("page", page.to_string()));
            let answer = self
                .http
                .send(Method::GET, "/webhooks", &query, None, Subject::Collection)
                .await?;
            let Some(items) = answer["data"].as_array() else {
                return Err(self.malformed("a list answer without a data array"));
            };
            for item in items {
                all.push(self.webhook(item.clone())?);
            }
            let last = match self.version {
                Version::V1 => answer["total_pages"].as_u64(),
                Version::V2 => answer["meta"]["last_page"].as_u64(),
            }
            .unwrap_or(page);
            if page >= last || page >= MAX_PAGES || items.is_empty() {
                return Ok(all);
            }
            page += 1;
        }
    }

    async fn get(&self, id: &str) -> Result<Webhook> {
        let answer = self
            .http
            .send(
                Method::GET,
                &format!("/webhooks/{}", path_segment(id)),
                &self.scope(),
                None,
                Subject::Webhook(id),
            )
            .await?;
        self.single(answer)
    }

    async fn create(&self, new: &NewWebhook) -> Result<Webhook> {
        if new.header.is_some() {
            return Err(Error::usage("WebWork webhooks have no delivery header")
                .with_hint("drop --header; it is for awork"));
        }
        if new.name.is_some() {
            return Err(Error::usage("WebWork webhooks have no name")
                .with_hint("drop --name; it is for awork"));
        }
        let body = self.scoped_body(json!({"url": new.url, "events": new.events}));
        let answer = self.http.create(&body).await?;
        self.single(answer)
    }

    async fn update(&self, id: &str, changes: &Changes) -> Result<Webhook> {
        if changes.active.is_some() {
            return Err(
                Error::usage("WebWork webhooks cannot be switched on or off").with_hint(
                    "drop --active/--inactive; to stop deliveries, `hooks delete` the webhook",
                ),
            );
        }
        // PUT requires the URL: keep the current one when it is not changing.
        let url = match &changes.url {
            Some(url) => url.clone(),
            None => self.get(id).await?.url,
        };
        let mut body = json!({"url": url});
        if let Some(events) = &changes.events {
            body["events"] = json!(events);
        }
        let body = self.scoped_body(body);
        let path = format!("/webhooks/{}", path_segment(id));
        let answer = self
            .http
            .send(Method::PUT, &path, &[], Some(&body), Subject::Webhook(id))
            .await?;
        match self.single(answer) {
            Ok(webhook) => Ok(webhook),
            // Older v1 servers answer a bare `{"success":true}`.
            Err(_) => self.get(id).await,
        }
    }

    async fn delete(&self, id: &str) -> Result<()> {
        self.http
            .delete(
                &format!("/webhooks/{}", path_segment(id)),
                &self.scope(),
                id,
            )
            .await
    }

    /// WebWork has no event-types endpoint: the documented catalog.
    async fn event_types(&self) -> Result<Vec<String>> {
        crate::output::note(
            "WebWork has no event-types endpoint; these are the events its documentation lists",
        );
        Ok(self.provider.events.iter().map(|e| e.to_string()).collect())
    }

    async fn logs(&self, _id: &str) -> Result<Vec<LogEntry>> {
        Err(unsupported(
            &self.provider,
            "delivery logs",
            "awork is the provider with a delivery log; for WebWork, record deliveries with `hooks listen`",
        ))
    }
}
