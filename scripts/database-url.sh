# shellcheck shell=bash
# Sourced by backup.sh and restore.sh: DATABASE_URL (postgresql://user:password@host:5432/db, as the app
# reads it) in the pieces libpq wants. The password goes to PGPASSWORD, never onto a command line,
# where any user of the machine could read it in the process list.

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# %XX escapes decoded, as the app decodes them (the app refuses a literal + in a password: write %2B);
# a backslash stays a backslash.
url_decode() {
  local s=${1//\\/\\\\}
  printf '%b' "${s//%/\\x}"
}

# Sets DB_URI (DATABASE_URL without its password, for --dbname) and DB_NAME, and exports PGPASSWORD
# when the URL has a password. Defaults as the app's: user postgres, port 5432, database postgres.
# shellcheck disable=SC2034 # DB_NAME and DB_URI are for the scripts that source this file
parse_database_url() {
  local url=$1
  [[ $url =~ ^postgres(ql)?://([^/?#]*)(/([^?#]*))?(\?([^#]*))?$ ]] \
    || die "DATABASE_URL is not a postgresql://user:password@host:5432/db URL"
  local authority=${BASH_REMATCH[2]} path=${BASH_REMATCH[4]} query=${BASH_REMATCH[6]}
  local userinfo='' hostport=$authority user password
  if [[ $authority == *@* ]]; then
    userinfo=${authority%@*}
    hostport=${authority##*@}
  fi
  [[ -n $hostport ]] || die "DATABASE_URL names no host"
  user=${userinfo%%:*}
  if [[ $userinfo == *:* ]]; then
    password=${userinfo#*:}
    PGPASSWORD=$(url_decode "$password")
    export PGPASSWORD
  fi
  DB_NAME=$(url_decode "${path:-postgres}")
  DB_URI="postgresql://${user:-postgres}@${hostport}/${path:-postgres}${query:+?$query}"
}
