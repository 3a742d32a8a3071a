#!/usr/bin/env bash
# `make bench`: council-scale data in a PostgreSQL database of its own, then tools/bench.py.
# BENCH_DATABASE_URL names the database (created if missing), BENCH_REDIS_URL the cache;
# BENCH_SECONDS and BENCH_CONNECTIONS tune wrk. Seeding is skipped when the data is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
fi
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://coproduce:coproduce@127.0.0.1:5432/coproduce_bench}"
export DEBUG=true
# The cache production has (Redis: sessions, cached results), when BENCH_REDIS_URL names one;
# without it each gunicorn worker keeps its own cache in memory.
export REDIS_URL="${BENCH_REDIS_URL:-}"
# One key for the sessions tools/bench.py mints and the gunicorn that reads them.
export SECRET_KEY="bench-only-key-$(hostname)-not-for-production"
database="${DATABASE_URL##*/}"
psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 \
  || psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$database\""
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0  # gunicorn serves them as in production
.venv/bin/python manage.py seed_scale --scale "${BENCH_SCALE:-1}"
psql "$DATABASE_URL" -qc "ANALYZE"  # planner statistics, as a live database would have
.venv/bin/python tools/bench.py
