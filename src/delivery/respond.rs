//! `--respond STATUS[,BODY][,DELAY]` and `--respond-event
//! PATTERN=STATUS[,BODY][,DELAY]`: the answer a listener gives when there
//! is no app to forward to, so that a sender's handling of errors and slow
//! answers can be tried without writing one (webhook.site, Svix play).

use crate::{Error, Result};
use bytes::Bytes;
use std::time::Duration;

/// The longest `DELAY`: past it a sender has long given up, and the
/// listener would hold the delivery through a shutdown.
const MAX_DELAY: Duration = Duration::from_secs(300);

/// One answer rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Respond {
    /// The event-type glob (`--respond-event`); none for `--respond`.
    pub pattern: Option<String>,
    pub status: u16,
    /// None: the default `{"received":true,"id":N}`.
    pub body: Option<Bytes>,
    pub delay: Duration,
}

impl Respond {
    /// Parses `--respond`'s value. The body is everything between the first
    /// comma and the last, so it may hold commas; a last part that is not a
    /// duration belongs to the body.
    pub fn parse(raw: &str, flag: &str) -> Result<Respond> {
        let bad = |why: String| {
            Error::usage(format!("{flag} '{}': {why}", raw.escape_debug())).with_hint(format!(
                "write {flag} {}STATUS[,BODY][,DELAY], e.g. {flag} '{}503,busy,2s'",
                if flag == "--respond-event" {
                    "PATTERN="
                } else {
                    ""
                },
                if flag == "--respond-event" {
                    "deal.*="
                } else {
                    ""
                },
            ))
        };
        let (status, rest) = match raw.split_once(',') {
            Some((s, rest)) => (s, Some(rest)),
            None => (raw, None),
        };
        let status = status
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|s| (200..=599).contains(s))
            .ok_or_else(|| bad("the status must be a number from 200 to 599".into()))?;
        let (body, delay) = match rest {
            None => (None, Duration::ZERO),
            Some(rest) => match rest.rsplit_once(',') {
                Some((body, delay)) if humantime::parse_duration(delay.trim()).is_ok() => {
                    let delay = humantime::parse_duration(delay.trim()).expect("checked");
                    (Some(body), delay)
                }
                // `STATUS,1s` is a body "1s": a delay alone is written
                // `STATUS,,1s`.
                _ => (Some(rest), Duration::ZERO),
            },
        };
        if delay > MAX_DELAY {
            return Err(bad(format!(
                "the delay is over {}",
                humantime::format_duration(MAX_DELAY)
            )));
        }
        Ok(Respond {
            pattern: None,
            status,
            body: body.map(|b| Bytes::from(b.to_string())),
            delay,
        })
    }

    /// Parses `--respond-event PATTERN=STATUS[,BODY][,DELAY]`.
    pub fn parse_event(raw: &str) -> Result<Respond> {
        let (pattern, spec) = raw.split_once('=').ok_or_else(|| {
            Error::usage(format!("--respond-event '{}': no '='", raw.escape_debug()))
                .with_hint("write --respond-event 'deal.*=503,busy,2s'")
        })?;
        Ok(Respond {
            pattern: Some(pattern.trim().to_string()),
            ..Respond::parse(spec, "--respond-event")?
        })
    }

    /// The content type of the body: JSON when it parses as JSON.
    pub fn content_type(body: &[u8]) -> &'static [u8] {
        if serde_json::from_slice::<serde_json::Value>(body).is_ok() {
            b"application/json"
        } else {
            b"text/plain; charset=utf-8"
        }
    }
}

/// The rule for a delivery of `types`: the first `--respond-event` whose
/// pattern matches one, else `--respond`.
pub fn choose<'a>(rules: &'a [Respond], types: &[String]) -> Option<&'a Respond> {
    rules
        .iter()
        .find(|r| {
            r.pattern
                .as_deref()
                .is_some_and(|p| types.iter().any(|t| super::pattern::matches(p, t)))
        })
        .or_else(|| rules.iter().find(|r| r.pattern.is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_body_and_delay() {
        let r = Respond::parse("503", "--respond").unwrap();
        assert_eq!((r.status, r.body, r.delay), (503, None, Duration::ZERO));
        let r = Respond::parse("200,{\"a\":1,\"b\":2}", "--respond").unwrap();
        assert_eq!(r.body.as_deref(), Some(&b"{\"a\":1,\"b\":2}"[..]));
        assert_eq!(r.delay, Duration::ZERO);
        let r = Respond::parse("500,oops, it broke,1500ms", "--respond").unwrap();
        assert_eq!(r.body.as_deref(), Some(&b"oops, it broke"[..]));
        assert_eq!(r.delay, Duration::from_millis(1500));
        let r = Respond::parse("200,1s", "--respond").unwrap();
        assert_eq!(
            (r.body.as_deref(), r.delay),
            (Some(&b"1s"[..]), Duration::ZERO)
        );
        let r = Respond::parse("204,,2s", "--respond").unwrap();
        assert_eq!(r.body.as_deref(), Some(&b""[..]));
        assert_eq!(r.delay, Duration::from_secs(2));
        for bad in ["", "abc", "99", "600,x", "200,x,1h"] {
            assert!(Respond::parse(bad, "--respond").is_err(), "{bad}");
        }
        let r = Respond::parse_event("deal.*=409,dup").unwrap();
        assert_eq!(r.pattern.as_deref(), Some("deal.*"));
        assert!(Respond::parse_event("409").is_err());
    }

    #[test]
    fn an_event_rule_wins_over_the_catch_all() {
        let rules = vec![
            Respond::parse("500", "--respond").unwrap(),
            Respond::parse_event("deal.*=409").unwrap(),
        ];
        assert_eq!(choose(&rules, &["deal.won".into()]).unwrap().status, 409);
        assert_eq!(
            choose(&rules, &["contact.created".into()]).unwrap().status,
            500
        );
        assert!(choose(&rules[1..], &["contact.created".into()]).is_none());
    }
}
