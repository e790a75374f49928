#!/usr/bin/env bash
# Backs up the whole database of DATABASE_URL (accounts, jobs and every job's files: all of GHL Data's
# data is in PostgreSQL) with pg_dump's custom format, while the app keeps serving: pg_dump reads one
# consistent snapshot and blocks no reader or writer (only schema changes, i.e. migrations, wait).
#
#   DATABASE_URL=postgresql://user:password@host:5432/db scripts/backup.sh
#
# BACKUP_DIR (default ./backups) receives <db>-<UTC date and time>.dump, readable by its owner only;
# the newest BACKUP_KEEP (default 14; 0 keeps all) backups of that database stay, older ones are
# deleted. The last line printed is the new file's path. Restore with scripts/restore.sh.
set -euo pipefail
# shellcheck source=scripts/database-url.sh
. "$(dirname "$0")/database-url.sh"

[[ -n ${DATABASE_URL:-} ]] || die "set DATABASE_URL to the database to back up"
dir=${BACKUP_DIR:-./backups}
keep=${BACKUP_KEEP:-14}
[[ $keep =~ ^[0-9]+$ ]] || die "BACKUP_KEEP must be a whole number (0 keeps every backup), not '$keep'"
command -v pg_dump >/dev/null || die "pg_dump not found: install the PostgreSQL client tools (Debian: postgresql-client)"
parse_database_url "$DATABASE_URL"

umask 077
mkdir -p "$dir"
# The database's name, made safe for a file name.
prefix=$(printf '%s' "$DB_NAME" | tr -c 'A-Za-z0-9_.-' '_')
stamp() { date -u +%Y%m%dT%H%M%SZ; }
file="$dir/$prefix-$(stamp).dump"
while [[ -e $file ]]; do # a second backup within the same second
  sleep 1
  file="$dir/$prefix-$(stamp).dump"
done

# Written under another name first: a dump cut short is never taken for a backup, nor pruned for.
partial="$file.partial"
trap 'rm -f "$partial"' EXIT
pg_dump --format=custom --no-password --file="$partial" --dbname="$DB_URI"
mv "$partial" "$file"
trap - EXIT

if ((keep > 0)); then
  backups=()
  for f in "$dir/$prefix"-*.dump; do
    [[ $(basename "$f") =~ ^"$prefix"-[0-9]{8}T[0-9]{6}Z\.dump$ ]] && backups+=("$f")
  done
  # The names sort by date; newest first, everything after the first BACKUP_KEEP goes.
  mapfile -t old < <(printf '%s\n' "${backups[@]}" | LC_ALL=C sort -r | tail -n +$((keep + 1)))
  for f in "${old[@]}"; do
    rm -f -- "$f"
    echo "removed old backup $f" >&2
  done
fi

echo "$file"
