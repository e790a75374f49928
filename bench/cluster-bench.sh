#!/usr/bin/env bash
# Scaling benchmark: jobs/min and rows/s of a fixed batch with 1, 2 and 3 worker nodes.
# Starts the packaged jar as one http,store node (no workers of its own) and then N worker-only
# nodes, all clustered on loopback (Hazelcast TCP-IP), against the machine's PostgreSQL and Redis
# (a fresh database ghl_cluster_bench) or, without them, the http,store node's embedded ones. For
# each N: waits until readiness counts N workers, warms every worker with small jobs, sends a burst
# of JOBS uploads of ROWS rows each (CONCURRENCY in flight) and times upload of the first to done
# of the last (the jar's own `bench` client), then stops the workers with SIGTERM (by pid).
# Usage: [JAR=...] [WORKERS="1 2 3"] [JOBS=60] [ROWS=20000] [CONCURRENCY=4] [WORKER_INSTANCES=2]
#        bench/cluster-bench.sh
# Output: one `cluster workers=N ...` line per run, then a table.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-$PWD/target/ghl-data-saas.jar}
WORKERS=${WORKERS:-"1 2 3"}
JOBS=${JOBS:-60}
ROWS=${ROWS:-20000}
CONCURRENCY=${CONCURRENCY:-4}
WORKER_INSTANCES=${WORKER_INSTANCES:-2}
HTTP_PORT=${HTTP_PORT:-18100}
BASE_PORT=${BASE_PORT:-15801}
URL=http://127.0.0.1:$HTTP_PORT
[ -f "$JAR" ] || { echo "build the jar first: mvn -q -DskipTests package" >&2; exit 2; }

WORK=$(mktemp -d)
PIDS=()
stop_all() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
}
trap 'stop_all; rm -rf "$WORK"' EXIT

MEMBERS=127.0.0.1:$BASE_PORT
for i in 1 2 3; do MEMBERS="$MEMBERS,127.0.0.1:$((BASE_PORT + i))"; done
NAME=bench-$$
COMMON=(CLUSTER_MEMBERS="$MEMBERS" CLUSTER_NAME="$NAME" APP_ENV=development LOG_FORMAT=text
        RATE_LIMIT_AUTH=100000/1m RATE_LIMIT_UPLOADS=100000/1m RATE_LIMIT_READS=1000000/1m MAX_UPLOAD_MB=100)

STORE=()
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ghl_cluster_bench" >/dev/null
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ghl_cluster_bench" >/dev/null
  STORE=(DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ghl_cluster_bench REDIS_URL=redis://127.0.0.1:6379/5)
  redis-cli -h 127.0.0.1 -p 6379 -n 5 flushdb >/dev/null
  echo "store: the machine's PostgreSQL and Redis" >&2
fi

LAST_PID=
start_node() { # name cluster-port env... (a child of this shell: its pid in LAST_PID and PIDS)
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  (cd "$WORK/$name" && exec env "${COMMON[@]}" CLUSTER_PORT="$port" "$@" \
    java -Xmx512m -jar "$JAR" > "$WORK/$name/log" 2>&1) &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}

ready_workers() { # how many workers the http node's readiness sees
  curl -fs "$URL/health/ready" 2>/dev/null | python3 -c \
    'import json,sys; d=json.load(sys.stdin); print([c for c in d["checks"] if c["id"]=="cluster"][0]["data"]["workers"])' \
    2>/dev/null || echo -1
}

start_node http "$BASE_PORT" NODE_ROLES=http,store HTTP_PORT="$HTTP_PORT" MANAGEMENT_PORT=-1 "${STORE[@]}"
for _ in $(seq 1 240); do [ "$(ready_workers)" != "-1" ] && break; sleep 0.5; done
[ "$(ready_workers)" != "-1" ] || { echo "the http,store node did not start" >&2; tail -50 "$WORK/http/log" >&2; exit 1; }

RESULTS=$WORK/results.txt
for n in $WORKERS; do
  WPIDS=()
  for i in $(seq 1 "$n"); do
    start_node "worker-$n-$i" $((BASE_PORT + i)) NODE_ROLES=worker WORKER_INSTANCES="$WORKER_INSTANCES" MANAGEMENT_PORT=-1
    WPIDS+=("$LAST_PID")
  done
  for _ in $(seq 1 240); do [ "$(ready_workers)" = "$n" ] && break; sleep 0.5; done
  [ "$(ready_workers)" = "$n" ] || { echo "only $(ready_workers) of $n workers joined" >&2; exit 1; }
  # Warm every worker's JIT on the batch's own kind of file, then the timed burst.
  java -jar "$JAR" bench --url "$URL" --latency-jobs 0 --warmup-jobs 0 --burst-jobs $((n * 6)) --burst-rows "$ROWS" \
    --concurrency "$CONCURRENCY" > /dev/null
  line=$(java -jar "$JAR" bench --url "$URL" --latency-jobs 0 --warmup-jobs 0 --burst-jobs "$JOBS" --burst-rows "$ROWS" \
    --concurrency "$CONCURRENCY" | grep '^burst')
  done_s=$(sed -E 's/.*done_s=([0-9.]+).*/\1/' <<<"$line")
  jpm=$(sed -E 's/.*jobs_per_min=([0-9]+).*/\1/' <<<"$line")
  rows_s=$(python3 -c "print(round($JOBS * $ROWS / $done_s))")
  echo "cluster workers=$n jobs=$JOBS rows=$ROWS done_s=$done_s jobs_per_min=$jpm rows_per_s=$rows_s" | tee -a "$RESULTS"
  for p in "${WPIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${WPIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for _ in $(seq 1 120); do [ "$(ready_workers)" = "0" ] && break; sleep 0.5; done
done

echo
echo "| worker nodes | batch | upload -> last done | jobs/min | rows/s | vs 1 node |"
echo "|---:|---|---:|---:|---:|---:|"
base=$(awk '/^cluster workers=1 /{for(i=1;i<=NF;i++) if($i ~ /^rows_per_s=/){split($i,a,"="); print a[2]}}' "$RESULTS")
while read -r _ w j r d m rs; do
  n=${w#workers=}; s=${d#done_s=}; jm=${m#jobs_per_min=}; x=${rs#rows_per_s=}
  ratio=$([ -n "$base" ] && python3 -c "print(f'{$x/$base:.2f}x')" || echo -)
  echo "| $n | $JOBS files x $ROWS rows | ${s} s | $jm | $x | $ratio |"
done < "$RESULTS"
