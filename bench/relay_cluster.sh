#!/usr/bin/env bash
# The relay cluster (issue 16), side by side in one run: a request that
# stays on the node holding its client against one that crosses to it
# through NATS, alternated over ROUNDS rounds.
#
#   bash bench/relay_cluster.sh [ROUNDS]
#
# Per round and path: open loop at RATE req/s (default 500) over 16
# connections for SECS seconds (latency from each request's scheduled
# start: p50/p99), CPU time per request of every process on the path (both
# relay nodes, the client and nats-server), and a closed loop at 32
# connections (req/s). Then memory: 3 nodes with IDLE (1,000) idle clients
# each, RSS per idle client per node, and the NATS subscriptions per client
# (from nats-server's monitoring /varz).
#
# HOOKS_BEFORE=FILE adds paths before-same and before-cross: another hooks
# build on two more nodes (its own channel, the same nats-server), in the
# same rounds.
#
# Needs nats-server (apt-get install nats-server) and the release build
# with the relay_load and relay_target examples
# (`cargo build --release --example relay_load --example relay_target`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
BIN=$PWD/target/release
RATE=${RATE:-500}
SECS=${SECS:-5}
IDLE=${IDLE:-1000}
command -v nats-server >/dev/null || { echo "needs nats-server: apt-get install nats-server" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
export HOOKS_DATA_DIR=$work/data HOOKS_CONFIG=$work/none.toml
: > "$HOOKS_CONFIG"

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
cpu_ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
rss_kib() { awk '/VmRSS/{print $2}' /proc/$1/status; }
hz=$(getconf CLK_TCK)

N=18950; M=18951
nats-server -js -a 127.0.0.1 -p $N -m $M -sd "$work/nats" >/dev/null 2>&1 &
nats=$!; wait_port $N
T=18952
"$BIN/examples/relay_target" $T & wait_port $T
node() { # binary port id
    "$1" relay serve --bind 127.0.0.1:$2 --rate-limit 0 --max-streams 4096 \
        --cluster nats://127.0.0.1:$N --node-id "$3" --data-dir "$work/$3" 2>/dev/null &
    wait_port $2
}
declare -A url procs
deploy() { # binary name port-a port-b: nodes a and b, the client on a
    node "$1" $3 "$2-a"; local pa=$!
    node "$1" $4 "$2-b"; local pb=$!
    HOOKS_DATA_DIR=$work/client-$2 "$1" relay connect --relay ws://127.0.0.1:$3 \
        --channel "bench-$2" --forward $T > "$work/url-$2" 2>/dev/null &
    local pc=$!
    for _ in $(seq 100); do [ -s "$work/url-$2" ] && break; sleep 0.1; done
    url[$2-same]=http://127.0.0.1:$3/c/bench-$2/x
    url[$2-cross]=http://127.0.0.1:$4/c/bench-$2/x
    procs[$2-same]="$pa $pb $pc $nats"
    procs[$2-cross]="$pa $pb $pc $nats"
}
A=18953; B=18954; C=18955
deploy "$BIN/hooks" now $A $B
a=$(echo ${procs[now-same]} | cut -d' ' -f1); b=$(echo ${procs[now-same]} | cut -d' ' -f2)
client=$(echo ${procs[now-same]} | cut -d' ' -f3)
paths="now-same now-cross"
if [ -n "${HOOKS_BEFORE:-}" ]; then
    deploy "$HOOKS_BEFORE" before 18956 18957
    paths="$paths before-same before-cross"
fi

echo "== $RATE req/s open loop, 16 connections, ${SECS}s; closed loop 32 connections; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    for path in $paths; do
        u=${url[$path]}
        "$BIN/examples/relay_load" max "$u" 4 1 >/dev/null  # warm up
        t0=$(cpu_ticks ${procs[$path]})
        out=$("$BIN/examples/relay_load" rate "$u" 16 "$SECS" "$RATE")
        t1=$(cpu_ticks ${procs[$path]})
        n=$(echo "$out" | awk '{print $1}')
        cpu=$(awk -v t=$((t1 - t0)) -v n="$n" -v hz="$hz" 'BEGIN{printf "%6.1f", t/hz/n*1e6}')
        max=$("$BIN/examples/relay_load" max "$u" 32 "$SECS")
        printf 'round %s %-12s cpu %s us/req | %s | closed loop %s\n' "$round" "$path" "$cpu" "$out" "$max"
    done
done

echo "== memory: 3 nodes, $IDLE idle clients each"
node "$BIN/hooks" $C now-c; c=$!
subs() { curl -s "http://127.0.0.1:$M/varz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["subscriptions"])'; }
kill $client
[ -n "${HOOKS_BEFORE:-}" ] && kill $(echo ${procs[before-same]} | cut -d' ' -f1-3)
sleep 1
s0=$(subs)
declare -A base
for p in $a $b $c; do base[$p]=$(rss_kib $p); done
for port in $A $B $C; do
    "$BIN/examples/relay_load" idle ws://127.0.0.1:$port "$IDLE" 20 >/dev/null &
done
sleep 12
s1=$(subs)
for p in $a $b $c; do
    now=$(rss_kib $p)
    echo "node pid $p: RSS ${base[$p]} KiB -> $now KiB: $(( (now - base[$p]) * 1024 / IDLE )) bytes per idle client"
done
echo "NATS subscriptions: $s0 -> $s1: $(awk -v a="$s0" -v b="$s1" -v n=$((3 * IDLE)) 'BEGIN{printf "%.2f", (b-a)/n}') per client"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
