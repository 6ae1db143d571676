#!/usr/bin/env bash
# Relay and client CPU per request of two or more hooks builds, alternated
# in one session (issue 6). Each build gets its own relay and client
# forwarding to one target; `relay_load rate` drives each at the same fixed
# rate (open loop), so every build batches alike, and utime+stime of the
# relay and the client over the run is divided by the requests sent.
#
#   bash bench/relay_cpu.sh [ROUNDS] BINARY...
#
# RATE (default 6000 req/s), CONNS (32) and SECS (5) can be set in the
# environment. Needs the relay_load and relay_target examples built
# (`cargo build --release --example relay_load --example relay_target`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=$1
shift
BIN=$PWD/target/release
RATE=${RATE:-6000}
CONNS=${CONNS:-32}
SECS=${SECS:-5}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
export HOOKS_DATA_DIR=$work/data HOOKS_CONFIG=$work/none.toml
: > "$HOOKS_CONFIG"

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
cpu_ticks() { awk '{print $14+$15}' /proc/$1/stat; }

T=18910
"$BIN/examples/relay_target" $T & wait_port $T
bins=("$@"); relays=(); clients=(); urls=()
port=18911
for bin in "$@"; do
    "$bin" relay serve --bind 127.0.0.1:$port --rate-limit 0 --max-streams 4096 --data-dir "$work/relay-$port" 2>/dev/null &
    relays+=($!); wait_port $port
    HOOKS_DATA_DIR=$work/data-$port "$bin" relay connect --relay ws://127.0.0.1:$port --forward $T > "$work/url-$port" 2>/dev/null &
    clients+=($!)
    for _ in $(seq 100); do [ -s "$work/url-$port" ] && break; sleep 0.1; done
    urls+=("$(head -1 "$work/url-$port")/bench")
    port=$((port + 1))
done
hz=$(getconf CLK_TCK)
echo "== $RATE req/s, $CONNS connections, ${SECS}s per run; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    for i in "${!urls[@]}"; do
        "$BIN/examples/relay_load" max "${urls[$i]}" 4 1 >/dev/null  # warm up
        r0=$(cpu_ticks ${relays[$i]}); c0=$(cpu_ticks ${clients[$i]})
        out=$("$BIN/examples/relay_load" rate "${urls[$i]}" $CONNS $SECS $RATE)
        r1=$(cpu_ticks ${relays[$i]}); c1=$(cpu_ticks ${clients[$i]})
        n=$(echo "$out" | awk '{print $1}')
        name=$(basename "${bins[$i]}")
        cpu=$(awk -v r=$((r1-r0)) -v c=$((c1-c0)) -v n="$n" -v hz="$hz" \
            'BEGIN{printf "relay %5.1f us/req, client %5.1f us/req", r/hz/n*1e6, c/hz/n*1e6}')
        printf 'round %s %-24s %s (%s)\n' "$round" "$name" "$cpu" "$out"
    done
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
