#!/usr/bin/env bash
# Regenerates the sample app's code with the plugin of this checkout and copies it over the golden
# copy in sample-app/src/test/golden, which GeneratedCodeGoldenTest compares byte for byte.
# Run it after an intended change of the generated code, then review and commit the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
# package (not just generate-sources) so the reactor's plugin build is the one that runs
./mvnw -B -ntp -q package -DskipTests -pl sample-app -am
golden=sample-app/src/test/golden
rm -rf "$golden"
mkdir -p "$golden/sources" "$golden/resources"
cp -R sample-app/target/generated-sources/fluxa/. "$golden/sources/"
cp -R sample-app/target/generated-resources/fluxa/. "$golden/resources/"
git status --short -- "$golden"
