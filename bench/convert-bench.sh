#!/usr/bin/env bash
# Whole-process conversion benchmark: JVM start-up included, as a user runs the CLI.
# Usage: bench/convert-bench.sh [ROWS ...]   (default: 100000 1000000); RUNS=3 runs per case, median shown.
# PEOPLE=US generates American contacts (+1 phones) and converts them with --country US;
# the default, BRAZIL, is the product's usual upload. FORMATS="csv" skips the workbooks.
# Needs target/ghl-data-saas.jar (mvn -q -DskipTests package). Writes test data under bench-data/.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/ghl-data-saas.jar}
[ -f "$JAR" ] || { echo "build the jar first: mvn -q -DskipTests package" >&2; exit 2; }
HEAP=${HEAP:--Xmx256m}
RUNS=${RUNS:-3}
PEOPLE=${PEOPLE:-BRAZIL}
FORMATS=${FORMATS:-csv xlsx}
COUNTRY=BR; LAYOUT=PORTUGUESE; TAG=""
if [ "$PEOPLE" = US ]; then COUNTRY=US; LAYOUT=ENGLISH; TAG=-us; fi
ROWS=("$@"); [ ${#ROWS[@]} -gt 0 ] || ROWS=(100000 1000000)
mkdir -p bench-data
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-9s %9s %7s %9s %12s %10s %11s %8s %8s  %s\n' format rows threads median_s rows/s maxRSS_MB peakHeap_MB cpu_s jit_cpu_s "all runs (s)"
for n in "${ROWS[@]}"; do
  for fmt in $FORMATS; do
    f=bench-data/contacts$TAG-$n.$fmt
    [ -f "$f" ] || java -jar "$JAR" generate -o "$f" --rows "$n" --layout "$LAYOUT" --people "$PEOPLE" --seed 7 >/dev/null
    for t in 1 2; do
      times=(); cpus=(); jits=(); rss=0; heap=0
      for _ in $(seq 1 "$RUNS"); do
        /usr/bin/time -f '%e %M' -o /tmp/convert-bench.time java $HEAP -jar "$JAR" convert "$f" -o bench-data/out.csv --country "$COUNTRY" --threads "$t" --stats >/tmp/convert-bench.out
        read -r secs kb </tmp/convert-bench.time
        # --stats: the most heap left in use after a garbage collection (what the run needed)
        mib=$(sed -n 's/.*peak heap after GC \([0-9]*\) MiB.*/\1/p' /tmp/convert-bench.out)
        # --stats: CPU time of the whole process and of the JIT compiler threads (Linux)
        cpus+=("$(sed -n 's/^cpu: \([0-9.]*\) s = .*/\1/p' /tmp/convert-bench.out)")
        jits+=("$(sed -n 's/.*JIT compilers \([0-9.]*\) .*/\1/p' /tmp/convert-bench.out)")
        times+=("$secs"); [ "$kb" -gt "$rss" ] && rss=$kb; [ "${mib:-0}" -gt "$heap" ] && heap=$mib
      done
      median=$(median "${times[@]}")
      cpu=$(median "${cpus[@]}")
      jit=$(median "${jits[@]}")
      printf '%-9s %9d %7d %9.2f %12.0f %10d %11d %8.2f %8.2f  %s\n' "$fmt$TAG" "$n" "$t" "$median" "$(echo "$n / $median" | bc -l)" $((rss / 1024)) "$heap" "${cpu:-0}" "${jit:-0}" "${times[*]}"
    done
  done
done
