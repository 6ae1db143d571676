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
const ROUNDS: usize = 7;

fn main() {
    let body: Vec<u8> = (0..BODY_LEN).map(|i| (i * 31 % 251) as u8).collect();
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_string();
    let secrets = [secret.clone()];

    let mut bare = || {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(&body);
        let tag = mac.finalize().into_bytes();
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(&body);
        mac.verify_slice(&tag).is_ok()
    };
    println!(
        "{:<20} {:>12} {:>12} {:>10}",
        "scheme", "bare MiB/s", "hooks MiB/s", "ratio"
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
        let mut hooks_round = || {
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
        };
        // Alternate baseline and hooks rounds so that load from other
        // processes falls on both alike; keep the best round of each.
        let (mut best_bare, mut best_hooks) = (0.0f64, 0.0f64);
        for _ in 0..ROUNDS {
            best_bare = best_bare.max(round(&mut bare));
            best_hooks = best_hooks.max(round(&mut hooks_round));
        }
        println!(
            "{:<20} {:>12.1} {:>12.1} {:>9.1}%",
            format!("hooks {name}"),
            best_bare,
            best_hooks,
            best_hooks / best_bare * 100.0
        );
    }
}

/// One timed round, in MiB/s of body signed and verified.
fn round(f: &mut impl FnMut() -> bool) -> f64 {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < ROUND {
        assert!(black_box(f()), "sign+verify must succeed");
        n += 1;
    }
    (n as f64 * BODY_LEN as f64) / (1024.0 * 1024.0) / start.elapsed().as_secs_f64()
}
