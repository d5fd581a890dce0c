#!/usr/bin/env bash
# Builds the sample shop and runs it on http://localhost:8080 with the `dev` profile: fluxa-embedded
# starts a MariaDB and a Redis from Maven artifacts (data in .fluxa/embedded/dev, kept between runs),
# so nothing needs to be installed or running. Needs only a JDK 17+.
# Extra arguments go to the application, e.g. --server.port=9090 or --fluxa.embedded.data=fresh.
# To use the system services instead: bash scripts/services.sh, then
#   java -jar sample-app/target/sample-app-*.jar
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -ntp -q -pl sample-app -am -DskipTests package
exec java -jar sample-app/target/sample-app-*.jar --spring.profiles.active=dev "$@"
