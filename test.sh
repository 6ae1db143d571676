#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (only what
# is missing, so a second run starts the tests at once), then
# `cargo test --locked`. Arguments go to cargo test, e.g. ./test.sh demo.
#   Python libraries     tests/interop/requirements.txt (pip), when a pin is not installed
#   Node libraries       npm ci in tests/interop and tests/browser, when node_modules is missing or older than package-lock.json
#   Debian packages      chromium, curl, nats-server, nginx, when the command is missing (apt-get update first, only then)
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '== %s\n' "$*"; }

# Debian packages, by the command each provides.
missing=()
for pair in chromium:chromium curl:curl nats-server:nats-server nginx:nginx-light; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || {
            echo "test.sh: installing ${missing[*]} needs root: run it as root, or install them first" >&2
            exit 2
        }
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python libraries: installed only when a pinned version is not there.
for tool in python3 node npm; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "test.sh: $tool is not on PATH; the interop and browser tests need Python 3 with pip and Node.js 18+ with npm" >&2
        exit 2
    }
done
requirements=tests/interop/requirements.txt
if ! python3 - "$requirements" <<'PY'
import sys
from importlib import metadata
for line in open(sys.argv[1]):
    spec = line.split("#")[0].strip()
    if not spec:
        continue
    name, _, want = spec.partition("==")
    try:
        have = metadata.version(name.strip())
    except metadata.PackageNotFoundError:
        sys.exit(1)
    if want and have != want.strip():
        sys.exit(1)
PY
then
    say "pip install -r $requirements"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r "$requirements"
fi

# Node libraries: npm ci when node_modules is missing or older than the lock.
for dir in tests/interop tests/browser; do
    stamp="$dir/node_modules/.package-lock.json"
    if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
        say "npm ci --prefix $dir"
        npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    fi
done

say "cargo test --locked $*"
exec cargo test --locked "$@"
