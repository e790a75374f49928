#!/usr/bin/env bash
# Service benchmark, side by side with the original Python stack, in one run. Starts the packaged jar
# on its embedded services (as a newcomer runs it: a temp working dir, rate limits lifted; -Xmx512m,
# GC log), then, all on loopback, on the anchor generator's files (seed 7, so both stacks convert the
# same bytes):
#   - upload -> done as the client sees it (GET /jobs/{id} polled every 10 ms), after warm-up jobs:
#     1,000 rows (p50/p95 of 50 jobs), 50,000 rows (10 jobs), 1,000,000 rows (RUNS_BIG jobs, after
#     one 50,000-row warm-up); each size's last GHL CSV compared byte for byte with `convert`'s;
#   - a 1,000-row job timed again and again while LOAD_USERS other accounts' 50,000-row uploads are
#     in flight; a burst of BURST_JOBS small uploads (jobs/min);
#   - the server's peak heap after GC (from its GC log) and peak RSS (VmHWM) after each phase;
#   - the anchor (py_convert.py, conversion time in a warm process) on the same files, then a table.
# Usage: [JAR=...] [SIZES="1000 50000 1000000"] [LOAD_USERS=20] [RUNS_BIG=3] [BURST_JOBS=200]
#        [WARM_SMALL=10] [WARM_MID=2] (warm-up jobs before the 1,000- and the 50,000-row timings)
#        bench/service-bench.sh
# Output: one `name key=value ...` line per result (grep ^latency, ^server, ^anchor ...), then the table.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-$PWD/target/ghl-data-saas.jar}
SIZES=${SIZES:-"1000 50000 1000000"}
LOAD_USERS=${LOAD_USERS:-20}
RUNS_BIG=${RUNS_BIG:-3}
BURST_JOBS=${BURST_JOBS:-200}
PORT=${PORT:-18090}
ANCHOR=${ANCHOR:-$PWD/../shared/anchor}
PY=/usr/bin/python3
URL=http://127.0.0.1:$PORT
[ -f "$JAR" ] || { echo "build the jar first: mvn -q -DskipTests package" >&2; exit 2; }
"$PY" -c 'import pandas, openpyxl, phonenumbers' 2>/dev/null || {
  echo "the anchor needs: apt-get install -y python3-pandas python3-openpyxl python3-phonenumbers" >&2; exit 2; }

WORK=$(mktemp -d)
RESULTS=$WORK/results.txt
PID=
trap '[ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }; rm -rf "$WORK"' EXIT

# The anchor's generator, cached in bench-data/ (git-ignored): the 1M file is ~183 MB and ~1 min.
data_file() {
  local f=bench-data/anchor-pt-$1.csv
  if [ ! -f "$f" ]; then
    mkdir -p bench-data
    timeout 900 "$PY" "$ANCHOR/gen_contacts.py" --rows "$1" --style pt --format csv --seed 7 -o "$f.tmp" >&2
    mv "$f.tmp" "$f"
  fi
  echo "$PWD/$f"
}

# Results go to the screen and to $RESULTS, which the table reads back.
say() { echo "$*" | tee -a "$RESULTS"; }
bench() {
  { java -jar "$JAR" bench --url "$URL" "$@" || echo "failed bench exit=$?"; } | tee -a "$RESULTS"
}

GC_MARK=0
# The server's peak heap after GC over the GC log lines since the last call ("24M->3M(512M)": 3;
# phase "end": over the whole run), and its peak RSS so far (VmHWM: it only grows).
server_stats() {
  local lines heap rss
  if ! kill -0 "$PID" 2>/dev/null; then
    say "server phase=$1 alive=no"
    tail -5 "$WORK/app.log" | sed 's/^/app.log: /'
    return
  fi
  lines=$(wc -l <"$WORK/gc.log")
  [ "$1" != end ] || GC_MARK=0
  heap=$(tail -n +"$((GC_MARK + 1))" "$WORK/gc.log" | head -n "$((lines - GC_MARK))" \
    | grep -oE -- '->[0-9]+M\(' | tr -dc '0-9\n' | sort -n | tail -1 || true)
  GC_MARK=$lines
  rss=$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$PID/status")
  say "server phase=$1 alive=yes heap_after_gc_peak_mib=${heap:-none} rss_peak_mib=$rss"
}

# The server's GHL CSV of a file against the command line's, byte for byte.
check_identical() {
  local input=$1 ours=$2 cli=$WORK/cli-ghl.csv line same=no
  if [ ! -f "$ours" ]; then
    say "identical file=$(basename "$input") identical=no reason=no_download"
    return
  fi
  line=$(timeout 600 java -jar "$JAR" convert "$input" -o "$cli" --country BR 2>&1 | tail -1 || true)
  say "cli_convert file=$(basename "$input") $line"
  cmp -s "$ours" "$cli" && same=yes
  say "identical file=$(basename "$input") identical=$same server_bytes=$(stat -c %s "$ours") cli_bytes=$(stat -c %s "$cli")"
  rm -f "$ours" "$cli"
}

SMALL=() BIG=()
for n in $SIZES; do
  if [ "$n" -le 100000 ]; then SMALL+=("$n"); else BIG+=("$n"); fi
done
F1K=$(data_file 1000)
F50K=$(data_file 50000)
for n in $SIZES; do data_file "$n" >/dev/null; done

say "run start=$(date -u +%FT%TZ) load1=$(cut -d' ' -f1 /proc/loadavg) cores=$(nproc) jar=$JAR sizes=\"$SIZES\""
# The bench measures the conversion pipeline, not the rate limiter: every limit lifted.
(cd "$WORK" && HTTP_HOST=127.0.0.1 HTTP_PORT=$PORT MAX_UPLOAD_MB=256 RATE_LIMIT_AUTH=100000/1m \
  RATE_LIMIT_UPLOADS=100000/1m RATE_LIMIT_READS=1000000/1m \
  exec java -Xmx512m "-Xlog:gc:file=$WORK/gc.log" -jar "$JAR" >"$WORK/app.log" 2>&1) &
PID=$!
for _ in $(seq 1 240); do
  curl -fs "$URL/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$URL/health/ready" >/dev/null || { tail -30 "$WORK/app.log"; exit 1; }
server_stats started

# Small files first and the load next, so that a big file that takes the server down comes last.
for n in "${SMALL[@]}"; do
  f=$(data_file "$n")
  if [ "$n" -le 10000 ]; then warm=${WARM_SMALL:-10} jobs=50; else warm=${WARM_MID:-2} jobs=10; fi
  bench --file "$f" --warmup-jobs "$warm" --latency-jobs "$jobs" --burst-jobs 0 --download "$WORK/ours-$n.csv"
  check_identical "$f" "$WORK/ours-$n.csv"
  server_stats "latency-$n"
done
if [ "$LOAD_USERS" -gt 0 ]; then
  bench --file "$F1K" --warmup-jobs 3 --latency-jobs 2000 --burst-jobs 0 --load-users "$LOAD_USERS" --load-file "$F50K"
  server_stats "load-$LOAD_USERS"
fi
if [ "$BURST_JOBS" -gt 0 ]; then
  bench --warmup-jobs 0 --latency-jobs 0 --burst-jobs "$BURST_JOBS"
  server_stats burst
fi
for n in "${BIG[@]}"; do
  f=$(data_file "$n")
  bench --file "$f" --warmup-file "$F50K" --warmup-jobs 1 --latency-jobs "$RUNS_BIG" --burst-jobs 0 --timeout 300 \
    --download "$WORK/ours-$n.csv"
  check_identical "$f" "$WORK/ours-$n.csv"
  server_stats "latency-$n"
done
server_stats end
kill "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
PID=

# The anchor on an idle machine, as ours had it: seconds of conversion in a warm process.
for n in $SIZES; do
  f=$(data_file "$n")
  if [ "$n" -le 100000 ]; then runs=3; else runs=1; fi
  all=()
  for _ in $(seq 1 "$runs"); do
    all+=("$(timeout 900 "$PY" "$ANCHOR/py_convert.py" "$f" "$WORK/anchor" 2>/dev/null | sed -n 's/.*seconds=//p' || true)")
  done
  median=$(printf '%s\n' "${all[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")
  say "anchor file=$(basename "$f") runs=\"${all[*]}\" median_s=$median"
done

echo
printf '%-26s %12s %12s %12s %16s\n' file "anchor s" "ours p50 s" "ours p95 s" "anchor/ours"
for n in $SIZES; do
  name=anchor-pt-$n.csv
  anchor=$(grep "^anchor file=$name " "$RESULTS" | sed 's/.*median_s=//' || true)
  ours=$(grep "^latency file=$name " "$RESULTS" | tail -1 || true)
  p50=$(sed -n 's/.* p50_ms=\([0-9]*\).*/\1/p' <<<"$ours")
  p95=$(sed -n 's/.* p95_ms=\([0-9]*\).*/\1/p' <<<"$ours")
  if [ -n "$p50" ] && [ -n "$anchor" ]; then
    awk -v f="$name" -v a="$anchor" -v p="$p50" -v q="$p95" \
      'BEGIN { printf "%-26s %12.3f %12.3f %12.3f %16.2f\n", f, a, p / 1000, q / 1000, a / (p / 1000) }'
  else
    printf '%-26s %12s %12s %12s %16s\n' "$name" "${anchor:--}" failed - -
  fi
done
load=$(grep '^latency_under_load ' "$RESULTS" || true)
[ -z "$load" ] || echo "1,000 rows under load ($LOAD_USERS users x 50,000 rows): $(grep -oE 'jobs=[0-9]+ p50_ms=[0-9]+ p95_ms=[0-9]+' <<<"$load")"
