#!/bin/sh
# Regenerates k8s/base (the kustomize base) from the Helm chart k8s/helm/gatehouse with its default values,
# through the Helm engine bundled in the Maven artifact helm-java (no helm binary, no cluster): the same
# rendering path RenderedBaseUpToDateTest compares the committed files with. Run it after every chart change
# and commit the result.
set -eu
cd "$(dirname "$0")/.."
# Offline first (the usual case once the module has been built); online when the dependencies are missing.
# -Dgatehouse.render-only: without the services' build-order dependencies (k8s/pom.xml), which need a reactor.
mvn -B -q -o -pl k8s -Dgatehouse.render-only compile exec:java 2>/dev/null || mvn -B -q -pl k8s -Dgatehouse.render-only compile exec:java
