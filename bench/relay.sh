#!/usr/bin/env bash
# Relay benchmark (issues 6 and 17): hooks relay against rathole and bore
# tunnelling to the same app (bench/relay_target.rs), with the direct path
# as the limit, side by side in one run. Paths:
#   direct        the load generator to the app
#   hooks         `hooks relay serve` + `hooks relay connect --forward APP`
#   hooks-before  (with HOOKS_BEFORE=FILE) the same with that hooks build
#   rathole       rathole server + client, a TCP service
#   bore          bore server + bore local
# For each path, alternated over ROUNDS rounds, 1 KiB POSTs
# (bench/relay_load.rs):
#   - open loop at RATE (3,000) req/s over 32 keep-alive connections: CPU
#     per request = utime+stime (/proc/PID/stat) of server and client
#     together over the run divided by the requests answered, and p50/p99
#     latency measured from each request's scheduled send time (corrected
#     for coordinated omission);
#   - closed loop, 32 keep-alive connections: req/s;
#   - closed loop, 32 connections, `Connection: close` on every request
#     (a new connection each): req/s.
# Then the medians, the ratios to rathole, bore and the direct path with the
# targets of issue 17, and the relay's memory per idle client.
#
# Usage: bash bench/relay.sh          (release build; 127.0.0.1 only)
# Environment: ROUNDS (3), SECS (5, seconds per open-loop run), MAXSECS (4,
# seconds per closed-loop run), RATE (3000), HOOKS_BEFORE (see above),
# BENCH_TOOLS (bench/.tools): where bin/bore and bin/rathole are, installed
# there from crates.io (`cargo install --root`) when missing, which the
# script says. Results and method: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
SECS=${SECS:-5}
MAXSECS=${MAXSECS:-4}
RATE=${RATE:-3000}
for v in "$ROUNDS" "$SECS" "$MAXSECS"; do
    [[ $v =~ ^[1-9][0-9]?$ ]] || { echo "bench: ROUNDS, SECS and MAXSECS are whole numbers from 1 to 99" >&2; exit 2; }
done
[[ $RATE =~ ^[1-9][0-9]{0,5}$ ]] || { echo "bench: RATE is requests per second, a whole number" >&2; exit 2; }
cargo build --release --quiet --bin hooks --example relay_load --example relay_target
BIN=$PWD/target/release
TOOLS=${BENCH_TOOLS:-$PWD/bench/.tools}
if [ ! -x "$TOOLS/bin/bore" ]; then
    echo "bench: bore is missing in $TOOLS; installing bore-cli 0.6 from crates.io (cargo install --root $TOOLS)"
    cargo install --quiet --root "$TOOLS" bore-cli --version '^0.6'
fi
if [ ! -x "$TOOLS/bin/rathole" ]; then
    echo "bench: rathole is missing in $TOOLS; installing rathole from crates.io, TCP only (cargo install --root $TOOLS)"
    cargo install --quiet --root "$TOOLS" rathole --no-default-features --features server,client
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
export HOOKS_DATA_DIR=$work/data HOOKS_CONFIG=$work/none.toml
: > "$HOOKS_CONFIG"
ulimit -n 8192 || true

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
# CPU time (user + system) that processes have used so far, in clock ticks.
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
rss_kib() { awk '/VmRSS/{print $2}' /proc/$1/status; }
hz=$(getconf CLK_TCK)
per_request() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN {printf "%.1f", 1e6 * t / hz / n}'; }

T=18900; R=18901; B=18902; RH=18903; RHC=18904; RB=18905
"$BIN/examples/relay_target" $T & wait_port $T
APP=$!

declare -A URLS PIDS
# start_hooks NAME BINARY PORT: a relay and a client forwarding to the target.
start_hooks() {
    local relay client
    "$2" relay serve --bind 127.0.0.1:$3 --rate-limit 0 --max-streams 4096 --data-dir "$work/relay-$1" ${4:-} 2>/dev/null &
    relay=$!; wait_port $3
    HOOKS_DATA_DIR=$work/data-$1 "$2" relay connect --relay ws://127.0.0.1:$3 --forward $T > "$work/url-$1" 2>/dev/null &
    client=$!
    for _ in $(seq 100); do [ -s "$work/url-$1" ] && break; sleep 0.1; done
    URLS[$1]="$(head -1 "$work/url-$1")/bench"
    PIDS[$1]="$relay $client"
}
# /metrics (read for the idle-memory step) is on the admin address.
ADMIN=18906
start_hooks hooks "$BIN/hooks" $R "--admin-bind 127.0.0.1:$ADMIN"
RELAY=${PIDS[hooks]%% *}
PATHS="direct hooks"
if [ -n "${HOOKS_BEFORE:-}" ]; then
    start_hooks hooks-before "$HOOKS_BEFORE" $RB
    PATHS="$PATHS hooks-before"
fi
PATHS="$PATHS rathole bore"

"$TOOLS/bin/bore" server --bind-addr 127.0.0.1 --min-port $B --max-port $B >/dev/null 2>&1 &
bore_server=$!; wait_port 7835
"$TOOLS/bin/bore" local $T --local-host 127.0.0.1 --to 127.0.0.1 --port $B >/dev/null 2>&1 &
PIDS[bore]="$bore_server $!"; wait_port $B

cat > "$work/rs.toml" <<T
[server]
bind_addr = "127.0.0.1:$RHC"
[server.services.bench]
token = "bench"
bind_addr = "127.0.0.1:$RH"
T
cat > "$work/rc.toml" <<T
[client]
remote_addr = "127.0.0.1:$RHC"
[client.services.bench]
token = "bench"
local_addr = "127.0.0.1:$T"
T
"$TOOLS/bin/rathole" --server "$work/rs.toml" >/dev/null 2>&1 &
rathole_server=$!
"$TOOLS/bin/rathole" --client "$work/rc.toml" >/dev/null 2>&1 &
PIDS[rathole]="$rathole_server $!"; wait_port $RH
sleep 1

URLS+=([direct]="http://127.0.0.1:$T/bench" [bore]="http://127.0.0.1:$B/bench" [rathole]="http://127.0.0.1:$RH/bench")
PIDS[direct]=
echo "== load average at the start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "== 1 KiB POSTs; $ROUNDS rounds, paths alternated in each ($PATHS); open loop ${SECS}s at $RATE req/s" \
    "over 32 connections; closed loop ${MAXSECS}s, 32 connections"
results=$work/results
: > "$results"
for round in $(seq "$ROUNDS"); do
    for name in $PATHS; do
        url=${URLS[$name]}
        "$BIN/examples/relay_load" max "$url" 4 1 >/dev/null  # warm up
        p0=$(cpu_ticks ${PIDS[$name]}); a0=$(cpu_ticks $APP)
        out=$("$BIN/examples/relay_load" rate "$url" 32 "$SECS" "$RATE")
        n=$(echo "$out" | awk '{print $1}')
        app_cpu=$(per_request $(( $(cpu_ticks $APP) - a0 )) "$n")
        path_cpu=-
        if [ -n "${PIDS[$name]}" ]; then
            path_cpu=$(per_request $(( $(cpu_ticks ${PIDS[$name]}) - p0 )) "$n")
            echo "$name cpu $path_cpu" >> "$results"
        fi
        echo "$name app $app_cpu" >> "$results"
        echo "$name p50 $(echo "$out" | sed -E 's/.*p50 ([0-9.]+) ms.*/\1/')" >> "$results"
        echo "$name p99 $(echo "$out" | sed -E 's/.*p99 ([0-9.]+) ms.*/\1/')" >> "$results"
        printf 'round %s %-12s CPU %6s us/req (app %s), %s\n' "$round" "$name" "$path_cpu" "$app_cpu" "$out"
        for mode in keepalive close; do
            close=0; [ $mode = close ] && close=1
            out=$(LOAD_CLOSE=$close "$BIN/examples/relay_load" max "$url" 32 "$MAXSECS")
            echo "$name $mode $(echo "$out" | awk '{print $1}')" >> "$results"
            printf 'round %s %-12s %-10s %s\n' "$round" "$name" "$mode" "$out"
        done
    done
done
echo "== load average at the end of the rounds: $(cut -d' ' -f1-3 /proc/loadavg)"
checks=(
    "hooks/rathole cpu <= 1.0"
    "hooks/rathole keepalive >= 0.9"
    "hooks/bore keepalive >= 0.9"
    "hooks/direct close >= 0.85"
)
[ -n "${HOOKS_BEFORE:-}" ] && checks+=("hooks/hooks-before cpu <= 1.0" "hooks/hooks-before keepalive >= 1.0" "hooks/hooks-before close >= 1.0")
python3 bench/summary.py "$results" "${PATHS// /,}" \
    "cpu=CPU/req at $RATE/s,p50=p50,p99=p99,app=app CPU/req,keepalive=keep-alive 32,close=Connection: close 32" \
    rathole,bore,direct "${checks[@]}"

echo "== relay memory with 1,000 idle clients"
base=$(rss_kib $RELAY)
"$BIN/examples/relay_load" idle ws://127.0.0.1:$R 1000 15 >/dev/null &
IDLE=$!
for _ in $(seq 150); do
    n=$(curl -s http://127.0.0.1:$ADMIN/metrics | awk '/^hooks_relay_tunnels /{print $2}')
    [ "${n:-0}" -ge 1001 ] && break; sleep 0.1
done
sleep 2
loaded=$(rss_kib $RELAY)
echo "tunnels: $n; relay RSS $base KiB -> $loaded KiB: $(( (loaded-base)*1024/1000 )) bytes per idle client (target < 65,536)"
wait $IDLE || true
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
