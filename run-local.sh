#!/usr/bin/env bash
# Runs the whole Gatehouse platform on this machine: embedded PostgreSQL, the four services and the public edge
# on http://localhost:8080. Ctrl-C stops everything. Options: ./run-local.sh --help (prints them without building)
#   --build   rebuild first (otherwise it builds only when the packaged jars are missing)
set -euo pipefail

cd "$(dirname "$0")"

build=false
help=false
args=()
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    --help|-h) help=true ;;
    *) args+=("$arg") ;;
  esac
done

# --help never builds: the launcher prints its usage when it is built, this script the same text when it is not.
if [[ "$help" == true ]]; then
  if [[ -f local-edge/target/local-edge.jar ]]; then
    exec java -jar local-edge/target/local-edge.jar --help
  fi
  usage=$(<local-edge/src/main/resources/org/gatehouse/edge/usage.txt)
  defaults="the launcher's tuned defaults, printed by --help once built"
  printf '%s\n' "${usage//%s/$defaults}"
  exit 0
fi

jars=(
  local-edge/target/local-edge.jar
  registration-service/target/quarkus-app/quarkus-run.jar
  authorization-service/target/quarkus-app/quarkus-run.jar
  token-service/target/quarkus-app/quarkus-run.jar
  resource-service/target/quarkus-app/quarkus-run.jar
)
if [[ "$build" == false ]]; then
  for jar in "${jars[@]}"; do
    [[ -f "$jar" ]] || { build=true; break; }
  done
fi

if [[ "$build" == true ]]; then
  echo "[gatehouse] building (mvn -B -q package -DskipTests)..." >&2
  mvn -B -q package -DskipTests
fi

# exec: the JVM replaces this shell, so Ctrl-C and kill -TERM reach its shutdown hook directly.
exec java -jar local-edge/target/local-edge.jar ${args[@]+"${args[@]}"}
