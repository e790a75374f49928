#!/usr/bin/env bash
# The CLI's cold start against the original stack, in one go: for each file, RUNS rounds of
#   anchor    /usr/bin/python3 shared/anchor/py_convert.py FILE OUTDIR  (its own "seconds=": read,
#             normalize, write; interpreter start and imports left out, as in the original worker)
#   launcher  bin/ghl-data convert FILE -o OUT.csv                      (whole process)
#   java-jar  java -jar JAR convert FILE -o OUT.csv                     (whole process)
# interleaved, so that all three see the same minutes of this shared machine; prints the medians and
# anchor / ours. Files: the anchor's gen_contacts.py --style pt --seed 7, under bench-data/.
#
# Usage: bench/cli-bench.sh                 (100k-row CSV and 10k-row XLSX, 3 rounds)
#   RUNS=5 CASES="csv:100000 xlsx:10000 csv:1000000" NO_ANCHOR=1 JAR=target-x/ghl-data-saas.jar
# Needs the jar and, for the launcher's archive, `mvn -q -DskipTests package`; the anchor needs
# apt-get install -y python3-pandas python3-openpyxl python3-phonenumbers.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/ghl-data-saas.jar}
RUNS=${RUNS:-3}
CASES=${CASES:-csv:100000 xlsx:10000}
ANCHOR=${ANCHOR:-../shared/anchor}
[ -d "$ANCHOR" ] || ANCHOR=/work/shared/anchor
PY=/usr/bin/python3
[ -f "$JAR" ] || { echo "build the jar first: mvn -q -DskipTests package (or set JAR)" >&2; exit 2; }
if [ -z "${NO_ANCHOR:-}" ] && ! $PY -c 'import pandas, openpyxl, phonenumbers' 2>/dev/null; then
  echo "the anchor needs: apt-get install -y python3-pandas python3-openpyxl python3-phonenumbers" >&2
  exit 2
fi
export GHL_DATA_JAR=$JAR
archive=no
[ -f "$(dirname "$JAR")/ghl-data.jsa" ] && archive=yes
mkdir -p bench-data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# whole-process wall time of a command, in seconds
wall() { /usr/bin/time -f '%e' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }; cat "$tmp/time"; }

echo "$(date '+%F %H:%M') load: $(cut -d' ' -f1-3 /proc/loadavg)  jar: $JAR  archive: $archive  runs: $RUNS"
printf '%-5s %9s | %10s %10s %10s | %12s %12s  %s\n' format rows anchor_s launcher_s java-jar_s \
  anchor/launch anchor/jar "runs (anchor; launcher; java -jar)"
for c in $CASES; do
  fmt=${c%%:*}; n=${c#*:}
  f=bench-data/cli-pt-$n.$fmt
  [ -f "$f" ] || $PY "$ANCHOR/gen_contacts.py" --rows "$n" --style pt --format "$fmt" --seed 7 -o "$f" >/dev/null
  a=(); l=(); j=()
  for _ in $(seq 1 "$RUNS"); do
    if [ -z "${NO_ANCHOR:-}" ]; then
      $PY "$ANCHOR/py_convert.py" "$f" "$tmp/anchor" >"$tmp/anchor.out" 2>/dev/null
      a+=("$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$tmp/anchor.out" | head -1)")
    fi
    l+=("$(wall bin/ghl-data convert "$f" -o "$tmp/launcher.csv")")
    j+=("$(wall java -jar "$JAR" convert "$f" -o "$tmp/jar.csv")")
  done
  cmp -s "$tmp/launcher.csv" "$tmp/jar.csv" || { echo "launcher and java -jar outputs differ on $f" >&2; exit 1; }
  ml=$(median "${l[@]}"); mj=$(median "${j[@]}")
  if [ ${#a[@]} -gt 0 ]; then
    ma=$(median "${a[@]}")
    ra=$(echo "$ma / $ml" | bc -l); rj=$(echo "$ma / $mj" | bc -l)
    printf '%-5s %9d | %10.2f %10.2f %10.2f | %11.2fx %11.2fx  %s; %s; %s\n' "$fmt" "$n" "$ma" "$ml" "$mj" \
      "$ra" "$rj" "${a[*]}" "${l[*]}" "${j[*]}"
  else
    printf '%-5s %9d | %10s %10.2f %10.2f | %12s %12s  -; %s; %s\n' "$fmt" "$n" - "$ml" "$mj" - - "${l[*]}" "${j[*]}"
  fi
done
