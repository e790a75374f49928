#!/usr/bin/env bash
# Whole-process conversion benchmark: JVM start-up included, as a user runs the CLI.
# Usage: bench/convert-bench.sh [ROWS ...]   (default: 100000 1000000)
# Needs target/ghl-data-saas.jar (mvn -q -DskipTests package). Writes test data under bench-data/.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/ghl-data-saas.jar
[ -f "$JAR" ] || { echo "build the jar first: mvn -q -DskipTests package" >&2; exit 2; }
HEAP=${HEAP:--Xmx256m}
ROWS=("$@"); [ ${#ROWS[@]} -gt 0 ] || ROWS=(100000 1000000)
mkdir -p bench-data
printf '%-6s %9s %7s %9s %12s %10s %s\n' format rows threads seconds rows/s maxRSS_MB "live heap"
for n in "${ROWS[@]}"; do
  for fmt in csv xlsx; do
    f=bench-data/contacts-$n.$fmt
    [ -f "$f" ] || java -jar "$JAR" generate -o "$f" --rows "$n" --layout PORTUGUESE --seed 7 >/dev/null
    for t in 1 2; do
      log=$(mktemp)
      /usr/bin/time -f '%e %M' -o "$log.time" java $HEAP -jar "$JAR" convert "$f" -o bench-data/out.csv --threads "$t" --stats >"$log"
      read -r secs rss <"$log.time"
      heap=$(grep -o 'after last GC [0-9]* MiB' "$log" || true)
      printf '%-6s %9d %7d %9.2f %12.0f %10d %s\n' "$fmt" "$n" "$t" "$secs" "$(echo "$n / $secs" | bc -l)" $((rss / 1024)) "$heap"
      rm -f "$log" "$log.time"
    done
  done
done
