#!/usr/bin/env bash
# Side-by-side ingest benchmark: the app's POST /api/v1/messages against the reference
# server's POST /ingest, with wrk, on a database filled by `sellerdesk demo` (routing,
# automatic replies, Performance Data tallies and the event log all on).
#
#   bench/compare-ingest.sh REFERENCE_DIR
#
# REFERENCE_DIR holds the team's reference server and its compare.sh. Env: DUR, CONNS (32), ROUNDS, as compare.sh.
# Needs wrk and curl. Prints compare.sh's lines; the last one is the app's share.
set -euo pipefail
cd "$(dirname "$0")/.."
reference="${1:?usage: bench/compare-ingest.sh REFERENCE_DIR}"
[ -x "$reference/compare.sh" ] || { echo "compare-ingest: no compare.sh in $reference" >&2; exit 2; }
# One token from one address measures throughput, not the limits: lift the per-token
# and per-conversation rates for this run.
serve_flags=(--limit-api-token 4000000000 --limit-conversation 4000000000)
source bench/demo-server.sh

# An API token for the demo seller's first store.
page=$(curl -s -c "$jar" -b "$jar" "$base/account/stores")
store=$(grep -o 'href="/account/stores/[0-9]*"' <<<"$page" | head -1 | grep -o '[0-9]*')
token=$(csrf <<<"$page")
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "name=bench" \
  --data-urlencode "csrf_token=$token" "$base/account/stores/$store/tokens"
secret=$(curl -s -c "$jar" -b "$jar" "$base/account/stores/$store" | grep -o 'sdk_[A-Za-z0-9_-]*' | head -1)
[ -n "$secret" ] || { echo "compare-ingest: could not create an API token" >&2; exit 1; }

"$reference/compare.sh" ingest "$base" "$secret"
