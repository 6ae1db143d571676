#!/usr/bin/env bash
# Relay offline-queue drain benchmark (issue 14, item 6): N small requests
# are queued while the channel's client is offline, then the client
# connects and the time until the relay counts them all delivered is taken.
# Prints the drain rate in requests per second. Results and method:
# BENCHMARKS.md, "Relay queue drain".
# N (default 5000): requests queued. BODY (default 64): bytes per body.
# HOOKS_BIN=FILE: measure that hooks binary instead of this tree's release
# build (e.g. an older commit's, for a before/after).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin hooks --example relay_target
BIN=${HOOKS_BIN:-$PWD/target/release/hooks}
TARGET=$PWD/target/release/examples/relay_target
N=${N:-5000}
BODY=${BODY:-64}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
export HOOKS_DATA_DIR=$work/data HOOKS_CONFIG=$work/none.toml
: > "$HOOKS_CONFIG"

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
metric() { curl -s "http://127.0.0.1:$ADMIN/metrics" | awk -v m="$1" '$1 == m {print $2}'; }

T=18910; R=18911; ADMIN=18912
"$TARGET" $T & wait_port $T
"$BIN" relay serve --bind 127.0.0.1:$R --rate-limit 0 --queue-limit $((N + 10)) \
    --admin-bind 127.0.0.1:$ADMIN --data-dir "$work/relay" 2>/dev/null &
wait_port $R

# Claim the channel, then take the client away.
"$BIN" relay connect --relay ws://127.0.0.1:$R --channel bench --forward $T > "$work/url" 2>/dev/null &
client=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
kill $client; wait $client 2>/dev/null || true
URL="http://127.0.0.1:$R/c/bench/queued"
for _ in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -d probe "$URL")" = 202 ] && break
    sleep 0.1
done

# Queue N requests over one keep-alive connection.
head -c "$BODY" /dev/zero | tr '\0' x > "$work/body"
for i in $(seq "$N"); do
    printf 'url = "%s/%d"\noutput = /dev/null\n' "$URL" "$i"
done > "$work/curl.cfg"
curl -s -K "$work/curl.cfg" --data-binary @"$work/body" -w '%{http_code}\n' | sort | uniq -c > "$work/codes"
echo "== queued: $(tr -s ' ' < "$work/codes" | tr '\n' ' ')(status counts)"
depth=$(metric hooks_relay_queue_depth)
echo "== queue depth: $depth; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

start=$(date +%s.%N)
"$BIN" relay connect --relay ws://127.0.0.1:$R --channel bench --forward $T > /dev/null 2>&1 &
for _ in $(seq 6000); do
    [ "$(metric hooks_relay_queue_depth)" = 0 ] && break
    sleep 0.01
done
end=$(date +%s.%N)
delivered=$(metric hooks_relay_queue_delivered_total)
awk -v d="$delivered" -v s="$start" -v e="$end" \
    'BEGIN { t = e - s; printf "== drained %d requests in %.2f s: %.0f requests/s (client start included)\n", d, t, d / t }'
