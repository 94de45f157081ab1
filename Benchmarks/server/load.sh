#!/usr/bin/env bash
# Load benchmark of tracewise-server on loopback with wrk (Debian's package): requests/s and latency
# percentiles for GET of an analysis result (stats) and for POST /exceptions/{tenantId}.
#
#   Benchmarks/server/load.sh [SECONDS] [CONNECTIONS]
#   (SCRATCH_PATH=dir picks the build folder; SERVER_BINARY=path runs that binary instead of building one)
#
# Builds the release server, starts it on a free port with a throw-away data folder (SQLite), analyses the
# seeded demo log once, then runs wrk against 127.0.0.1 only, bounded in time, and stops the server with
# SIGTERM right after the POST burst, timing the graceful shutdown.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-32}
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
scratch=${SCRATCH_PATH:-.build}
binary=${SERVER_BINARY:-$scratch/release/tracewise-server}
[ -n "${SERVER_BINARY:-}" ] || swift build -c release --product tracewise-server --scratch-path "$scratch" >/dev/null
data=$(mktemp -d)
out="$data/server.out"
"$binary" --port 0 --data "$data" --rate-limit 1000000 --rate-burst 1000000 >"$out" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 600); do grep -q "api key" "$out" 2>/dev/null && break; sleep 0.2; done
url=$(sed -n 's/^listening on //p' "$out")
key=$(sed -n 's/^demo tenant: demo, api key: //p' "$out")
auth="Authorization: Bearer $key"
id=$(curl -sf -H "$auth" -X POST -d '{"logId":"order-to-cash"}' "$url/tenants/demo/analyses" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for _ in $(seq 1 600); do
    state=$(curl -sf -H "$auth" "$url/tenants/demo/analyses/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    [ "$state" = succeeded ] && break
    sleep 0.5
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== GET /tenants/demo/analyses/{id}/stats ($(curl -sf -H "$auth" "$url/tenants/demo/analyses/$id/stats" | wc -c) bytes)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$auth" "$url/tenants/demo/analyses/$id/stats"
echo "== POST /exceptions/demo (one finance exception, processed in the background)"
TRACEWISE_KEY="$key" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s Benchmarks/server/post-exception.lua "$url/exceptions/demo"
echo "== GET /health"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "$url/health"
echo "== POST /exceptions/demo burst, then SIGTERM"
TRACEWISE_KEY="$key" wrk -t2 -c"$connections" -d"${seconds}s" -s Benchmarks/server/post-exception.lua "$url/exceptions/demo" | grep -E "Requests/sec|requests in|Non-2xx"
start=$(date +%s.%N)
kill -TERM $server
status=0
wait $server || status=$?
echo "SIGTERM to exit: $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s, exit status $status"
