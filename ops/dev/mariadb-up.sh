#!/usr/bin/env bash
# Start a local MariaDB for trying Ferry's `mariadb` profile (stop it with ops/dev/mariadb-down.sh).
#   instance "dev" under ${FERRY_IT_DIR:-/tmp/ferry-it}/dev, 127.0.0.1:${FERRY_DEV_DB_PORT:-33070},
#   root with an empty password, database `ferry`. Data is kept between up/down.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=ops/lib/mariadb.sh
source ops/lib/mariadb.sh

PORT="${FERRY_DEV_DB_PORT:-33070}"
mariadb_start dev "$PORT"
mariadb_cli dev -e 'CREATE DATABASE IF NOT EXISTS ferry CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'

cat <<MSG
MariaDB "dev" is up on 127.0.0.1:$PORT, database ferry.
Use it with (user root, empty password):
  export FERRY_DB_URL='jdbc:mariadb://127.0.0.1:$PORT/ferry'
Client:  mariadb --no-defaults -h127.0.0.1 -P$PORT -uroot ferry
Stop:    ops/dev/mariadb-down.sh
MSG
