#!/usr/bin/env bash
# Makes a real PostgreSQL reachable for the multi-node tests: starts Debian's local cluster when it is down and
# creates the test role and database (idempotent). Exports MCD_TEST_POSTGRES_URL.
#   source src/test/scripts/postgres.sh
set -euo pipefail
# shellcheck source=src/test/scripts/detached.sh
source "$(dirname "${BASH_SOURCE[0]}")/detached.sh"

start_postgres() {
  local cluster version name
  cluster=$(pg_lsclusters --no-header 2>/dev/null | head -1 || true)
  if [ -z "$cluster" ]; then
    echo "no PostgreSQL cluster: apt-get install -y postgresql" >&2
    return 1
  fi
  read -r version name _ <<<"$cluster"
  pg_lsclusters --no-header | grep -q " online" || (exec_detached pg_ctlcluster "$version" "$name" start)
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'mcd_test'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE mcd_test LOGIN PASSWORD 'mcd_test'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'mcd_test'\"" | grep -q 1 \
    || su postgres -c "createdb -O mcd_test mcd_test"
  export MCD_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:5432/mcd_test"
}

start_postgres
