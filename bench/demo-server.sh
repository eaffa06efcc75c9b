# Sourced by the side-by-side benchmarks: builds the app in release mode, fills a fresh
# demo database, serves it on a free port with the extra flags in the array
# `serve_flags` (if set), and signs in as the demo seller. Sets: bin, work, base, jar (the signed-in cookie jar), and csrf (a
# function reading a page's CSRF token from standard input). Stops the server on exit.
cargo build --release --quiet
bin=target/release/sellerdesk
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db="sqlite://$work/sellerdesk.db"
"$bin" demo --database-url "$db" >/dev/null
RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$port" --database-url "$db" \
  ${serve_flags[@]+"${serve_flags[@]}"} >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.1; done

jar="$work/cookies"
csrf() { grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
token=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=demo" \
  --data-urlencode "password=demo-password" --data-urlencode "csrf_token=$token" "$base/login"
