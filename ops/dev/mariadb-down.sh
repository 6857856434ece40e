#!/usr/bin/env bash
# Stop the local MariaDB started by ops/dev/mariadb-up.sh (its data is kept).
# Pass --wipe to delete its datadir as well.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=ops/lib/mariadb.sh
source ops/lib/mariadb.sh

if [[ "${1:-}" == --wipe ]]; then
  mariadb_reset dev
else
  mariadb_stop dev
fi
