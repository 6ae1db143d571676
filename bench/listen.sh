#!/usr/bin/env bash
# Forwarding overhead of `hooks listen`, measured side by side in one run:
# wrk against the app directly, then against `hooks listen` forwarding to the
# same app (recording on, output to a file). The "app" is a second
# `hooks listen --no-record` with no --forward: a hyper server answering 200.
#
# Usage: bench/listen.sh [SECONDSs, e.g. 15s]   (needs wrk: apt-get install wrk)
# With BASELINE=/path/to/an/older/hooks, that binary is measured in the same
# run too (same app, same body), for before/after figures side by side.
# Two references are measured in the same run as well: `hooks listen
# --no-record` (what recording costs), and nginx as a reverse proxy to the
# same app (what a lean proxy that records nothing reaches on these cores;
# skipped when nginx is not installed: apt-get install nginx-light).
# Prints the figures recorded in BENCHMARKS.md.
set -euo pipefail

duration=${1:-15s}
[[ $duration =~ ^[0-9]+s$ ]] || { echo "bench: the duration is whole seconds, e.g. 15s" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
hooks="$root/target/release/hooks"
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -x "$hooks" ] || (cd "$root" && cargo build --release --quiet)

work=$(mktemp -d)
touch "$work/pids"
# start() runs in a subshell (`read … < <(start …)`), so the pids of what
# it started are kept in a file for the cleanup to stop.
cleanup() {
  while read -r p; do kill "$p" 2>/dev/null || true; done <"$work/pids"
  rm -rf "$work"
}
trap cleanup EXIT

export HOOKS_CONFIG="$work/config.toml" NO_COLOR=1
touch "$HOOKS_CONFIG"

# Starts `hooks listen ARGS` in the background; prints its pid and address.
start() {
  local name=$1; shift
  HOOKS_DATA_DIR="$work/$name" "${bin:-$hooks}" listen --port 0 "$@" \
    >"$work/$name.out" 2>"$work/$name.err" &
  local pid=$!
  echo "$pid" >>"$work/pids"
  for _ in $(seq 100); do
    addr=$(grep -o 'listening on http://[0-9.:]*' "$work/$name.err" 2>/dev/null | sed 's|.*http://||' || true)
    [ -n "$addr" ] && { echo "$pid $addr"; return; }
    sleep 0.1
  done
  echo "bench: $name did not start" >&2; exit 1
}

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# CPU time (user + system) a process has used so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# A 1 KiB JSON webhook body.
filler=$(head -c 940 /dev/zero | tr '\0' 'x')
body='{"id":"evt_bench","type":"contact.created","created_at":"2026-01-01T00:00:00Z","data":{"note":"'$filler'"}}'
printf '%s' "$body" >"$work/body.json"
# Signed, so that hooks listen verifies every delivery as it would in use.
signature=$("$hooks" sign --provider github --secret benchsecret "$work/body.json" | sed 's/^[^:]*: //')
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hub-Signature-256"] = "$signature"
wrk.body = '$body'
LUA
# The same at a fixed pace: each of 2 connections waits 4 ms between requests.
cp "$work/post.lua" "$work/paced.lua"
echo 'function delay() return 4 end' >>"$work/paced.lua"

read -r app_pid app < <(start app --provider none --no-record --format json)
proxy_args=(--provider github --secret benchsecret --forward "http://$app/" --format json --no-inspect)
read -r hooks_pid proxy < <(start proxy "${proxy_args[@]}")
if [ -n "${BASELINE:-}" ]; then
  read -r base_pid base < <(bin=$BASELINE start baseline "${proxy_args[@]}")
  echo "idle RSS of the baseline: $(( $(rss_kib "$base_pid") / 1024 )) MiB"
fi
read -r norec_pid norec < <(start norec "${proxy_args[@]}" --no-record)
nginx_addr=
if command -v nginx >/dev/null; then
  mkdir -p "$work/nginx"
  nginx_addr=127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  upstream app { server $app; keepalive 64; }
  server {
    listen $nginx_addr;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
NGINX
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>/dev/null &
  nginx_pid=$!
  echo "$nginx_pid" >>"$work/pids"
  for _ in $(seq 50); do [ -s "$work/nginx/nginx.pid" ] && break; sleep 0.1; done
fi
echo "body: $(wc -c <"$work/body.json") bytes; wrk -t2 -d$duration; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "idle RSS of hooks listen: $(( $(rss_kib "$hooks_pid") / 1024 )) MiB"

run() { wrk -t2 -c"$2" -d"$3" --latency -s "$work/$1" "http://$4/" 2>&1; }
summary() { awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} /^ +50%/ {p50=$2} END {printf "%s req/s, p50 %s, p99 %s\n", rps, p50, p99}'; }
rps() { awk '/Requests\/sec/ {print $2}'; }
requests() { awk '/requests in/ {print $1}'; }
# CPU microseconds per request that a process spent during a run; unlike
# req/s, this hardly depends on what else the two cores are doing.
per_request() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN {printf "%.1f", 1e6 * t / hz / n}'; }

# Throughput through one listener (name, pid, address), after the direct run.
through() {
  local a0 h0 out n
  a0=$(cpu_ticks "$app_pid"); h0=$(cpu_ticks "$2")
  out=$(run post.lua 32 "$duration" "$3")
  n=$(echo "$out" | requests)
  echo "$1: $(echo "$out" | summary), $(awk -v d="$d" -v t="$(echo "$out" | rps)" 'BEGIN {printf "%.0f%%", 100*t/d}') of direct;" \
    "CPU per request: proxy $(per_request $(( $(cpu_ticks "$2") - h0 )) "$n") us, app $(per_request $(( $(cpu_ticks "$app_pid") - a0 )) "$n") us"
}

echo "--- throughput (32 connections)"
a0=$(cpu_ticks "$app_pid")
direct=$(run post.lua 32 "$duration" "$app")
d=$(echo "$direct" | rps)
echo "direct: $(echo "$direct" | summary); CPU per request: app $(per_request $(( $(cpu_ticks "$app_pid") - a0 )) "$(echo "$direct" | requests)") us"
through "through hooks listen" "$hooks_pid" "$proxy"
[ -n "${BASELINE:-}" ] && through "through the baseline" "$base_pid" "$base"
through "through hooks listen --no-record" "$norec_pid" "$norec"
[ -n "$nginx_addr" ] && through "through nginx (reference)" "$(pgrep -P "$(cat "$work/nginx/nginx.pid")" | head -1)" "$nginx_addr"

echo "--- latency at a fixed pace (2 connections, 4 ms apart, ~450 req/s)"
echo "direct:  $(run paced.lua 2 "$duration" "$app" | summary)"
echo "through hooks listen: $(run paced.lua 2 "$duration" "$proxy" | summary)"
[ -n "${BASELINE:-}" ] && echo "through the baseline: $(run paced.lua 2 "$duration" "$base" | summary)"
echo "through hooks listen --no-record: $(run paced.lua 2 "$duration" "$norec" | summary)"
[ -n "$nginx_addr" ] && echo "through nginx (reference): $(run paced.lua 2 "$duration" "$nginx_addr" | summary)"

# The target's own figure: exactly 500 req/s over 16 connections, each
# latency measured from the request's scheduled start (corrected for
# coordinated omission), with the relay benchmark's load generator.
load="$root/target/release/examples/relay_load"
[ -x "$load" ] || (cd "$root" && cargo build --release --quiet --example relay_load)
at500() { LOAD_BODY="$work/body.json" LOAD_HEADER="X-Hub-Signature-256: $signature" "$load" rate "http://$1/" 16 "${duration%s}" 500; }
echo "--- latency at 500 req/s, open loop, corrected (16 connections)"
echo "direct: $(at500 "$app")"
echo "through hooks listen: $(at500 "$proxy")"
[ -n "${BASELINE:-}" ] && echo "through the baseline: $(at500 "$base")"
echo "through hooks listen --no-record: $(at500 "$norec")"
[ -n "$nginx_addr" ] && echo "through nginx (reference): $(at500 "$nginx_addr")"

echo "--- memory"
recorded=$(sqlite3 "$work/proxy/deliveries.db" 'select max(id) from deliveries' 2>/dev/null || echo "?")
echo "deliveries handled by hooks listen so far: $recorded"
while [ "$recorded" != "?" ] && [ "$recorded" -lt 100000 ]; do
  run post.lua 32 10s "$proxy" >/dev/null
  recorded=$(sqlite3 "$work/proxy/deliveries.db" 'select max(id) from deliveries')
done
echo "RSS after $recorded deliveries: $(( $(rss_kib "$hooks_pid") / 1024 )) MiB"
echo "lines of JSON output written: $(wc -l <"$work/proxy.out")"
