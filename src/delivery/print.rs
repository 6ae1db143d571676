//! Print step: Stripe-style lines for people (`--format pretty`), one JSON
//! object per delivery for scripts (`--format json`).

use super::origin::Origin;
use super::secrets::Masker;
use super::Delivery;
use crate::output::{self, Format};
use crate::terminal::quote;
use base64::Engine;
use colored::Colorize;
use serde::Serialize;
use serde_json::{json, Value};

/// `--print`: how much of each delivery to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum PrintMode {
    /// One line per event and one for the app's answer
    #[default]
    Summary,
    /// The summary and the request headers
    Headers,
    /// The summary and the request body
    Body,
    /// The summary, headers and body
    All,
    /// The summary and the app's answer: status, headers and a body excerpt
    Response,
}

impl PrintMode {
    fn headers(self) -> bool {
        matches!(self, PrintMode::Headers | PrintMode::All)
    }
    fn body(self) -> bool {
        matches!(self, PrintMode::Body | PrintMode::All)
    }
    fn response(self) -> bool {
        self == PrintMode::Response
    }
}

/// How much of the app's answer body `--print response` shows, in
/// characters: enough for an error message, not a page.
const RESPONSE_EXCERPT: usize = 2048;

/// Everything known about a handled delivery, for output.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: Option<i64>,
    pub provider: Option<String>,
    pub verification: String,
    pub reason: Option<String>,
    /// The caller's address against the provider's published ranges.
    pub origin: Option<Origin>,
    pub events: Vec<super::pipeline::Event>,
    pub outcome: &'static str,
    pub status: u16,
    pub forward: Option<ForwardReport>,
}

#[derive(Debug, Clone)]
pub struct ForwardReport {
    pub url: String,
    pub status: Option<u16>,
    pub latency_ms: f64,
    pub error: Option<String>,
    /// The app's answer headers and body (empty when it did not answer).
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: bytes::Bytes,
}

#[derive(Debug, Clone)]
pub struct Printer {
    pub format: Format,
    pub mode: PrintMode,
    /// Secret header values are masked unless `--show-secrets`.
    pub masker: Masker,
}

impl Printer {
    /// The `-->` lines, printed as soon as a delivery is understood.
    pub fn received(&self, d: &Delivery, r: &Report) {
        if self.format != Format::Pretty {
            return;
        }
        let time = super::local_clock(d.received_at);
        let mark = match r.verification.as_str() {
            "valid" => format!("{} valid", "✔".green()),
            "invalid" => format!(
                "{} invalid: {}",
                "✘".red(),
                quote(r.reason.as_deref().unwrap_or(""))
            )
            .red()
            .to_string(),
            _ => format!("{} unsigned", "–".yellow()),
        };
        let provider = r
            .provider
            .as_deref()
            .map(|p| format!(" ({p})").dimmed().to_string())
            .unwrap_or_default();
        // Beside the signature, and only when there is a verdict.
        let origin = match r.origin {
            Some(Origin::Published) => format!(" {}", "origin published".dimmed()),
            Some(Origin::Outside) => format!(" {}", "origin outside".yellow()),
            None => String::new(),
        };
        let mut lines = Vec::new();
        if let Some(size) = d.oversized {
            lines.push(format!(
                "{time}  {} {} {} {}",
                "-->".cyan().bold(),
                quote(&d.method),
                quote(&d.path),
                format!("✘ body too large ({size} bytes)").red()
            ));
        } else if r.events.is_empty() {
            lines.push(format!(
                "{time}  {} {} {} {mark}{provider}{origin}",
                "-->".cyan().bold(),
                quote(&d.method).bold(),
                quote(&d.path)
            ));
        } else {
            for e in &r.events {
                lines.push(format!(
                    "{time}  {} {} [{}] {mark}{provider}{origin}",
                    "-->".cyan().bold(),
                    quote(e.event_type.as_deref().unwrap_or("(no type)")).bold(),
                    quote(e.id.as_deref().unwrap_or("-"))
                ));
            }
        }
        if self.mode.headers() {
            lines.push(format!(
                "{} {}",
                quote(&d.method).dimmed(),
                quote(&d.path).dimmed()
            ));
            for (name, value) in &d.headers {
                lines.push(format!(
                    "{}: {}",
                    name.cyan(),
                    crate::terminal::quote_bytes(&self.masker.value(name, value))
                ));
            }
        }
        if self.mode.body() && d.oversized.is_none() {
            lines.push(render_body(&d.body));
        }
        output::line(lines.join("\n"));
    }

    /// The `<--` line, or the JSON object, once the delivery is answered.
    pub fn finished(&self, d: &Delivery, r: &Report) {
        match self.format {
            Format::Pretty if self.mode.response() => {
                let mut lines = vec![answer_line(d, r)];
                lines.extend(response_lines(r));
                output::line(lines.join("\n"));
            }
            Format::Pretty => output::line(answer_line(d, r)),
            Format::Json => output::line(self.json(d, r)),
        }
    }

    /// Serialised straight from borrowed fields (no intermediate
    /// `serde_json::Value`): this runs for every delivery.
    fn json(&self, d: &Delivery, r: &Report) -> String {
        let received_at = super::rfc3339(d.received_at);
        let (body, body_base64) = match (self.mode.body(), std::str::from_utf8(&d.body)) {
            (false, _) => (None, None),
            (true, Ok(text)) => (Some(text), None),
            (true, Err(_)) => (
                None,
                Some(base64::engine::general_purpose::STANDARD.encode(&d.body)),
            ),
        };
        let line = JsonLine {
            id: r.id,
            received_at: &received_at,
            source: d.source.as_str(),
            remote: d.remote.as_deref(),
            method: &d.method,
            path: &d.path,
            provider: r.provider.as_deref(),
            verification: &r.verification,
            reason: r.reason.as_deref(),
            origin: r.origin.map(Origin::as_str),
            events: r
                .events
                .iter()
                .map(|e| JsonEvent {
                    event_type: e.event_type.as_deref(),
                    id: e.id.as_deref(),
                })
                .collect(),
            body_size: d.oversized.unwrap_or(d.body.len() as u64),
            outcome: r.outcome,
            status: r.status,
            forward: r.forward.as_ref().map(|f| JsonForward {
                url: &f.url,
                status: f.status,
                latency_ms: f.status.map(|_| crate::output::round_ms(f.latency_ms)),
                error: f.error.as_deref(),
            }),
            headers: self.mode.headers().then(|| {
                d.headers
                    .iter()
                    .map(|(n, v)| {
                        let shown = match self.masker.value(n, v) {
                            std::borrow::Cow::Borrowed(v) => String::from_utf8_lossy(v),
                            std::borrow::Cow::Owned(v) => {
                                std::borrow::Cow::Owned(String::from_utf8_lossy(&v).into_owned())
                            }
                        };
                        (n.as_str(), shown)
                    })
                    .collect()
            }),
            body,
            body_base64,
            response: self.mode.response().then(|| {
                r.forward
                    .as_ref()
                    .and_then(|f| Some((f.status?, f)))
                    .map(|(status, f)| JsonResponse {
                        status,
                        headers: f
                            .headers
                            .iter()
                            .map(|(n, v)| (n.as_str(), String::from_utf8_lossy(v)))
                            .collect(),
                        body_excerpt: String::from_utf8_lossy(&f.body)
                            .chars()
                            .take(RESPONSE_EXCERPT)
                            .collect(),
                        body_size: f.body.len() as u64,
                    })
            }),
        };
        serde_json::to_string(&line).expect("a JSON line serialises")
    }
}

/// One `--format json` line; the fields are documented in
/// docs/json-output.md, in this order.
#[derive(Serialize)]
struct JsonLine<'a> {
    id: Option<i64>,
    received_at: &'a str,
    source: &'a str,
    remote: Option<&'a str>,
    method: &'a str,
    path: &'a str,
    provider: Option<&'a str>,
    verification: &'a str,
    reason: Option<&'a str>,
    origin: Option<&'static str>,
    events: Vec<JsonEvent<'a>>,
    body_size: u64,
    outcome: &'a str,
    status: u16,
    forward: Option<JsonForward<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headers: Option<Vec<(&'a str, std::borrow::Cow<'a, str>)>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_base64: Option<String>,
    /// `--print response`: the app's answer, null when it gave none.
    #[serde(skip_serializing_if = "Option::is_none")]
    response: Option<Option<JsonResponse<'a>>>,
}

#[derive(Serialize)]
struct JsonResponse<'a> {
    status: u16,
    headers: Vec<(&'a str, std::borrow::Cow<'a, str>)>,
    /// The body's first characters, as text (invalid UTF-8 replaced).
    body_excerpt: String,
    body_size: u64,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    #[serde(rename = "type")]
    event_type: Option<&'a str>,
    id: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonForward<'a> {
    url: &'a str,
    status: Option<u16>,
    /// Null when the app did not answer.
    latency_ms: Option<f64>,
    error: Option<&'a str>,
}

fn answer_line(d: &Delivery, r: &Report) -> String {
    let label = r
        .events
        .first()
        .and_then(|e| e.id.clone().or(e.event_type.clone()))
        .unwrap_or_else(|| d.path.clone());
    let label = quote(&label);
    let (method, url) = (
        quote(&d.method),
        quote(r.forward.as_ref().map_or("", |f| &f.url)),
    );
    let status = format!("[{}]", r.status);
    let status = if r.status < 400 {
        status.green()
    } else {
        status.red()
    }
    .bold();
    // Timed like the `-->` line, so the two align.
    let time = super::local_clock(std::time::SystemTime::now());
    let arrow = format!("{time}  {}", "<--".cyan().bold());
    match (&r.forward, r.outcome) {
        (Some(f), _) => match &f.error {
            Some(e) => format!("{arrow} {status} {method} {url} ({}) [{label}]", quote(e)),
            None => format!(
                "{arrow} {status} {method} {url} ({:.0} ms) [{label}]",
                f.latency_ms
            ),
        },
        (None, "invalid") => {
            format!("{arrow} {status} rejected: invalid signature, not forwarded [{label}]")
        }
        (None, "forbidden") => {
            format!(
                "{arrow} {status} rejected: caller not in --allow-from, not forwarded [{label}]"
            )
        }
        (None, "too_large") => {
            format!("{arrow} {status} rejected: body over the --max-body limit [{label}]")
        }
        (None, "responded") => format!("{arrow} {status} answered by --respond [{label}]"),
        (None, _) => format!("{arrow} {status} acknowledged (no --forward) [{label}]"),
    }
}

/// A short, single-line excerpt of text someone else sent (an app's or a
/// listener's answer), safe for a terminal: control characters (escape
/// sequences, CR, LF) are escaped rather than written, invalid UTF-8 is
/// replaced, and past `max` characters it is cut with `…`. The one place
/// delivery-derived answer text is escaped for the terminal.
pub fn excerpt(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let mut out = String::new();
    for (shown, c) in text.chars().enumerate() {
        if shown == max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// `--print response` for people: the app's status, headers and a body
/// excerpt, each escaped ([`excerpt`]); nothing when it did not answer.
fn response_lines(r: &Report) -> Vec<String> {
    let Some((f, status)) = r.forward.as_ref().and_then(|f| Some((f, f.status?))) else {
        return vec![];
    };
    let mut lines = vec![format!("{}", format!("HTTP {status}").dimmed())];
    for (name, value) in &f.headers {
        lines.push(format!(
            "{}: {}",
            name.cyan(),
            excerpt(value, RESPONSE_EXCERPT)
        ));
    }
    lines.push(if f.body.is_empty() {
        "(empty body)".dimmed().to_string()
    } else {
        let mut shown = excerpt(&f.body, RESPONSE_EXCERPT);
        if f.body.len() > RESPONSE_EXCERPT {
            shown.push_str(
                &format!(" ({} bytes in all)", f.body.len())
                    .dimmed()
                    .to_string(),
            );
        }
        shown
    });
    lines
}

/// The largest body pretty-printed as JSON; a larger one is shown as its
/// text (parsing 25 MiB of millions of values would build a tree of
/// gigabytes).
const PRETTY_LIMIT: usize = 1 << 20;

/// A body for people: JSON pretty-printed in the sender's key order and
/// coloured (up to [`PRETTY_LIMIT`]), other text as is, binary as a hex
/// preview.
pub fn render_body(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty body)".dimmed().to_string();
    }
    let parsed = (body.len() <= PRETTY_LIMIT)
        .then(|| serde_json::from_slice::<Value>(body).ok())
        .flatten();
    if let Some(value) = parsed {
        let mut out = String::new();
        colour_json(&value, 0, &mut out);
        return out;
    }
    match std::str::from_utf8(body) {
        Ok(text) => quote(text).into_owned(),
        Err(_) => hex_preview(body),
    }
}

const HEX_PREVIEW_BYTES: usize = 256;

fn hex_preview(body: &[u8]) -> String {
    let mut lines: Vec<String> = body[..body.len().min(HEX_PREVIEW_BYTES)]
        .chunks(16)
        .enumerate()
        .map(|(i, chunk)| {
            let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
            let ascii: String = chunk
                .iter()
                .map(|b| {
                    if b.is_ascii_graphic() || *b == b' ' {
                        *b as char
                    } else {
                        '.'
                    }
                })
                .collect();
            format!("{:08x}  {:<47}  {ascii}", i * 16, hex.join(" "))
        })
        .collect();
    lines.push(
        format!(
            "(binary, {} bytes{})",
            body.len(),
            if body.len() > HEX_PREVIEW_BYTES {
                ", first 256 shown"
            } else {
                ""
            }
        )
        .dimmed()
        .to_string(),
    );
    lines.join("\n")
}

fn colour_json(v: &Value, indent: usize, out: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    match v {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (k, val)) in map.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                out.push_str(&quote(&json!(k).to_string()).blue().to_string());
                out.push_str(": ");
                colour_json(val, indent + 1, out);
                if i + 1 < map.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, val) in items.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                colour_json(val, indent + 1, out);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        Value::String(_) => out.push_str(&quote(&v.to_string()).green().to_string()),
        Value::Number(_) => out.push_str(&v.to_string().yellow().to_string()),
        Value::Bool(_) | Value::Null => out.push_str(&v.to_string().magenta().to_string()),
        _ => out.push_str(&v.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::render_body;

    #[test]
    fn bodies_keep_key_order_and_show_binary_as_hex() {
        colored::control::set_override(false);
        let text = render_body(br#"{"z":1,"a":{"y":[true,null]},"m":"s"}"#);
        assert_eq!(
            text,
            "{\n  \"z\": 1,\n  \"a\": {\n    \"y\": [\n      true,\n      null\n    ]\n  },\n  \"m\": \"s\"\n}"
        );
        assert_eq!(render_body(b"a=1&b=2"), "a=1&b=2");
        let hex = render_body(&[0xff, 0x00, b'A']);
        assert!(hex.starts_with("00000000  ff 00 41"), "{hex}");
        assert!(hex.contains("binary, 3 bytes"));
    }

    #[test]
    fn excerpts_escape_control_characters_and_stop_at_the_limit() {
        assert_eq!(
            super::excerpt(b"  a\x1b[31mb\r\nc \n", 80),
            "a\\u{1b}[31mb\\r\\nc"
        );
        assert_eq!(super::excerpt("éééé".as_bytes(), 2), "éé…");
        assert_eq!(super::excerpt(&[0xff, b'x'], 10), "\u{fffd}x");
    }

    #[test]
    fn json_over_the_pretty_limit_is_shown_as_its_text() {
        colored::control::set_override(false);
        let big = format!("[{}0]", "0,".repeat(super::PRETTY_LIMIT));
        assert_eq!(render_body(big.as_bytes()), big);
    }
}
