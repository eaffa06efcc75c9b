#!/usr/bin/env bash
# Side-by-side page benchmark: the app's Webchat inbox (the demo owner's All tab, a page
# of 50 conversations) against the reference server's GET /page (layout + 50 rows), with
# wrk, on a database filled by `sellerdesk demo`.
#
#   bench/compare-page.sh REFERENCE_DIR [PATH]
#
# REFERENCE_DIR holds the team's reference server and its compare.sh; PATH defaults to /webchat?tab=all. Env:
# DUR, CONNS (64), ROUNDS, as compare.sh. Needs wrk and curl. Prints compare.sh's lines;
# the last one is the app's share.
set -euo pipefail
cd "$(dirname "$0")/.."
reference="${1:?usage: bench/compare-page.sh REFERENCE_DIR [PATH]}"
path="${2:-/webchat?tab=all}"
[ -x "$reference/compare.sh" ] || { echo "compare-page: no compare.sh in $reference" >&2; exit 2; }

source bench/demo-server.sh
# The signed-in session's cookie goes to wrk.
cookie=$(awk '$6 == "sellerdesk_session" { print $6 "=" $7 }' "$jar")
[ -n "$cookie" ] || { echo "compare-page: could not sign in" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
[ "$status" = 200 ] || { echo "compare-page: $path answered $status" >&2; exit 1; }

"$reference/compare.sh" page "$base$path" "$cookie"
