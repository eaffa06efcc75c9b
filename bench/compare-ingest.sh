#!/usr/bin/env bash
# Side-by-side ingest benchmark: the app's POST /api/v1/messages against the reference
# server's POST /ingest, with wrk, on a database filled by `sellerdesk demo` (routing,
# automatic replies, Performance Data tallies and the event log all on).
#
#   bench/compare-ingest.sh [REFERENCE_DIR]
#
# REFERENCE_DIR holds the reference server and its compare.sh (default
# ../shared/reference, beside this checkout). Env: DUR, CONNS (32), ROUNDS, as compare.sh.
# Needs wrk and curl. Prints compare.sh's lines; the last one is the app's share.
set -euo pipefail
cd "$(dirname "$0")/.."
reference="${1:-../shared/reference}"
[ -x "$reference/compare.sh" ] || { echo "compare-ingest: no compare.sh in $reference" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/sellerdesk
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db="sqlite://$work/sellerdesk.db"
"$bin" demo --database-url "$db" >/dev/null
# One token from one address measures throughput, not the limits: lift the per-token
# and per-conversation rates for this run.
RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$port" --database-url "$db" \
  --limit-api-token 4000000000 --limit-conversation 4000000000 >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.1; done

# Sign in as the demo seller and create an API token for its first store.
jar="$work/cookies"
csrf() { grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
token=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=demo" \
  --data-urlencode "password=demo-password" --data-urlencode "csrf_token=$token" "$base/login"
page=$(curl -s -c "$jar" -b "$jar" "$base/account/stores")
store=$(grep -o 'href="/account/stores/[0-9]*"' <<<"$page" | head -1 | grep -o '[0-9]*')
token=$(csrf <<<"$page")
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "name=bench" \
  --data-urlencode "csrf_token=$token" "$base/account/stores/$store/tokens"
secret=$(curl -s -c "$jar" -b "$jar" "$base/account/stores/$store" | grep -o 'sdk_[A-Za-z0-9_-]*' | head -1)
[ -n "$secret" ] || { echo "compare-ingest: could not create an API token" >&2; exit 1; }

"$reference/compare.sh" ingest "$base" "$secret"
