#!/usr/bin/env bash
# The README's curl walk-through, as a script: register a cluster, test it, export it, list the record, find the
# files. ops/test.sh runs it against the built jar so that the README stays true.
#
#   ops/walkthrough.sh [FERRY_URL] [CLUSTER_PORT]      defaults: http://localhost:8080 3306
# Needs FERRY_ADMIN_PASSWORD (the admin password Ferry was started with) and FERRY_HOME (its data directory).
set -euo pipefail
FERRY="${1:-http://localhost:8080}"
CLUSTER_PORT="${2:-3306}"
AUTH="admin:${FERRY_ADMIN_PASSWORD:?set FERRY_ADMIN_PASSWORD}"
JSON='Content-Type: application/json'
step() { printf '\n# %s\n' "$*" >&2; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

step "1. health (no login needed)"
curl -sf "$FERRY/actuator/health" | field "['status']"

step "2. register a cluster (MySQL/MariaDB on 127.0.0.1:$CLUSTER_PORT, user root)"
CLUSTER=$(curl -sf -u "$AUTH" -H "$JSON" -d "{\"name\":\"walkthrough-$$\",\"kind\":\"MYSQL\",\"host\":\"127.0.0.1\",\"port\":$CLUSTER_PORT,\"user\":\"root\",\"password\":\"\"}" \
  "$FERRY/api/v1/clusters" | field "['data']['clusterId']")
echo "clusterId=$CLUSTER"

step "3. test the connection"
curl -sf -u "$AUTH" -X POST "$FERRY/api/v1/clusters/$CLUSTER/test" | field "['data']"

step "4. export it to NFS storage"
RECORD=$(curl -sf -u "$AUTH" -H "$JSON" -d "{\"clusterId\":\"$CLUSTER\",\"storageType\":\"nfs\",\"fileType\":\"sql\",\"comment\":\"walk-through\"}" \
  "$FERRY/api/v1/clusters/export" | field "['data']['recordId']")
echo "recordId=$RECORD"

step "5. list the record until it is Finished"
for _ in $(seq 1 120); do
  STATUS=$(curl -sf -u "$AUTH" "$FERRY/api/v1/clusters/transport?recordId=$RECORD" | field "['data']['transportRecords'][0]['status']")
  [[ "$STATUS" == Processing || "$STATUS" == Queued ]] || break
  sleep 1
done
curl -sf -u "$AUTH" "$FERRY/api/v1/clusters/transport?recordId=$RECORD" | python3 -m json.tool
[[ "$STATUS" == Finished ]] || { echo "export ended $STATUS" >&2; exit 1; }

step "6. find the files"
FILES=$(curl -sf -u "$AUTH" "$FERRY/api/v1/clusters/transport?recordId=$RECORD" | field "['data']['transportRecords'][0]['filePath']")
echo "$(find "$FILES" -maxdepth 1 -type f | wc -l) files in $FILES"
ls -l "$FILES/metadata"
test -f "$FILES/metadata"
