#!/usr/bin/env bash
# Starts a private OpenLDAP server (Debian slapd) for the directory-login tests, loaded with
# src/test/resources/ldap/directory.ldif: its own configuration, database and pid file under $MCD_LDAP_ROOT,
# listening on 127.0.0.1:$MCD_LDAP_PORT. Reuses a server that already answers. Exports MCD_TEST_LDAP_URL.
#   source src/test/scripts/ldap.sh
set -euo pipefail
# shellcheck source=src/test/scripts/detached.sh
source "$(dirname "${BASH_SOURCE[0]}")/detached.sh"

MCD_LDAP_ROOT=${MCD_LDAP_ROOT:-/tmp/mcd-ldap}
MCD_LDAP_PORT=${MCD_LDAP_PORT:-13389}
MCD_LDAP_SUFFIX=dc=mayorcrew,dc=test

# As the application's read-only service account (anonymous users see nothing).
ldap_answers() {
  ldapsearch -x -H "ldap://127.0.0.1:$MCD_LDAP_PORT" -D "cn=mcd-reader,ou=services,$MCD_LDAP_SUFFIX" \
    -w reader-Pw-91d2 -b "$MCD_LDAP_SUFFIX" -s base dn >/dev/null 2>&1
}

start_ldap() {
  command -v slapd >/dev/null || {
    echo "slapd not installed: apt-get install -y --no-install-recommends slapd ldap-utils" >&2
    return 1
  }
  export MCD_TEST_LDAP_URL="ldap://127.0.0.1:$MCD_LDAP_PORT"
  if ldap_answers; then return 0; fi
  local ldif
  ldif="$(cd "$(dirname "${BASH_SOURCE[0]}")/../resources/ldap" && pwd)/directory.ldif"
  if [ -f "$MCD_LDAP_ROOT/slapd.pid" ] && kill -0 "$(cat "$MCD_LDAP_ROOT/slapd.pid")" 2>/dev/null; then
    echo "a slapd runs from $MCD_LDAP_ROOT but does not answer on port $MCD_LDAP_PORT" >&2
    return 1
  fi
  rm -rf "$MCD_LDAP_ROOT" && mkdir -p "$MCD_LDAP_ROOT/data"
  # The manager account is read-only, as a directory's service account for applications is.
  cat >"$MCD_LDAP_ROOT/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $MCD_LDAP_ROOT/slapd.pid
database mdb
suffix "$MCD_LDAP_SUFFIX"
rootdn "cn=root,$MCD_LDAP_SUFFIX"
directory $MCD_LDAP_ROOT/data
maxsize 16777216
access to attrs=userPassword
  by anonymous auth
  by * none
access to *
  by dn.exact="cn=mcd-reader,ou=services,$MCD_LDAP_SUFFIX" read
  by * none
CONF
  slapadd -q -f "$MCD_LDAP_ROOT/slapd.conf" -l "$ldif"
  (exec_detached slapd -f "$MCD_LDAP_ROOT/slapd.conf" -h "ldap://127.0.0.1:$MCD_LDAP_PORT/") >"$MCD_LDAP_ROOT/slapd.log" 2>&1
  local i=0
  until ldap_answers; do
    i=$((i + 1))
    if [ "$i" -ge 100 ]; then tail -20 "$MCD_LDAP_ROOT/slapd.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "started private OpenLDAP at $MCD_TEST_LDAP_URL (pid $(cat "$MCD_LDAP_ROOT/slapd.pid"))"
}

start_ldap
