#!/usr/bin/env bash
# Load-independent counts per delivery for `hooks listen --forward`, recording
# and `--no-record`: user-space instructions (valgrind callgrind), system
# calls (strace -c -f) and heap allocations (valgrind dhat). Unlike CPU time,
# these do not depend on what else runs on the machine, so they compare
# changes on a busy one. Each count is taken at two numbers of deliveries,
# N1 and N2, and reported as (count at N2 - count at N1) / (N2 - N1): the
# start-up and the exit cancel out.
#
# Usage: bench/listen_profile.sh [record|norecord ...]   (default: both)
# Environment: HOOKS=path/to/hooks (default: the `profiling` build, made if
# missing), PROFILE (profiling; `release` takes the load generator and the
# app from the release build, for totals of stripped release binaries), RATE (deliveries/s, default 50), S1 and S2 (seconds of load for
# N1 = RATE*S1 and N2 = RATE*S2; default 1 and 6), RETENTION (--retention,
# default 2048), KEEP=dir to keep the raw outputs (callgrind files, strace
# tables) there. Every recording run starts from the same store, filled
# beforehand (without valgrind) with 2,500 deliveries, past the retention,
# so that each delivery also pays its share of deleting the oldest, as in
# steady use.
# One connection, one delivery at a time (each is its own group commit: the
# worst case for the store's grouping), the signed 1 KiB JSON body of
# bench/listen.sh, the app is bench/relay_target.rs, JSON lines to a file.
# Needs valgrind and strace (apt-get install valgrind strace).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(record norecord)
rate=${RATE:-50}
s1=${S1:-1}
s2=${S2:-6}
retention=${RETENTION:-2048}
n1=$((rate * s1))
n2=$((rate * s2))
for tool in valgrind strace callgrind_annotate; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
done
profile=${PROFILE:-profiling}
if [ -z "${HOOKS:-}" ]; then
  (cd "$root" && cargo build --quiet --profile "$profile" --bin hooks)
  HOOKS="$root/target/$profile/hooks"
fi
(cd "$root" && cargo build --quiet --profile "$profile" --example relay_load --example relay_target)
load="$root/target/$profile/examples/relay_load"
target="$root/target/$profile/examples/relay_target"

work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
export HOOKS_CONFIG="$work/config.toml" NO_COLOR=1
touch "$HOOKS_CONFIG"

filler=$(head -c 940 /dev/zero | tr '\0' 'x')
printf '%s' '{"id":"evt_bench","type":"contact.created","created_at":"2026-01-01T00:00:00Z","data":{"note":"'"$filler"'"}}' >"$work/body.json"
signature=$("$HOOKS" sign --provider github --secret benchsecret "$work/body.json" | sed 's/^[^:]*: //')
export LOAD_BODY="$work/body.json" LOAD_HEADER="X-Hub-Signature-256: $signature"

app_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$target" "$app_port" &
app_pid=$!
sleep 0.3

# run NAME MODE N TOOL...: `hooks listen` under TOOL until N deliveries were
# handled (--exit-after), with the loader sending exactly N.
run() {
  local name=$1 mode=$2 n=$3; shift 3
  local extra=()
  [ "$mode" = norecord ] && extra=(--no-record)
  rm -rf "$work/data-$name"
  [ -d "$work/filled" ] && cp -r "$work/filled" "$work/data-$name"
  HOOKS_DATA_DIR="$work/data-$name" "$@" "$HOOKS" listen --port 0 --no-inspect \
    --provider github --secret benchsecret --forward "http://127.0.0.1:$app_port/" \
    --format json --retention "$retention" --exit-after "$n" "${extra[@]}" >"$work/$name.out" 2>"$work/$name.err" &
  local pid=$! addr=
  for _ in $(seq 600); do
    addr=$(grep -o 'listening on http://[0-9.:]*' "$work/$name.err" 2>/dev/null | sed 's|.*http://||' || true)
    [ -n "$addr" ] && break
    sleep 0.1
  done
  [ -n "$addr" ] || { echo "bench: $name did not start" >&2; cat "$work/$name.err" >&2; exit 1; }
  local r=${load_rate:-$rate}
  "$load" rate "http://$addr/" 1 $((n / r)) "$r" >/dev/null
  wait "$pid"
  [ "$(wc -l <"$work/$name.out")" -eq "$n" ] || { echo "bench: $name printed $(wc -l <"$work/$name.out") lines, not $n" >&2; exit 1; }
}

# The store every recording run starts from.
load_rate=500 run fill record 2500
mv "$work/data-fill" "$work/filled"

per() { awk -v a="$1" -v b="$2" -v d=$((n2 - n1)) 'BEGIN { printf "%.1f", (b - a) / d }'; }

# Inclusive instructions per function, as "count<TAB>function".
inclusive() {
  callgrind_annotate --inclusive=yes --threshold=99.9 "$1" 2>/dev/null |
    awk '/^ *[0-9,]+ +\(/ { n = $1; gsub(",", "", n); sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, ""); sub(/ \[.*$/, ""); print n "\t" $0 }'
}

interesting='hooks::|sqlite3_step|sqlite3VdbeExec|CommitPhaseOne|walWriteOneFrame|sqlite3WalCheckpoint|serde_json::(de::from_trait|ser::to_string)|hyper::proto::h1::(dispatch::Dispatcher.*poll_catch|role)|reqwest|sha2::sha256::compress256|malloc.c:(malloc|free|realloc)|memmove|memcpy|std::io::stdio'
for mode in "${modes[@]}"; do
  echo "== hooks listen --forward ($mode), per delivery, from N=$n1 and N=$n2 at $rate/s =="
  for n in "$n1" "$n2"; do
    run "cg-$mode-$n" "$mode" "$n" valgrind --tool=callgrind --dump-instr=no \
      --callgrind-out-file="$work/callgrind-$mode-$n.out"
    run "dhat-$mode-$n" "$mode" "$n" valgrind --tool=dhat \
      --dhat-out-file="$work/dhat-$mode-$n.json"
    run "strace-$mode-$n" "$mode" "$n" strace -f -c -o "$work/strace-$mode-$n.txt"
    run "writes-$mode-$n" "$mode" "$n" strace -f -e trace=write,pwrite64,writev -o "$work/writes-$mode-$n.txt"
  done
  total() { awk '/^(summary|totals):/ { print $2; exit }' "$work/callgrind-$mode-$1.out"; }
  echo "instructions (user space): $(per "$(total "$n1")" "$(total "$n2")")"
  blocks() { grep -o 'Total: *[0-9,]* bytes in *[0-9,]* blocks' "$work/dhat-$mode-$1.err" | awk '{ gsub(",", ""); print $(NF-1) }'; }
  bytes() { grep -o 'Total: *[0-9,]* bytes' "$work/dhat-$mode-$1.err" | awk '{ gsub(",", ""); print $2 }'; }
  echo "heap allocations: $(per "$(blocks "$n1")" "$(blocks "$n2")") ($(per "$(bytes "$n1")" "$(bytes "$n2")") bytes)"
  echo "system calls:"
  calls() { awk -v s="$2" '$NF == s { print $4 }' "$work/strace-$mode-$1.txt"; }
  for s in total write pwrite64 writev fsync fdatasync futex epoll_wait recvfrom sendto read; do
    a=$(calls "$n1" "$s"); b=$(calls "$n2" "$s")
    [ -n "$b" ] && printf '  %-11s %s\n' "$s" "$(per "${a:-0}" "$b")"
  done
  written() { grep -o '= [0-9]*$' "$work/writes-$mode-$1.txt" | awk '{ s += $2 } END { print s + 0 }'; }
  echo "bytes written (write, pwrite64, writev): $(per "$(written "$n1")" "$(written "$n2")")"
  echo "instructions by function (inclusive, the 30 largest):"
  join -t $'\t' -1 2 -2 2 \
    <(inclusive "$work/callgrind-$mode-$n1.out" | sort -t $'\t' -k2,2) \
    <(inclusive "$work/callgrind-$mode-$n2.out" | sort -t $'\t' -k2,2) |
    awk -F '\t' -v d=$((n2 - n1)) '{ printf "%10.0f  %s\n", ($3 - $2) / d, $1 }' |
    grep -v '=>' | grep -E "$interesting" | sort -rn | head -30 || true
done
