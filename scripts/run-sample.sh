#!/usr/bin/env bash
# Builds the sample shop and runs it on http://localhost:8080 against the local MariaDB and Redis.
# Extra arguments go to the application, e.g. --server.port=9090.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
./mvnw -B -ntp -q -pl sample-app -am -DskipTests package
exec java -jar sample-app/target/sample-app-*.jar "$@"
