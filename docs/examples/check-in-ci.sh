#!/usr/bin/env bash
# Starts the app, runs `hooks check` against its webhook handler, and fails
# the CI job when a case fails. Settings come from the environment:
#   APP_CMD         how to start the app, e.g. "npm start" (required)
#   APP_URL         the handler's URL [http://127.0.0.1:3000/webhooks]
#   HOOKS_PROVIDER  the provider whose deliveries the handler takes (required)
#   HOOKS_SECRET    the signing secret the app verifies with (required)
#   JUNIT           where the JUnit report goes [hooks-check.xml]
set -euo pipefail
: "${APP_CMD:?set APP_CMD to the command that starts the app}"
: "${HOOKS_PROVIDER:?set HOOKS_PROVIDER, e.g. workestra}"
: "${HOOKS_SECRET:?set HOOKS_SECRET to the secret the app verifies with}"
APP_URL=${APP_URL:-http://127.0.0.1:3000/webhooks}
JUNIT=${JUNIT:-hooks-check.xml}

$APP_CMD &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT

# Wait (at most 30 s) until the app accepts connections.
hostport=${APP_URL#*://}
hostport=${hostport%%/*}
host=${hostport%:*}
port=${hostport##*:}
for _ in $(seq 300); do
  if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    break
  fi
  kill -0 "$app" 2>/dev/null || { echo "the app exited before it listened" >&2; exit 1; }
  sleep 0.1
done

# Exit 1 when a case fails, 3 when the handler cannot be reached.
hooks check --to "$APP_URL" --junit "$JUNIT"
