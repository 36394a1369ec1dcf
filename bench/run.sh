#!/usr/bin/env bash
# Gatehouse vs Keycloak benchmark: ONE command. See bench/README.md.
#
#   bench/run.sh              full run (10 s warm-up + 30 s measured per cell, 16 and 64 connections)
#   bench/run.sh --quick      smoke run (3 s + 5 s)
#   bench/run.sh --jmh        JWS sign/verify micro-benchmarks (JMH, jose4j) instead of the HTTP run
#   bench/run.sh --growth     growth mode (same as bench/growth.sh)
#   bench/run.sh --profile    also profile every JVM of both systems during each measured run (async-profiler)
#
# Build control: --build (always rebuild Gatehouse), --no-build (use the jars as they are). By default Gatehouse
# is rebuilt (mvn -B -q package -DskipTests at the repository root) when a source or pom is newer than its jars.
# package, not install: the reactor hands platform-common's fresh jar to the services, and ~/.m2 stays untouched.
# Every other option goes to bench/lib/bench.py (--help lists them: --connections, --scenarios, --port-base,
# --kc-port, --jvm-opts, --no-keycloak, --warmup, --duration, ...).
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$BENCH")"
KC_VERSION=26.7.3
KC_HOME="$BENCH/.cache/keycloak-$KC_VERSION"
AP_VERSION=4.1
AP_LIB="$BENCH/.cache/async-profiler-$AP_VERSION/linux-x64/libasyncProfiler.so"

build=auto
mode=http
quick=false
args=()
for arg in "$@"; do
  case "$arg" in
    --build) build=always ;;
    --no-build) build=never ;;
    --jmh) mode=jmh ;;
    --quick) quick=true; args+=("$arg") ;;
    --profile) args+=(--profiler-lib "$AP_LIB") ;;
    -h|--help) sed -n '2,14p' "$0"; echo; exec python3 "$BENCH/lib/bench.py" --help ;;
    *) args+=("$arg") ;;
  esac
done

say() { echo "[bench] $*" >&2; }

need() {
  command -v "$1" >/dev/null 2>&1 || { say "missing $1: $2"; exit 1; }
}

# ---------------------------------------------------------------- JMH
if [[ "$mode" == jmh ]]; then
  need java "install a JDK 17"
  need mvn "install Maven 3.8+"
  cd "$BENCH/jmh"
  say "building bench/jmh (JMH 1.37, jose4j from the Quarkus BOM)"
  mvn -B -q package -DskipTests
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
  # Short forks and iterations: the machine is small and shared; one fork keeps the run under ~3 minutes.
  if [[ "$quick" == true ]]; then jmh_opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s); else jmh_opts=(-f 1 -wi 3 -w 3s -i 5 -r 3s); fi
  mkdir -p "$BENCH/results"
  raw="$BENCH/.work/jmh-raw.json"
  mkdir -p "$BENCH/.work"
  java -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main "${jmh_opts[@]}" -t 1 \
    -rf json -rff "$raw" JwsBenchmark
  label="bench/run.sh --jmh"; [[ "$quick" == true ]] && label="$label --quick"
  python3 "$BENCH/lib/report.py" jmh "$raw" "$label" \
    "JMH ${jmh_opts[*]} -t 1, $(nproc) CPUs, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  say "JMH results stored in bench/results/jmh.json and bench/RESULTS.md"
  exit 0
fi

# ---------------------------------------------------------------- prerequisites
need java "install a JDK 17"
need mvn "install Maven 3.8+"
need python3 "install Python 3 (standard library only)"
need curl "apt-get install -y curl"
if ! command -v wrk >/dev/null 2>&1; then
  say "installing wrk (Debian package)"
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=sudo; else sudo_cmd=; fi
  $sudo_cmd apt-get install -y -q wrk >/dev/null 2>&1 || { $sudo_cmd apt-get update -q >/dev/null && $sudo_cmd apt-get install -y -q wrk >/dev/null; }
fi
need wrk "apt-get install -y wrk"
if [[ " ${args[*]-} " == *" --growth "* ]]; then need psql "apt-get install -y postgresql-client"; fi

# ---------------------------------------------------------------- Gatehouse build
# module -> the artifact `mvn package` leaves in its target/ (bench.py copies these quarkus-app directories and the
# launcher with its lib/, and starts them from the copy; nothing is read from ~/.m2). A module is stale when a file
# of its own (src/main, pom.xml) is newer than its artifact; platform-common and the root pom make every service
# stale. (Maven leaves an up-to-date jar untouched, so comparing everything with the oldest artifact would rebuild
# forever.)
declare -A artifact=(
  [registration-service]=registration-service/target/quarkus-app/quarkus-run.jar
  [authorization-service]=authorization-service/target/quarkus-app/quarkus-run.jar
  [token-service]=token-service/target/quarkus-app/quarkus-run.jar
  [resource-service]=resource-service/target/quarkus-app/quarkus-run.jar
  [local-edge]=local-edge/target/local-edge.jar
)
stale_reason() {
  local module jar newer
  cd "$REPO"
  for module in "${!artifact[@]}"; do
    jar=${artifact[$module]}
    [[ -f "$jar" ]] || { echo "missing $jar"; return; }
    newer=$(find "$module/pom.xml" "$module/src/main" -newer "$jar" -type f -print -quit 2>/dev/null || true)
    if [[ -z "$newer" && "$module" == *-service ]]; then
      newer=$(find pom.xml platform-common/pom.xml platform-common/src/main -newer "$jar" -type f -print -quit \
                2>/dev/null || true)
    fi
    [[ -n "$newer" ]] && { echo "$newer is newer than $jar"; return; }
  done
  return 0
}
if [[ "$build" != never ]]; then
  reason=$([[ "$build" == always ]] && echo "--build" || stale_reason)
  if [[ -n "$reason" ]]; then
    say "building Gatehouse ($reason): mvn -B -q package -DskipTests"
    if ! (cd "$REPO" && mvn -B -q package -DskipTests); then
      if [[ -z "$(stale_reason | grep '^missing' || true)" ]]; then
        say "WARNING: the build failed; benchmarking the jars already built (see RESULTS.md: worktree state)"
      else
        say "the build failed and some jars are missing"; exit 1
      fi
    fi
  else
    say "Gatehouse jars are newer than its sources: no build"
  fi
fi

# ---------------------------------------------------------------- Keycloak distribution (cached, git-ignored)
if [[ ! -x "$KC_HOME/bin/kc.sh" ]] && [[ " ${args[*]-} " != *" --no-keycloak "* ]]; then
  mkdir -p "$BENCH/.cache"
  zip="$BENCH/.cache/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    say "fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central"
    mvn -B -q dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip \
      -DoutputDirectory="$BENCH/.cache"
  fi
  say "unpacking Keycloak into bench/.cache"
  (cd "$BENCH/.cache" && python3 -m zipfile -e "$zip" . && chmod +x "$KC_HOME"/bin/*.sh)
fi

# ---------------------------------------------------------------- async-profiler (--profile; cached, git-ignored)
if [[ " ${args[*]-} " == *" --profiler-lib "* && ! -f "$AP_LIB" ]]; then
  [[ "$(uname -m)" == x86_64 ]] || { say "--profile: this script unpacks async-profiler's linux-x64 library only"; exit 1; }
  say "fetching tools.profiler:async-profiler:$AP_VERSION from Maven Central"
  mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:$AP_VERSION -DoutputDirectory="$BENCH/.cache"
  (cd "$BENCH/.cache" && python3 -m zipfile -e "async-profiler-$AP_VERSION.jar" "async-profiler-$AP_VERSION")
fi

BENCH_COMMAND="bench/$(basename "$0") $*" exec python3 "$BENCH/lib/bench.py" ${args[@]+"${args[@]}"}
