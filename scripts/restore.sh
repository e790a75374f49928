#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the database of DATABASE_URL, in one transaction:
# either the whole backup is in, or the database is as it was.
#
#   DATABASE_URL=postgresql://user:password@host:5432/db scripts/restore.sh [--force] FILE
#
# The database must be empty (CREATE DATABASE ghl; or a new one from your provider): one that holds
# tables is refused, unless --force, which drops every table, view and sequence in it first (in the
# same transaction). Objects are owned by DATABASE_URL's user, whoever owned them when backed up.
# Then start the app on it: it applies the migrations the backup is older than.
set -euo pipefail
# shellcheck source=scripts/database-url.sh
. "$(dirname "$0")/database-url.sh"

usage() {
  echo "usage: DATABASE_URL=postgresql://user:password@host:5432/db $0 [--force] FILE" >&2
  exit 2
}
force=false
file=''
for arg in "$@"; do
  case $arg in
    --force) force=true ;;
    -h | --help) usage ;;
    -*) echo "$0: unknown option $arg" >&2; usage ;;
    *) [[ -z $file ]] || usage; file=$arg ;;
  esac
done
[[ -n $file ]] || usage
[[ -n ${DATABASE_URL:-} ]] || die "set DATABASE_URL to the (empty) database to restore into"
command -v pg_restore >/dev/null || die "pg_restore not found: install the PostgreSQL client tools (Debian: postgresql-client)"
[[ -f $file && -r $file ]] || die "no backup file $file"
pg_restore --list "$file" >/dev/null || die "$file is not a backup made by scripts/backup.sh (pg_dump -Fc)"
parse_database_url "$DATABASE_URL"

psql_() {
  psql --no-psqlrc --no-password --quiet --set ON_ERROR_STOP=1 --dbname="$DB_URI" "$@"
}

# Relations outside the system schemas, but for an extension's own (they come with CREATE EXTENSION).
relations="SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                  AND d.deptype IN ('e', 'a', 'i'))"
mapfile -t present < <(psql_ --tuples-only --no-align \
  --command="SELECT format('%I.%I', nspname, relname) FROM ($relations) r ORDER BY 1")
if ((${#present[@]} > 0)) && ! $force; then
  listed="${present[*]:0:5}"
  ((${#present[@]} <= 5)) || listed+=" ..."
  die "database $DB_NAME is not empty (${#present[@]} tables, views or sequences: $listed);" \
    "restore into an empty database, or pass --force to replace everything in it with the backup"
fi

drop_everything="SET client_min_messages = warning;
DO \$\$
DECLARE r record;
BEGIN
  FOR r IN $relations LOOP
    EXECUTE format('DROP %s IF EXISTS %I.%I CASCADE', CASE r.relkind WHEN 'v' THEN 'VIEW'
      WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
      r.nspname, r.relname);
  END LOOP;
END \$\$;"

# pg_restore writes the backup as SQL; COMMIT is sent only once all of it was read: a file cut short
# or an error ends the session without it, and PostgreSQL rolls the whole restore back.
{
  echo 'BEGIN;'
  if $force; then
    echo "$drop_everything"
  fi
  pg_restore --no-owner --no-privileges --file=- "$file" || exit 1
  echo 'COMMIT;'
} | psql_ >/dev/null || die "restore of $file into $DB_NAME failed; the database is as it was"

echo "restored $file into database $DB_NAME; start the app on it (it applies newer migrations at start)" >&2
