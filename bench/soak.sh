#!/usr/bin/env bash
# Soak test (not in CI): holds a mixed load at a fixed rate for 10 minutes against the local run and records errors
# and each service's RSS every 30 s. See bench/lib/soak.py --help for the rates and options.
#
#   bench/soak.sh                        10 minutes: token 8/s, refresh 5/s, bearer GET 40/s, API-key GET 15/s
#   bench/soak.sh --duration 120         a shorter run
#
# Needs the packaged platform (mvn -B -q package -DskipTests), wrk (Debian: apt-get install -y wrk) and Python 3.
# wrk paces through bench/wrk/paced.lua (a per-connection delay), since wrk2's constant-rate mode is not packaged.
# Exit status 1 when any request failed. Results in bench/results/soak.json.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$BENCH")"

command -v wrk >/dev/null 2>&1 || { echo "[soak] missing wrk: apt-get install -y wrk" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "[soak] missing python3" >&2; exit 1; }
for service in registration-service authorization-service token-service resource-service; do
  [[ -f "$REPO/$service/target/quarkus-app/quarkus-run.jar" ]] \
    || { echo "[soak] $service is not packaged: mvn -B -q package -DskipTests" >&2; exit 1; }
done
[[ -f "$REPO/local-edge/target/local-edge.jar" ]] || { echo "[soak] local-edge is not packaged" >&2; exit 1; }

exec python3 "$BENCH/lib/soak.py" "$@"
