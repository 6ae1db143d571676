#!/usr/bin/env bash
# Forwarding cost of `hooks listen` against nginx and the direct path, side by
# side in one run (issue 17). Paths, each to the same app
# (bench/relay_target.rs, answers 200 "ok"):
#   direct   the load generator to the app
#   hooks    `hooks listen --provider github --forward APP --format json`,
#            recording (SQLite in a temp data dir), JSON lines to a file
#   norec    the same with --no-record
#   nginx    nginx (Debian nginx-light) as a keep-alive reverse proxy,
#            recording nothing, one worker
#   baseline (with BASELINE=/path/to/an/older/hooks) that build, recording
# For each path, alternated over ROUNDS rounds:
#   - open loop at 2,000 and at 500 req/s over 32 keep-alive connections
#     (bench/relay_load.rs rate): CPU per request = utime+stime
#     (/proc/PID/stat) of the path's processes (hooks listen, or nginx's
#     master and worker) over the run divided by the requests answered,
#     the app's the same way, and p50/p99 latency measured from each
#     request's scheduled send time (corrected for coordinated omission);
#   - closed loop, 32 keep-alive connections: req/s;
#   - closed loop, 32 connections, `Connection: close` on every request
#     (a new connection each): req/s.
# Then the medians, the ratios to nginx and to the direct path with the
# targets of issue 17, idle memory and memory after 100,000 deliveries.
# The body is a signed 1,038-byte JSON webhook, verified by hooks.
#
# Usage: bench/listen.sh            (release build; 127.0.0.1 only)
# Environment: ROUNDS (3), SECS (5, seconds per open-loop run), MAXSECS (4,
# seconds per closed-loop run), BASELINE (see above), MEMORY=0 to skip the
# 100,000 deliveries. Installs nginx-light with apt-get when nginx is
# missing, and says so. Results and method: BENCHMARKS.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}
SECS=${SECS:-5}
MAXSECS=${MAXSECS:-4}
for v in "$ROUNDS" "$SECS" "$MAXSECS"; do
  [[ $v =~ ^[1-9][0-9]?$ ]] || { echo "bench: ROUNDS, SECS and MAXSECS are whole numbers from 1 to 99" >&2; exit 2; }
done
(cd "$root" && cargo build --release --quiet --bin hooks --example relay_load --example relay_target)
hooks="$root/target/release/hooks"
load="$root/target/release/examples/relay_load"
if ! command -v nginx >/dev/null; then
  echo "bench: nginx is missing; installing Debian's nginx-light (apt-get install nginx-light)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi

work=$(mktemp -d)
touch "$work/pids"
cleanup() {
  while read -r p; do kill "$p" 2>/dev/null || true; done <"$work/pids"
  rm -rf "$work"
}
trap cleanup EXIT
export HOOKS_CONFIG="$work/config.toml" NO_COLOR=1
touch "$HOOKS_CONFIG"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "bench: port $1 never opened" >&2; exit 1; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# CPU time (user + system) that processes have used so far, in clock ticks.
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
hz=$(getconf CLK_TCK)
per_request() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN {printf "%.1f", 1e6 * t / hz / n}'; }

# Starts `hooks listen ARGS` in the background (binary $bin or hooks);
# prints its pid and address.
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

# A 1 KiB JSON webhook body, signed, so that hooks listen verifies every
# delivery as it would in use.
filler=$(head -c 940 /dev/zero | tr '\0' 'x')
printf '%s' '{"id":"evt_bench","type":"contact.created","created_at":"2026-01-01T00:00:00Z","data":{"note":"'"$filler"'"}}' >"$work/body.json"
signature=$("$hooks" sign --provider github --secret benchsecret "$work/body.json" | sed 's/^[^:]*: //')
export LOAD_BODY="$work/body.json" LOAD_HEADER="X-Hub-Signature-256: $signature"

app_port=$(free_port)
"$root/target/release/examples/relay_target" "$app_port" &
app_pid=$!
echo "$app_pid" >>"$work/pids"
wait_port "$app_port"
app=127.0.0.1:$app_port

declare -A ADDR PIDS
ADDR[direct]=$app
PIDS[direct]=
paths="direct hooks norec nginx"
proxy_args=(--provider github --secret benchsecret --forward "http://$app/" --format json --no-inspect)
read -r hooks_pid ADDR[hooks] < <(start hooks "${proxy_args[@]}")
PIDS[hooks]=$hooks_pid
read -r PIDS[norec] ADDR[norec] < <(start norec "${proxy_args[@]}" --no-record)
if [ -n "${BASELINE:-}" ]; then
  read -r PIDS[baseline] ADDR[baseline] < <(bin=$BASELINE start baseline "${proxy_args[@]}")
  paths="$paths baseline"
fi

mkdir -p "$work/nginx"
ADDR[nginx]=127.0.0.1:$(free_port)
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  # nginx closes a keep-alive connection after 1,000 requests by default;
  # the load generator's connections are kept for the whole run.
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  upstream app { server $app; keepalive 64; }
  server {
    listen ${ADDR[nginx]};
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
wait_port "${ADDR[nginx]##*:}"
PIDS[nginx]="$nginx_pid $(pgrep -P "$nginx_pid" | tr '\n' ' ')"

echo "== load average at the start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "== body $(wc -c <"$work/body.json") bytes; $ROUNDS rounds, paths alternated in each ($paths);" \
  "open loop ${SECS}s at 2,000 and 500 req/s over 32 connections; closed loop ${MAXSECS}s, 32 connections"
echo "== idle RSS of hooks listen: $(( $(rss_kib "$hooks_pid") / 1024 )) MiB"

results=$work/results
: >"$results"
# at NAME RATE ROUND: one open-loop run; records CPU per request and latency.
at() {
  local name=$1 rate=$2 p0 a0 out n p50 p99
  p0=$(cpu_ticks ${PIDS[$name]}); a0=$(cpu_ticks "$app_pid")
  out=$("$load" rate "http://${ADDR[$name]}/" 32 "$SECS" "$rate")
  n=$(echo "$out" | awk '{print $1}')
  p50=$(echo "$out" | sed -E 's/.*p50 ([0-9.]+) ms.*/\1/')
  p99=$(echo "$out" | sed -E 's/.*p99 ([0-9.]+) ms.*/\1/')
  local app_cpu path_cpu=-
  app_cpu=$(per_request $(( $(cpu_ticks "$app_pid") - a0 )) "$n")
  if [ -n "${PIDS[$name]}" ]; then
    path_cpu=$(per_request $(( $(cpu_ticks ${PIDS[$name]}) - p0 )) "$n")
    echo "$name cpu@$rate $path_cpu" >>"$results"
  fi
  echo "$name app@$rate $app_cpu" >>"$results"
  echo "$name p50@$rate $p50" >>"$results"
  echo "$name p99@$rate $p99" >>"$results"
  printf 'round %s %-8s %5s req/s: CPU %6s us/req (app %s), %s\n' "$3" "$name" "$rate" "$path_cpu" "$app_cpu" "$out"
}
# closed NAME METRIC ROUND [ENV...]: one closed-loop run; records req/s.
closed() {
  local name=$1 metric=$2 round=$3 out; shift 3
  out=$(env "$@" "$load" max "http://${ADDR[$name]}/" 32 "$MAXSECS")
  echo "$name $metric $(echo "$out" | awk '{print $1}')" >>"$results"
  printf 'round %s %-8s %-10s %s\n' "$round" "$name" "$metric" "$out"
}

for round in $(seq "$ROUNDS"); do
  for name in $paths; do
    "$load" max "http://${ADDR[$name]}/" 4 1 >/dev/null  # warm up
    at "$name" 2000 "$round"
    at "$name" 500 "$round"
    closed "$name" keepalive "$round" LOAD_CLOSE=0
    closed "$name" close "$round" LOAD_CLOSE=1
  done
done
echo "== load average at the end of the rounds: $(cut -d' ' -f1-3 /proc/loadavg)"

checks=(
  "hooks/nginx cpu@2000 <= 2.0"
  "norec/nginx cpu@2000 <= 1.3"
  "hooks-direct p99@2000 <= 1.0"
  "hooks-direct p99@500 <= 0.5"
  "norec-direct p99@2000 <= 1.0"
  "norec-direct p99@500 <= 0.5"
)
[ -n "${BASELINE:-}" ] && checks+=("hooks/baseline cpu@2000 <= 1.0" "hooks/baseline cpu@500 <= 1.0")
python3 "$root/bench/summary.py" "$results" "${paths// /,}" \
  "cpu@2000=CPU/req at 2000/s,p50@2000=p50,p99@2000=p99,cpu@500=CPU/req at 500/s,p50@500=p50,p99@500=p99,app@2000=app CPU/req,keepalive=keep-alive 32,close=Connection: close 32" \
  nginx,direct "${checks[@]}"

if [ "${MEMORY:-1}" != 0 ]; then
  echo "== memory"
  recorded=$(sqlite3 "$work/hooks/deliveries.db" 'select max(id) from deliveries')
  for _ in $(seq 30); do
    [ "$recorded" -ge 100000 ] && break
    "$load" max "http://${ADDR[hooks]}/" 32 5 >/dev/null
    recorded=$(sqlite3 "$work/hooks/deliveries.db" 'select max(id) from deliveries')
  done
  echo "RSS of hooks listen after $recorded deliveries: $(( $(rss_kib "$hooks_pid") / 1024 )) MiB"
fi
