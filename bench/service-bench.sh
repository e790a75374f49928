#!/usr/bin/env bash
# Service benchmark: starts the packaged jar on its embedded services (as a newcomer runs it), then
# measures upload-to-done latency (50 sequential 1,000-row jobs, p50/p95) and a burst of 200 small
# uploads (jobs/min), all on loopback. Usage: bench/service-bench.sh [extra bench options]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/target/ghl-data-saas.jar
[ -f "$JAR" ] || { echo "build the jar first: mvn -q -DskipTests package" >&2; exit 2; }
PORT=${PORT:-18090}
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
# The bench measures the conversion pipeline, not the rate limiter: lift the upload limit.
(cd "$WORK" && HTTP_PORT=$PORT RATE_LIMIT_UPLOADS=100000/1m RATE_LIMIT_READS=100000/1m exec java -jar "$JAR" >"$WORK/app.log" 2>&1) &
PID=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null || { tail -30 "$WORK/app.log"; exit 1; }
java -jar "$JAR" bench --url "http://127.0.0.1:$PORT" "$@"
