//! Sign + verify throughput of hooks' schemes on a 64 KiB body, side by side
//! with a bare `hmac` + `sha2` loop doing the same two HMACs (one to sign,
//! one to verify in constant time). Run: `cargo run --release --example
//! sign_throughput` (bench/run.sh does).

use hmac::{Hmac, Mac};
use hooks::signature::{Scheme, SignParams};
use sha2::Sha256;
use std::hint::black_box;
use std::time::{Duration, Instant};

const BODY_LEN: usize = 64 * 1024;
const ROUND: Duration = Duration::from_millis(400);
const ROUNDS: usize = 5;

fn main() {
    let body: Vec<u8> = (0..BODY_LEN).map(|i| (i * 31 % 251) as u8).collect();
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_string();
    let secrets = [secret.clone()];

    let baseline = best_of(|| {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(&body);
        let tag = mac.finalize().into_bytes();
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(&body);
        mac.verify_slice(&tag).is_ok()
    });
    println!(
        "{:<28} {:>10.1} MiB/s  (baseline: bare hmac+sha2, sign+verify)",
        "bare", baseline
    );

    let now = 1_700_000_000;
    for name in [
        "github",
        "workestra",
        "wheniwork",
        "stripe",
        "standard",
        "slack",
    ] {
        let scheme: Scheme = hooks::providers::get(name).unwrap().scheme;
        let rate = best_of(|| {
            let params = SignParams {
                id: "msg_1",
                timestamp: now,
            };
            let headers = scheme.sign(&secrets, &body, &params).unwrap();
            let mut map = http::HeaderMap::new();
            for (k, v) in headers {
                map.insert(
                    http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                    v.parse().unwrap(),
                );
            }
            scheme.verify(&secrets, &map, &body, now, 300).is_valid()
        });
        println!(
            "{:<28} {:>10.1} MiB/s  {:>5.1}% of baseline",
            format!("hooks {name}"),
            rate,
            rate / baseline * 100.0
        );
    }
}

/// The best of several timed rounds, in MiB/s of body signed and verified.
fn best_of(mut f: impl FnMut() -> bool) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            let mut n = 0u64;
            while start.elapsed() < ROUND {
                assert!(black_box(f()), "sign+verify must succeed");
                n += 1;
            }
            (n as f64 * BODY_LEN as f64) / (1024.0 * 1024.0) / start.elapsed().as_secs_f64()
        })
        .fold(0.0, f64::max)
}
