#!/usr/bin/env bash
# Relay benchmark (issue 6): hooks relay vs bore and rathole tunnelling to
# the same target, with the direct path as the limit, all in one run.
# Needs the relay_load and relay_target examples here,
# and bore + rathole (`cargo install bore-cli rathole`, or BENCH_TOOLS=DIR
# with bin/bore and bin/rathole). Results and method: BENCHMARKS.md.
# SECS (default 10): seconds per measurement. CONNS (default "8 32 128"):
# the numbers of connections the closed loop is measured at. ROUNDS
# (default 3): rounds per number of connections, the paths alternated in
# each; the summary gives the medians. HOOKS_BEFORE=FILE: see below.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin hooks --example relay_load --example relay_target
BIN=$PWD/target/release
TOOLS=${BENCH_TOOLS:-$HOME/.cargo}/bin
SECS=${SECS:-10}
CONNS=${CONNS:-"8 32 128"}
ROUNDS=${ROUNDS:-3}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
export HOOKS_DATA_DIR=$work/data HOOKS_CONFIG=$work/none.toml
: > "$HOOKS_CONFIG"
ulimit -n 8192 || true

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
cpu_ticks() { awk '{print $14+$15}' /proc/$1/stat; }
rss_kib() { awk '/VmRSS/{print $2}' /proc/$1/status; }

T=18900; R=18901; B=18902; RH=18903; RHC=18904; RB=18905
"$BIN/examples/relay_target" $T & wait_port $T

declare -A URLS RELAYS CLIENTS
# start_hooks NAME BINARY PORT: a relay and a client forwarding to the target.
start_hooks() {
    "$2" relay serve --bind 127.0.0.1:$3 --rate-limit 0 --max-streams 4096 --data-dir "$work/relay-$1" 2>/dev/null &
    RELAYS[$1]=$!; wait_port $3
    HOOKS_DATA_DIR=$work/data-$1 "$2" relay connect --relay ws://127.0.0.1:$3 --forward $T > "$work/url-$1" 2>/dev/null &
    CLIENTS[$1]=$!
    for _ in $(seq 100); do [ -s "$work/url-$1" ] && break; sleep 0.1; done
    URLS[$1]="$(head -1 "$work/url-$1")/bench"
}
start_hooks hooks "$BIN/hooks" $R
PATHS="direct hooks"
# HOOKS_BEFORE=FILE: also measure another hooks build (e.g. the previous
# commit's) side by side, as path "hooks-before".
if [ -n "${HOOKS_BEFORE:-}" ]; then
    start_hooks hooks-before "$HOOKS_BEFORE" $RB
    PATHS="$PATHS hooks-before"
fi
RELAY=${RELAYS[hooks]}
PATHS="$PATHS bore rathole"

"$TOOLS/bore" server --bind-addr 127.0.0.1 --min-port $B --max-port $B >/dev/null 2>&1 & wait_port 7835
"$TOOLS/bore" local $T --local-host 127.0.0.1 --to 127.0.0.1 --port $B >/dev/null 2>&1 & wait_port $B

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
"$TOOLS/rathole" --server "$work/rs.toml" >/dev/null 2>&1 &
"$TOOLS/rathole" --client "$work/rc.toml" >/dev/null 2>&1 & wait_port $RH
sleep 1

URLS+=([direct]="http://127.0.0.1:$T/bench" [bore]="http://127.0.0.1:$B/bench" [rathole]="http://127.0.0.1:$RH/bench")
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== max throughput, 1 KiB POSTs, ${SECS}s per measurement; connections: $CONNS; $ROUNDS rounds, the paths alternated in each"
: > "$work/max"
for conns in $CONNS; do
    for round in $(seq "$ROUNDS"); do
        for name in $PATHS; do
            "$BIN/examples/relay_load" max "${URLS[$name]}" 4 2 >/dev/null  # warm up
            if [ -n "${RELAYS[$name]:-}" ]; then
                r0=$(cpu_ticks ${RELAYS[$name]}); c0=$(cpu_ticks ${CLIENTS[$name]})
            fi
            out=$("$BIN/examples/relay_load" max "${URLS[$name]}" "$conns" "$SECS")
            reqs=$(echo "$out" | sed -E 's/.*\(([0-9]+) requests\)/\1/')
            extra=""
            if [ -n "${RELAYS[$name]:-}" ]; then
                r1=$(cpu_ticks ${RELAYS[$name]}); c1=$(cpu_ticks ${CLIENTS[$name]})
                extra=$(awk -v r=$((r1-r0)) -v c=$((c1-c0)) -v n="$reqs" -v hz="$(getconf CLK_TCK)" \
                    'BEGIN{printf ", relay CPU %.1f us/request, client CPU %.1f us/request", r/hz/n*1e6, c/hz/n*1e6}')
            fi
            printf '%-12s %4s conns, round %s: %s%s\n' "$name" "$conns" "$round" "$out" "$extra"
            echo "$name $conns $((reqs / SECS))" >> "$work/max"
        done
    done
done
# Medians per path and number of connections, each path's peak (the
# highest median over the numbers of connections), and hooks' ratios.
echo "== medians of $ROUNDS rounds (req/s)"
awk -v paths="$PATHS" -v levels="$CONNS" '
    { v[$1" "$2] = v[$1" "$2] " " $3 }
    function median(list,   a, n, i, j, t) {
        n = split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j+1] = a[j]; a[j+1] = t }
        return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
    }
    END {
        np = split(paths, p, " "); nl = split(levels, l, " ")
        printf "%-12s", "connections"; for (j = 1; j <= nl; j++) printf " %9s", l[j]; printf " %9s\n", "peak"
        for (i = 1; i <= np; i++) {
            printf "%-12s", p[i]; peak[p[i]] = 0
            for (j = 1; j <= nl; j++) {
                m[p[i]" "l[j]] = median(v[p[i]" "l[j]]); printf " %9d", m[p[i]" "l[j]]
                if (m[p[i]" "l[j]] > peak[p[i]]) peak[p[i]] = m[p[i]" "l[j]]
            }
            printf " %9d\n", peak[p[i]]
        }
        for (i = 1; i <= np; i++) {
            if (p[i] !~ /^hooks/) continue
            for (k = 1; k <= 2; k++) {
                ref = k == 1 ? "bore" : "rathole"
                printf "%-12s", p[i] "/" ref
                for (j = 1; j <= nl; j++) printf " %8.1f%%", 100 * m[p[i]" "l[j]] / m[ref" "l[j]]
                printf " %8.1f%%\n", 100 * peak[p[i]] / peak[ref]
            }
        }
    }' "$work/max"

echo "== latency at 500 req/s, 1 KiB POSTs, 16 connections, ${SECS}s, corrected for coordinated omission"
for name in $PATHS; do
    printf '%-12s %s\n' $name "$("$BIN/examples/relay_load" rate "${URLS[$name]}" 16 $SECS 500)"
done

echo "== relay memory with 1,000 idle clients"
base=$(rss_kib $RELAY)
"$BIN/examples/relay_load" idle ws://127.0.0.1:$R 1000 15 >/dev/null &
IDLE=$!
for _ in $(seq 150); do
    n=$(curl -s http://127.0.0.1:$R/metrics | awk '/^hooks_relay_tunnels /{print $2}')
    [ "${n:-0}" -ge 1001 ] && break; sleep 0.1
done
sleep 2
loaded=$(rss_kib $RELAY)
echo "tunnels: $n; relay RSS $base KiB -> $loaded KiB: $(( (loaded-base)*1024/1000 )) bytes per idle client"
wait $IDLE || true
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
