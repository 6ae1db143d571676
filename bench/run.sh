#!/usr/bin/env bash
# Benchmarks for the foundation (issue 2), each side by side with a baseline
# in the same run. Needs hyperfine and curl (apt-get install hyperfine curl).
# Results and method: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin hooks --example sign_throughput
HOOKS=$PWD/target/release/hooks
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
export HOOKS_DATA_DIR=$work/data HOOKS_CONFIG=$work/none.toml
: > "$HOOKS_CONFIG"

echo "== binary size"
ls -l "$HOOKS" | awk '{printf "%s bytes (%.1f MiB)\n", $5, $5/1048576}'

echo "== startup: hooks --version vs /bin/true"
hyperfine -N --warmup 20 --runs 300 --export-json "$work/version.json" "/bin/true" "$HOOKS --version" >/dev/null
python3 - "$work/version.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]:<40} median {r["median"]*1000:.2f} ms')
PY

echo "== send-test to a local server vs curl posting the same bytes"
python3 -c '
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(200); self.send_header("content-length", "2"); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", 18799), H).serve_forever()
' &
sleep 1
"$HOOKS" fixtures show contact.created > "$work/body.json"
"$HOOKS" send-test contact.created --to http://127.0.0.1:18799/ >/dev/null
hyperfine -N --warmup 10 --runs 200 --export-json "$work/send.json" \
    "curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @$work/body.json http://127.0.0.1:18799/" \
    "$HOOKS send-test contact.created --to http://127.0.0.1:18799/" >/dev/null
python3 - "$work/send.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"][:60]:<62} median {r["median"]*1000:.2f} ms')
PY

echo "== sign + verify throughput, 64 KiB body"
./target/release/examples/sign_throughput
