#!/usr/bin/env bash
# A long run of the relay codec's property tests (src/relay/protocol.rs):
# round trips of arbitrary frames, including fields at and over their
# limits; arbitrary and mangled bytes fed to the decoder; valid frames with
# garbage between them. CI runs 4,096 cases per property; this runs
# CASES (default 1,000,000) in a release build. Method: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-1000000}
PROPTEST_CASES=$CASES cargo test --release --locked --lib relay::protocol::tests -- --nocapture
