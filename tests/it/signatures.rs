//! Signing and verification through the library: published test vectors,
//! the specific reason for each failure, secret rotation, and property tests
//! that every scheme verifies what it signs and nothing else.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use hooks::providers;
use hooks::signature::{
    Encoding, Failure, HmacSpec, Scheme, SignParams, Verification, DEFAULT_TOLERANCE_SECS,
};
use http::{HeaderMap, HeaderName, HeaderValue};
use proptest::prelude::*;

const STD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const STD_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const STD_TS: i64 = 1614265330;
const STD_BODY: &str = r#"{"test": 2432232314}"#;
const TOL: u64 = DEFAULT_TOLERANCE_SECS;

fn scheme(name: &str) -> Scheme {
    providers::find(name)
        .unwrap_or_else(|| panic!("provider {name} exists"))
        .scheme
}

/// A custom hmac scheme with a prefix and base64 digests.
fn hmac_b64_prefixed() -> Scheme {
    Scheme::Hmac(HmacSpec {
        header: "X-Custom-Signature".into(),
        prefix: "v1=".into(),
        encoding: Encoding::Base64,
        prefix_optional: false,
    })
}

fn secrets(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn header_map(pairs: &[(String, String)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).expect("a valid header name"),
            HeaderValue::from_str(value).expect("a valid header value"),
        );
    }
    map
}

fn sign(scheme: &Scheme, secret_list: &[&str], body: &[u8], id: &str, ts: i64) -> HeaderMap {
    let headers = scheme
        .sign(
            &secrets(secret_list),
            body,
            &SignParams { id, timestamp: ts },
        )
        .expect("signing works");
    header_map(&headers)
}

fn verify(
    scheme: &Scheme,
    secret_list: &[&str],
    headers: &HeaderMap,
    body: &[u8],
    now: i64,
) -> Verification {
    scheme.verify(&secrets(secret_list), headers, body, now, TOL)
}

fn set(headers: &mut HeaderMap, name: &str, value: &str) {
    headers.insert(
        HeaderName::from_bytes(name.as_bytes()).unwrap(),
        HeaderValue::from_str(value).unwrap(),
    );
}

fn get(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("header {name} present"))
        .to_str()
        .unwrap()
        .to_string()
}

fn mismatch(header: &str) -> Verification {
    Verification::Invalid(Failure::Mismatch {
        header: header.into(),
    })
}

fn missing(header: &str) -> Verification {
    Verification::Invalid(Failure::MissingHeader(header.into()))
}

fn assert_malformed(result: &Verification, header: &str) {
    match result {
        Verification::Invalid(Failure::MalformedHeader { header: h, .. }) if h == header => {}
        other => panic!("expected a malformed {header}, got {other:?}"),
    }
}

fn hmac_sha256(key: &[u8], content: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(content);
    mac.finalize().into_bytes().to_vec()
}

// ---- Published test vectors -------------------------------------------------

#[test]
fn standard_webhooks_published_vector_signs_exactly() {
    let headers = sign(
        &scheme("standard"),
        &[STD_SECRET],
        STD_BODY.as_bytes(),
        STD_ID,
        STD_TS,
    );
    assert_eq!(get(&headers, "webhook-id"), STD_ID);
    assert_eq!(get(&headers, "webhook-timestamp"), "1614265330");
    assert_eq!(
        get(&headers, "webhook-signature"),
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    );
}

#[test]
fn standard_webhooks_published_vector_verifies_and_altered_is_rejected() {
    let s = scheme("standard");
    let mut headers = header_map(&[
        ("webhook-id".into(), STD_ID.into()),
        ("webhook-timestamp".into(), "1614265330".into()),
        (
            "webhook-signature".into(),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=".into(),
        ),
    ]);
    assert_eq!(
        verify(&s, &[STD_SECRET], &headers, STD_BODY.as_bytes(), STD_TS),
        Verification::Valid
    );
    set(
        &mut headers,
        "webhook-signature",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=",
    );
    assert_eq!(
        verify(&s, &[STD_SECRET], &headers, STD_BODY.as_bytes(), STD_TS),
        mismatch("webhook-signature")
    );
}

/// The reference libraries accept a `whsec_` key without its `=` padding;
/// so does hooks, and it is the same key.
#[test]
fn standard_webhooks_key_without_padding_is_the_same_key() {
    let padded = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    let unpadded = padded.trim_end_matches('=');
    let s = scheme("standard");
    let headers = sign(&s, &[unpadded], STD_BODY.as_bytes(), STD_ID, STD_TS);
    assert_eq!(
        get(&headers, "webhook-signature"),
        get(
            &sign(&s, &[padded], STD_BODY.as_bytes(), STD_ID, STD_TS),
            "webhook-signature"
        )
    );
    assert_eq!(
        verify(&s, &[padded], &headers, STD_BODY.as_bytes(), STD_TS),
        Verification::Valid
    );
}

const GH_SECRET: &str = "It's a Secret to Everybody";
const GH_SIG: &str = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

#[test]
fn github_published_vector_signs_and_verifies() {
    let s = scheme("github");
    let headers = sign(&s, &[GH_SECRET], b"Hello, World!", "", 0);
    assert_eq!(get(&headers, "X-Hub-Signature-256"), GH_SIG);
    assert_eq!(
        verify(&s, &[GH_SECRET], &headers, b"Hello, World!", 0),
        Verification::Valid
    );
}

#[test]
fn github_published_vector_altered_is_rejected() {
    let s = scheme("github");
    let altered = GH_SIG.replace("e17", "e18");
    let headers = header_map(&[("X-Hub-Signature-256".into(), altered)]);
    assert_eq!(
        verify(&s, &[GH_SECRET], &headers, b"Hello, World!", 0),
        mismatch("X-Hub-Signature-256")
    );
    let headers = header_map(&[("X-Hub-Signature-256".into(), GH_SIG.into())]);
    assert_eq!(
        verify(&s, &[GH_SECRET], &headers, b"Hello, World?", 0),
        mismatch("X-Hub-Signature-256")
    );
}

#[test]
fn hmac_hex_published_vectors_sign_and_verify() {
    let s = scheme("hmac");
    let cases = [
        (
            "",
            "f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd",
        ),
        (
            r#"{"obj1":"hello","obj2":"world"}"#,
            "bebb1a643997f419b315ddba19e6f5411e1ce7f810ba6d3617ce72823092f363",
        ),
    ];
    for (body, expected) in cases {
        let headers = sign(&s, &["test_secret"], body.as_bytes(), "", 0);
        assert_eq!(get(&headers, "X-Signature"), expected, "body {body:?}");
        assert_eq!(
            verify(&s, &["test_secret"], &headers, body.as_bytes(), 0),
            Verification::Valid
        );
        let altered = format!("{}0", &expected[..expected.len() - 1]);
        assert_ne!(altered, expected);
        let headers = header_map(&[("X-Signature".into(), altered)]);
        assert_eq!(
            verify(&s, &["test_secret"], &headers, body.as_bytes(), 0),
            mismatch("X-Signature"),
            "body {body:?}"
        );
    }
}

// ---- Specific failure reasons ------------------------------------------------

/// Every scheme, with a secret it accepts and the header holding its digest.
fn all_schemes() -> Vec<(&'static str, Scheme, &'static str, &'static str)> {
    vec![
        (
            "standard",
            scheme("standard"),
            STD_SECRET,
            "webhook-signature",
        ),
        (
            "github",
            scheme("github"),
            "gh-secret",
            "X-Hub-Signature-256",
        ),
        (
            "stripe",
            scheme("stripe"),
            "whsec_stripe",
            "Stripe-Signature",
        ),
        (
            "shopify",
            scheme("shopify"),
            "shp-secret",
            "X-Shopify-Hmac-Sha256",
        ),
        (
            "slack",
            scheme("slack"),
            "slack-secret",
            "X-Slack-Signature",
        ),
        ("hmac", scheme("hmac"), "hmac-secret", "X-Signature"),
        (
            "hmac-b64",
            hmac_b64_prefixed(),
            "b64-secret",
            "X-Custom-Signature",
        ),
        ("header", scheme("header"), "token-123", "X-Webhook-Token"),
        ("awork", scheme("awork"), "token-123", "X-Webhook-Token"),
        (
            "workestra",
            scheme("workestra"),
            "wk-secret",
            "X-Workestra-Signature",
        ),
        (
            "wheniwork",
            scheme("wheniwork"),
            "wiw-secret",
            "X-Signed-Hmac-256",
        ),
    ]
}

#[test]
fn every_scheme_verifies_what_it_signs() {
    for (name, s, secret, _) in all_schemes() {
        let headers = sign(&s, &[secret], b"{\"a\":1}", "msg_1", STD_TS);
        assert_eq!(
            verify(&s, &[secret], &headers, b"{\"a\":1}", STD_TS),
            Verification::Valid,
            "{name}"
        );
    }
}

#[test]
fn every_scheme_reports_a_missing_header() {
    for (name, s, secret, sig_header) in all_schemes() {
        let result = verify(&s, &[secret], &HeaderMap::new(), b"{}", STD_TS);
        let expected = match name {
            // The id is read first.
            "standard" => "webhook-id",
            _ => sig_header,
        };
        assert_eq!(result, missing(expected), "{name}");
    }
}

#[test]
fn every_scheme_reports_the_one_header_that_is_missing() {
    // Each header of the multi-header schemes, removed on its own.
    let cases = [
        (
            "standard",
            STD_SECRET,
            vec!["webhook-id", "webhook-timestamp", "webhook-signature"],
        ),
        (
            "slack",
            "slack-secret",
            vec!["X-Slack-Signature", "X-Slack-Request-Timestamp"],
        ),
    ];
    for (name, secret, names) in cases {
        let s = scheme(name);
        for removed in names {
            let mut headers = sign(&s, &[secret], b"{}", "msg_1", STD_TS);
            headers.remove(removed);
            assert_eq!(
                verify(&s, &[secret], &headers, b"{}", STD_TS),
                missing(removed),
                "{name}"
            );
        }
    }
}

#[test]
fn every_scheme_reports_a_mismatch_for_a_wrong_secret() {
    for (name, s, secret, sig_header) in all_schemes() {
        let headers = sign(&s, &[secret], b"{}", "msg_1", STD_TS);
        let wrong = if name == "standard" {
            "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        } else {
            "another-secret"
        };
        assert_eq!(
            verify(&s, &[wrong], &headers, b"{}", STD_TS),
            mismatch(sig_header),
            "{name}"
        );
    }
}

#[test]
fn every_body_signing_scheme_reports_a_mismatch_for_an_altered_body() {
    for (name, s, secret, sig_header) in all_schemes() {
        if matches!(s, Scheme::Header { .. }) {
            continue; // a static header does not cover the body
        }
        let headers = sign(&s, &[secret], b"{\"amount\":100}", "msg_1", STD_TS);
        assert_eq!(
            verify(&s, &[secret], &headers, b"{\"amount\":900}", STD_TS),
            mismatch(sig_header),
            "{name}"
        );
    }
}

#[test]
fn malformed_headers_are_reported_per_scheme() {
    // (scheme, header to replace, bad value, header named in the failure)
    let cases: Vec<(Scheme, &str, &str, &str)> = vec![
        (
            scheme("standard"),
            "webhook-signature",
            "v2,abc",
            "webhook-signature",
        ),
        (
            scheme("standard"),
            "webhook-signature",
            "v1,not*base64",
            "webhook-signature",
        ),
        (
            scheme("standard"),
            "webhook-timestamp",
            "yesterday",
            "webhook-timestamp",
        ),
        (
            scheme("github"),
            "X-Hub-Signature-256",
            "757107ea0eb2509fc2",
            "X-Hub-Signature-256",
        ),
        (
            scheme("github"),
            "X-Hub-Signature-256",
            "sha256=xyz",
            "X-Hub-Signature-256",
        ),
        (
            scheme("github"),
            "X-Hub-Signature-256",
            "sha1=abcd",
            "X-Hub-Signature-256",
        ),
        (
            scheme("stripe"),
            "Stripe-Signature",
            "v1=abcd",
            "Stripe-Signature",
        ),
        (
            scheme("stripe"),
            "Stripe-Signature",
            "t=1614265330",
            "Stripe-Signature",
        ),
        (
            scheme("stripe"),
            "Stripe-Signature",
            "t=1614265330,v0=abcd",
            "Stripe-Signature",
        ),
        (
            scheme("stripe"),
            "Stripe-Signature",
            "t=soon,v1=abcd",
            "Stripe-Signature",
        ),
        (
            scheme("stripe"),
            "Stripe-Signature",
            "t=1614265330,v1=xyz",
            "Stripe-Signature",
        ),
        (
            scheme("shopify"),
            "X-Shopify-Hmac-Sha256",
            "***",
            "X-Shopify-Hmac-Sha256",
        ),
        (
            scheme("slack"),
            "X-Slack-Signature",
            "abcd",
            "X-Slack-Signature",
        ),
        (
            scheme("slack"),
            "X-Slack-Signature",
            "v0=xyz",
            "X-Slack-Signature",
        ),
        (
            scheme("slack"),
            "X-Slack-Request-Timestamp",
            "now",
            "X-Slack-Request-Timestamp",
        ),
        (scheme("hmac"), "X-Signature", "not hex", "X-Signature"),
        (
            hmac_b64_prefixed(),
            "X-Custom-Signature",
            "Zm9vYmFy",
            "X-Custom-Signature",
        ),
        (
            hmac_b64_prefixed(),
            "X-Custom-Signature",
            "v1=!!!",
            "X-Custom-Signature",
        ),
        (
            scheme("workestra"),
            "X-Workestra-Signature",
            "sha256=xyz",
            "X-Workestra-Signature",
        ),
        (
            scheme("workestra"),
            "X-Workestra-Signature",
            "md5=abcd",
            "X-Workestra-Signature",
        ),
        (
            scheme("wheniwork"),
            "X-Signed-Hmac-256",
            "***",
            "X-Signed-Hmac-256",
        ),
    ];
    for (s, replace, value, named) in cases {
        let secret = if s == Scheme::Standard {
            STD_SECRET
        } else {
            "secret"
        };
        let mut headers = sign(&s, &[secret], b"{}", "msg_1", STD_TS);
        set(&mut headers, replace, value);
        let result = verify(&s, &[secret], &headers, b"{}", STD_TS);
        assert_malformed(&result, named);
    }
}

#[test]
fn timestamps_outside_the_tolerance_are_rejected_in_both_directions() {
    for name in ["standard", "stripe", "slack"] {
        let s = scheme(name);
        let secret = if name == "standard" {
            STD_SECRET
        } else {
            "secret"
        };
        let headers = sign(&s, &[secret], b"{}", "msg_1", STD_TS);
        let tol = TOL as i64;
        // At the edge of the window it still verifies, both ways.
        for now in [STD_TS - tol, STD_TS + tol] {
            assert_eq!(
                verify(&s, &[secret], &headers, b"{}", now),
                Verification::Valid,
                "{name} at {now}"
            );
        }
        // One second past it, it does not: the delivery is too old, or from the future.
        for now in [STD_TS + tol + 1, STD_TS - tol - 1] {
            assert_eq!(
                verify(&s, &[secret], &headers, b"{}", now),
                Verification::Invalid(Failure::TimestampOutsideTolerance {
                    timestamp: STD_TS,
                    now,
                    tolerance: TOL,
                }),
                "{name} at {now}"
            );
        }
        // The tolerance is the caller's.
        assert!(s
            .verify(&secrets(&[secret]), &headers, b"{}", STD_TS + 3600, 3600)
            .is_valid());
    }
}

#[test]
fn the_tolerance_failure_says_which_direction() {
    let old = Failure::TimestampOutsideTolerance {
        timestamp: 1000,
        now: 1400,
        tolerance: 300,
    };
    let future = Failure::TimestampOutsideTolerance {
        timestamp: 1400,
        now: 1000,
        tolerance: 300,
    };
    assert!(old.to_string().contains("is 6 minutes old"), "{old}");
    assert!(
        future.to_string().contains("is 6 minutes in the future"),
        "{future}"
    );
}

#[test]
fn the_tolerance_failure_says_the_skew_in_human_terms() {
    let span = hooks::signature::human_span;
    assert_eq!(span(0), "0 seconds");
    assert_eq!(span(1), "1 second");
    assert_eq!(span(119), "119 seconds");
    assert_eq!(span(300), "5 minutes");
    assert_eq!(span(7_200), "2 hours");
    assert_eq!(span(3 * 86_400), "3 days");
    assert_eq!(span(30 * 365 * 86_400 + 12_345), "30 years");
    let ancient = Failure::TimestampOutsideTolerance {
        timestamp: 0,
        now: 30 * 365 * 86_400 + 100,
        tolerance: 300,
    };
    assert!(ancient.to_string().contains("is 30 years old"), "{ancient}");
}

#[test]
fn untimestamped_schemes_ignore_the_clock() {
    for (name, s, secret, _) in all_schemes() {
        if s.is_timestamped() {
            continue;
        }
        let headers = sign(&s, &[secret], b"{}", "msg_1", STD_TS);
        assert!(
            verify(&s, &[secret], &headers, b"{}", STD_TS + 10 * 365 * 86400).is_valid(),
            "{name}"
        );
    }
}

#[test]
fn none_is_unsigned_and_other_schemes_need_a_secret() {
    assert_eq!(
        scheme("none").verify(&[], &HeaderMap::new(), b"{}", 0, TOL),
        Verification::Unsigned
    );
    let result = scheme("github").verify(&[], &HeaderMap::new(), b"{}", 0, TOL);
    assert!(
        matches!(result, Verification::Invalid(Failure::UnusableSecret(_))),
        "{result:?}"
    );
    assert!(scheme("github")
        .sign(
            &[],
            b"{}",
            &SignParams {
                id: "",
                timestamp: 0
            }
        )
        .is_err());
    assert!(scheme("github").check_secret("").is_err());
}

// ---- Secret rotation ---------------------------------------------------------

#[test]
fn rotation_any_of_several_secrets_verifies_for_every_scheme() {
    for (name, s, secret, sig_header) in all_schemes() {
        let other = if name == "standard" {
            "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        } else {
            "old-secret"
        };
        let headers = sign(&s, &[secret], b"{}", "msg_1", STD_TS);
        for list in [[other, secret], [secret, other]] {
            assert!(
                verify(&s, &list, &headers, b"{}", STD_TS).is_valid(),
                "{name} {list:?}"
            );
        }
        assert_eq!(
            verify(&s, &[other, other], &headers, b"{}", STD_TS),
            mismatch(sig_header),
            "{name}"
        );
    }
}

#[test]
fn rotation_standard_carries_one_signature_per_secret() {
    let s = scheme("standard");
    let old = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let unrelated = "whsec_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    let headers = sign(&s, &[STD_SECRET, old], STD_BODY.as_bytes(), STD_ID, STD_TS);
    let value = get(&headers, "webhook-signature");
    let parts: Vec<&str> = value.split(' ').collect();
    assert_eq!(parts.len(), 2, "{value}");
    assert_eq!(parts[0], "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    for secret in [STD_SECRET, old] {
        assert!(verify(&s, &[secret], &headers, STD_BODY.as_bytes(), STD_TS).is_valid());
    }
    assert_eq!(
        verify(&s, &[unrelated], &headers, STD_BODY.as_bytes(), STD_TS),
        mismatch("webhook-signature")
    );
}

#[test]
fn rotation_standard_finds_the_matching_signature_among_others() {
    let s = scheme("standard");
    let headers = header_map(&[
        ("webhook-id".into(), STD_ID.into()),
        ("webhook-timestamp".into(), "1614265330".into()),
        (
            "webhook-signature".into(),
            "v1a,ignored v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=".into(),
        ),
    ]);
    assert!(verify(&s, &[STD_SECRET], &headers, STD_BODY.as_bytes(), STD_TS).is_valid());
}

#[test]
fn rotation_stripe_carries_one_signature_per_secret() {
    let s = scheme("stripe");
    let headers = sign(&s, &["whsec_new", "whsec_old"], b"{}", "", STD_TS);
    let value = get(&headers, "Stripe-Signature");
    assert_eq!(value.matches(",v1=").count(), 2, "{value}");
    assert!(value.starts_with("t=1614265330,v1="), "{value}");
    for secret in ["whsec_new", "whsec_old"] {
        assert!(
            verify(&s, &[secret], &headers, b"{}", STD_TS).is_valid(),
            "{secret}"
        );
    }
    assert_eq!(
        verify(&s, &["whsec_other"], &headers, b"{}", STD_TS),
        mismatch("Stripe-Signature")
    );
}

#[test]
fn rotation_stripe_finds_the_matching_signature_among_others() {
    let s = scheme("stripe");
    let good = hex::encode(hmac_sha256(b"whsec_x", b"1614265330.{}"));
    let value = format!(
        "t=1614265330, v0=deadbeef, v1={}, v1={good}",
        "00".repeat(32)
    );
    let headers = header_map(&[("Stripe-Signature".into(), value)]);
    assert!(verify(&s, &["whsec_x"], &headers, b"{}", STD_TS).is_valid());
}

// ---- Scheme specifics ---------------------------------------------------------

#[test]
fn standard_accepts_svix_header_names() {
    let s = scheme("standard");
    let headers = sign(&s, &[STD_SECRET], STD_BODY.as_bytes(), STD_ID, STD_TS);
    let renamed = header_map(&[
        ("svix-id".into(), get(&headers, "webhook-id")),
        ("svix-timestamp".into(), get(&headers, "webhook-timestamp")),
        ("svix-signature".into(), get(&headers, "webhook-signature")),
    ]);
    assert!(verify(&s, &[STD_SECRET], &renamed, STD_BODY.as_bytes(), STD_TS).is_valid());
    assert_eq!(
        verify(&s, &[STD_SECRET], &renamed, b"{}", STD_TS),
        mismatch("svix-signature")
    );
    let mut no_id = renamed.clone();
    no_id.remove("svix-id");
    assert_eq!(
        verify(&s, &[STD_SECRET], &no_id, STD_BODY.as_bytes(), STD_TS),
        missing("svix-id")
    );
}

#[test]
fn standard_decodes_whsec_keys() {
    let s = scheme("standard");
    // The key is the base64-decoded bytes after whsec_, with or without the prefix.
    let key = B64.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let expected = format!(
        "v1,{}",
        B64.encode(hmac_sha256(
            &key,
            format!("{STD_ID}.{STD_TS}.{STD_BODY}").as_bytes()
        ))
    );
    for secret in [STD_SECRET, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"] {
        let headers = sign(&s, &[secret], STD_BODY.as_bytes(), STD_ID, STD_TS);
        assert_eq!(get(&headers, "webhook-signature"), expected);
    }
    // A secret that is not base64 cannot be used, and says what it should be.
    let err = s.check_secret("whsec_not base64!").unwrap_err();
    assert!(err.contains("whsec_"), "{err}");
    let headers = sign(&s, &[STD_SECRET], b"{}", STD_ID, STD_TS);
    assert!(matches!(
        verify(&s, &["whsec_not base64!"], &headers, b"{}", STD_TS),
        Verification::Invalid(Failure::UnusableSecret(_))
    ));
}

#[test]
fn standard_rejects_an_empty_key() {
    // `whsec_` alone decodes to no key bytes: anyone could sign with it.
    let s = scheme("standard");
    assert!(s.check_secret("whsec_").is_err());
    assert!(s
        .sign(
            &secrets(&["whsec_"]),
            b"{}",
            &SignParams {
                id: STD_ID,
                timestamp: STD_TS
            }
        )
        .is_err());
    let headers = sign(&s, &[STD_SECRET], b"{}", STD_ID, STD_TS);
    assert!(matches!(
        verify(&s, &["whsec_"], &headers, b"{}", STD_TS),
        Verification::Invalid(Failure::UnusableSecret(_))
    ));
}

#[test]
fn sign_with_an_empty_standard_key_is_a_usage_error() {
    let env = crate::support::Env::new();
    let out = env
        .hooks()
        .args(["sign", "--provider", "standard", "--secret", "whsec_", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("whsec_ followed by base64"), "{err}");
}

#[test]
fn stripe_uses_the_whole_secret_string_as_the_key() {
    let s = scheme("stripe");
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let headers = sign(&s, &[secret], b"{\"id\":\"evt_1\"}", "", STD_TS);
    let expected = hex::encode(hmac_sha256(
        secret.as_bytes(),
        b"1614265330.{\"id\":\"evt_1\"}",
    ));
    assert_eq!(
        get(&headers, "Stripe-Signature"),
        format!("t=1614265330,v1={expected}")
    );
    // Not the decoded bytes, and not the string without its prefix.
    assert_eq!(
        verify(
            &s,
            &["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
            &headers,
            b"{\"id\":\"evt_1\"}",
            STD_TS
        ),
        mismatch("Stripe-Signature")
    );
}

#[test]
fn slack_signs_v0_ts_body() {
    let s = scheme("slack");
    let headers = sign(&s, &["slack-secret"], b"token=x&team_id=T1", "", STD_TS);
    let expected = hex::encode(hmac_sha256(
        b"slack-secret",
        b"v0:1614265330:token=x&team_id=T1",
    ));
    assert_eq!(get(&headers, "X-Slack-Signature"), format!("v0={expected}"));
    assert_eq!(get(&headers, "X-Slack-Request-Timestamp"), "1614265330");
}

#[test]
fn shopify_and_wheniwork_sign_base64_of_the_body() {
    let expected = B64.encode(hmac_sha256(b"k", b"{\"id\":1}"));
    for (name, header) in [
        ("shopify", "X-Shopify-Hmac-Sha256"),
        ("wheniwork", "X-Signed-Hmac-256"),
    ] {
        let headers = sign(&scheme(name), &["k"], b"{\"id\":1}", "", 0);
        assert_eq!(get(&headers, header), expected, "{name}");
    }
}

#[test]
fn workestra_signs_with_prefix_and_accepts_it_with_or_without() {
    let s = scheme("workestra");
    let body = b"{\"type\":\"contact.created\"}";
    let digest = hex::encode(hmac_sha256(b"wk", body));
    let headers = sign(&s, &["wk"], body, "", 0);
    assert_eq!(
        get(&headers, "X-Workestra-Signature"),
        format!("sha256={digest}")
    );
    for value in [format!("sha256={digest}"), digest.clone()] {
        let headers = header_map(&[("X-Workestra-Signature".into(), value.clone())]);
        assert!(verify(&s, &["wk"], &headers, body, 0).is_valid(), "{value}");
        assert_eq!(
            verify(&s, &["wk"], &headers, b"{}", 0),
            mismatch("X-Workestra-Signature"),
            "{value}"
        );
    }
}

#[test]
fn hmac_with_a_required_prefix_rejects_the_bare_digest() {
    let s = hmac_b64_prefixed();
    let headers = sign(&s, &["k"], b"{}", "", 0);
    let value = get(&headers, "X-Custom-Signature");
    let bare = value.strip_prefix("v1=").expect("prefixed").to_string();
    assert_eq!(bare, B64.encode(hmac_sha256(b"k", b"{}")));
    let headers = header_map(&[("X-Custom-Signature".into(), bare)]);
    assert_malformed(
        &verify(&s, &["k"], &headers, b"{}", 0),
        "X-Custom-Signature",
    );
}

#[test]
fn header_scheme_with_a_named_secret() {
    let s = scheme("awork");
    let secret = "X-Awork-Auth=s3cr3t=value";
    let headers = sign(&s, &[secret], b"{}", "", 0);
    assert_eq!(headers.len(), 1);
    assert_eq!(get(&headers, "X-Awork-Auth"), "s3cr3t=value");
    assert!(verify(&s, &[secret], &headers, b"{}", 0).is_valid());
    let wrong = header_map(&[("X-Awork-Auth".into(), "s3cr3t".into())]);
    assert_eq!(
        verify(&s, &[secret], &wrong, b"{}", 0),
        mismatch("X-Awork-Auth")
    );
    // The value in the default header does not count: the secret names its header.
    let elsewhere = header_map(&[("X-Webhook-Token".into(), "s3cr3t=value".into())]);
    assert_eq!(
        verify(&s, &[secret], &elsewhere, b"{}", 0),
        missing("X-Awork-Auth")
    );
}

#[test]
fn header_scheme_with_a_bare_secret() {
    for name in ["awork", "header"] {
        let s = scheme(name);
        let headers = sign(&s, &["tok_123"], b"{}", "", 0);
        assert_eq!(get(&headers, "X-Webhook-Token"), "tok_123", "{name}");
        assert!(verify(&s, &["tok_123"], &headers, b"{}", 0).is_valid());
        let wrong = header_map(&[("X-Webhook-Token".into(), "tok_124".into())]);
        assert_eq!(
            verify(&s, &["tok_123"], &wrong, b"{}", 0),
            mismatch("X-Webhook-Token")
        );
        // Rotation: any of the secrets, each naming its header or not.
        let named = header_map(&[("Authorization".into(), "Bearer abc".into())]);
        assert!(verify(
            &s,
            &["tok_123", "Authorization=Bearer abc"],
            &named,
            b"{}",
            0
        )
        .is_valid());
        assert!(verify(
            &s,
            &["Authorization=Bearer abc", "tok_123"],
            &headers,
            b"{}",
            0
        )
        .is_valid());
    }
}

#[test]
fn header_scheme_bare_secret_ending_in_equals_is_not_a_header_name() {
    // Base64 tokens end in `=`: `dG9rZW4=` is a bare secret, not a header
    // named dG9rZW4 with an empty value (which would authenticate nothing).
    let s = scheme("awork");
    let headers = sign(&s, &["dG9rZW4="], b"{}", "", 0);
    assert_eq!(headers.len(), 1);
    assert_eq!(get(&headers, "X-Webhook-Token"), "dG9rZW4=");
    assert!(verify(&s, &["dG9rZW4="], &headers, b"{}", 0).is_valid());
    let empty = header_map(&[("dG9rZW4".into(), String::new())]);
    assert_eq!(
        verify(&s, &["dG9rZW4="], &empty, b"{}", 0),
        missing("X-Webhook-Token")
    );
}

#[test]
fn header_scheme_bare_secret_with_double_padding_is_not_a_header_name() {
    // `whsec_dGVzdHNlY3JldA==` once printed as `whsec_dGVzdHNlY3JldA: =`.
    let s = scheme("awork");
    let secret = "whsec_dGVzdHNlY3JldA==";
    let headers = sign(&s, &[secret], b"{}", "", 0);
    assert_eq!(headers.len(), 1);
    assert_eq!(get(&headers, "X-Webhook-Token"), secret);
    assert!(verify(&s, &[secret], &headers, b"{}", 0).is_valid());
    // A real `Name=value` whose value has padding keeps it.
    let headers = sign(&s, &["X-Token=dG9rZW4="], b"{}", "", 0);
    assert_eq!(get(&headers, "X-Token"), "dG9rZW4=");
}

// ---- Property tests ------------------------------------------------------------

/// The schemes the properties run over, by name, for failure messages.
fn property_schemes() -> Vec<(&'static str, Scheme)> {
    vec![
        ("standard", scheme("standard")),
        ("github", scheme("github")),
        ("stripe", scheme("stripe")),
        ("shopify", scheme("shopify")),
        ("slack", scheme("slack")),
        ("hmac-hex", scheme("hmac")),
        ("hmac-b64-prefixed", hmac_b64_prefixed()),
        ("header", scheme("header")),
        ("workestra", scheme("workestra")),
        ("wheniwork", scheme("wheniwork")),
    ]
}

fn any_scheme() -> impl Strategy<Value = (&'static str, Scheme)> {
    proptest::sample::select(property_schemes())
}

/// A secret the scheme accepts: whsec_ + base64 of random key bytes for
/// standard; header-safe text (bare or `Name=value`) for header; any text
/// otherwise.
fn secret_for(s: &Scheme) -> BoxedStrategy<String> {
    match s {
        Scheme::Standard => prop::collection::vec(any::<u8>(), 1..64)
            .prop_map(|key| format!("whsec_{}", B64.encode(key)))
            .boxed(),
        Scheme::Header { .. } => prop_oneof![
            "[A-Za-z0-9_.~-]{1,40}",
            "X-[A-Za-z0-9]{1,10}=[A-Za-z0-9_.~=-]{1,30}",
        ]
        .boxed(),
        _ => "\\PC{1,40}".boxed(),
    }
}

/// A scheme with one signed delivery: secret, body, id, timestamp, headers.
#[derive(Debug, Clone)]
struct Signed {
    name: &'static str,
    scheme: Scheme,
    secret: String,
    body: Vec<u8>,
    timestamp: i64,
    headers: Vec<(String, String)>,
}

fn signed() -> impl Strategy<Value = Signed> {
    any_scheme().prop_flat_map(|(name, scheme)| {
        (
            secret_for(&scheme),
            prop::collection::vec(any::<u8>(), 0..512),
            "[A-Za-z0-9_-]{1,40}",
            1i64..4_000_000_000,
            Just((name, scheme)),
        )
            .prop_map(|(secret, body, id, timestamp, (name, scheme))| {
                let headers = scheme
                    .sign(
                        std::slice::from_ref(&secret),
                        &body,
                        &SignParams { id: &id, timestamp },
                    )
                    .expect("signing works");
                Signed {
                    name,
                    scheme,
                    secret,
                    body,
                    timestamp,
                    headers,
                }
            })
    })
}

impl Signed {
    fn verify_with(&self, headers: &[(String, String)], body: &[u8]) -> Verification {
        self.scheme.verify(
            std::slice::from_ref(&self.secret),
            &header_map(headers),
            body,
            self.timestamp,
            TOL,
        )
    }

    /// The index of the header that carries the digest (or the static value).
    fn signature_index(&self) -> usize {
        self.headers
            .iter()
            .position(|(name, _)| {
                !name.eq_ignore_ascii_case("webhook-id")
                    && !name.to_ascii_lowercase().contains("timestamp")
            })
            .expect("a signature header")
    }
}

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(96)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn prop_verify_accepts_what_sign_produced(d in signed()) {
        prop_assert_eq!(d.verify_with(&d.headers, &d.body), Verification::Valid, "{}", d.name);
    }

    #[test]
    fn prop_flipping_a_body_byte_fails(d in signed(), index in any::<prop::sample::Index>(), flip in 1u8..=255) {
        // A static header (awork) does not cover the body.
        prop_assume!(!d.body.is_empty() && !matches!(d.scheme, Scheme::Header { .. }));
        let mut body = d.body.clone();
        let i = index.index(body.len());
        body[i] ^= flip;
        let result = d.verify_with(&d.headers, &body);
        let sig_header = d.headers[d.signature_index()].0.clone();
        prop_assert_eq!(result, mismatch(&sig_header), "{}", d.name);
    }

    #[test]
    fn prop_changing_a_signature_byte_fails(
        d in signed(),
        index in any::<prop::sample::Index>(),
        replacement in 0x21u8..0x7f,
    ) {
        let mut headers = d.headers.clone();
        let sig = d.signature_index();
        let mut value = headers[sig].1.clone().into_bytes();
        let i = index.index(value.len());
        // Hex digests decode the same in either case, so a change of case is
        // no change of signature.
        prop_assume!(!value[i].eq_ignore_ascii_case(&replacement));
        value[i] = replacement;
        headers[sig].1 = String::from_utf8(value).unwrap();
        let result = d.verify_with(&headers, &d.body);
        prop_assert!(!result.is_valid(), "{}: {:?} accepted", d.name, headers[sig]);
    }

    #[test]
    fn prop_changing_the_timestamp_fails(d in signed(), delta in 1i64..=(TOL as i64), later in any::<bool>()) {
        prop_assume!(d.scheme.is_timestamped());
        let changed = if later { d.timestamp + delta } else { d.timestamp - delta };
        let mut headers = d.headers.clone();
        for (name, value) in headers.iter_mut() {
            if name.eq_ignore_ascii_case("Stripe-Signature") {
                *value = value.replacen(&format!("t={}", d.timestamp), &format!("t={changed}"), 1);
            } else if name.to_ascii_lowercase().contains("timestamp") {
                *value = changed.to_string();
            }
        }
        prop_assert_ne!(&headers, &d.headers);
        // Within the tolerance, so only the signature can reject it.
        let sig_header = d.headers[d.signature_index()].0.clone();
        prop_assert_eq!(d.verify_with(&headers, &d.body), mismatch(&sig_header), "{}", d.name);
    }
}

#[test]
fn an_undecodable_entry_beside_a_matching_one_still_verifies() {
    let secrets = vec!["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_string()];
    let body = br#"{"test": 2432232314}"#;
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "webhook-id",
        "msg_p5jXN8AQM9LWM0D4loKWxJek".parse().unwrap(),
    );
    headers.insert("webhook-timestamp", "1614265330".parse().unwrap());
    headers.insert(
        "webhook-signature",
        "v1,!!notbase64!! v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
            .parse()
            .unwrap(),
    );
    let v = Scheme::Standard.verify(&secrets, &headers, body, 1614265330, 300);
    assert!(v.is_valid(), "{v:?}");
    headers.insert("webhook-signature", "v1,!!notbase64!!".parse().unwrap());
    let v = Scheme::Standard.verify(&secrets, &headers, body, 1614265330, 300);
    assert!(
        matches!(v, Verification::Invalid(Failure::MalformedHeader { .. })),
        "{v:?}"
    );
}
