#!/usr/bin/env bash
# Side-by-side page benchmark: the app's Webchat inbox (the demo owner's All tab, a page
# of 50 conversations) against the reference server's GET /page (layout + 50 rows), with
# wrk, on a database filled by `sellerdesk demo`.
#
#   bench/compare-page.sh [REFERENCE_DIR] [PATH]
#
# REFERENCE_DIR holds the reference server and its compare.sh (default
# ../shared/reference, beside this checkout); PATH defaults to /webchat?tab=all. Env:
# DUR, CONNS (64), ROUNDS, as compare.sh. Needs wrk and curl. Prints compare.sh's lines;
# the last one is the app's share.
set -euo pipefail
cd "$(dirname "$0")/.."
reference="${1:-../shared/reference}"
path="${2:-/webchat?tab=all}"
[ -x "$reference/compare.sh" ] || { echo "compare-page: no compare.sh in $reference" >&2; exit 2; }

cargo build --release --quiet
bin=target/release/sellerdesk
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db="sqlite://$work/sellerdesk.db"
"$bin" demo --database-url "$db" >/dev/null
RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$port" --database-url "$db" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.1; done

# Sign in as the demo seller; the session cookie goes to wrk.
jar="$work/cookies"
csrf() { grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
token=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=demo" \
  --data-urlencode "password=demo-password" --data-urlencode "csrf_token=$token" "$base/login"
cookie=$(awk '$6 == "sellerdesk_session" { print $6 "=" $7 }' "$jar")
[ -n "$cookie" ] || { echo "compare-page: could not sign in" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
[ "$status" = 200 ] || { echo "compare-page: $path answered $status" >&2; exit 1; }

"$reference/compare.sh" page "$base$path" "$cookie"
