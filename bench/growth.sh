#!/usr/bin/env bash
# Growth: pre-loads 10 000 and then 1 000 000 rows into the client and refresh-token tables (SQL generated in
# PostgreSQL with generate_series) and re-runs the token-issuance and refresh scenarios after each step, with
# EXPLAIN (ANALYZE) of the hot queries. Results go to bench/results/growth.json and bench/RESULTS.md.
#   bench/growth.sh [--quick] [--growth-sizes 10000,1000000] [--connections 16] [run.sh options]
exec "$(cd "$(dirname "$0")" && pwd)/run.sh" --growth --no-keycloak --connections 16 "$@"
