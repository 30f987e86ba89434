#!/usr/bin/env bash
# ./yocho demo — runs the pipeline's steps in turn on the default universe.
# With --json every step runs with --json and the demo prints one object: {"seconds": …, "<step>": {…}}.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
Y="$ROOT/yocho"

firms=20000; db="data/yocho.duckdb"; models="models"; json=""; serve=1; port=7070
while [ $# -gt 0 ]; do
  case "$1" in
    --firms) [ $# -ge 2 ] || { echo "yocho demo: --firms needs a number" >&2; exit 2; }; firms="$2"; shift 2 ;;
    --firms=*) firms="${1#*=}"; shift ;;
    --db) [ $# -ge 2 ] || { echo "yocho demo: --db needs a path" >&2; exit 2; }; db="$2"; shift 2 ;;
    --models) [ $# -ge 2 ] || { echo "yocho demo: --models needs a directory" >&2; exit 2; }; models="$2"; shift 2 ;;
    --port) [ $# -ge 2 ] || { echo "yocho demo: --port needs a number" >&2; exit 2; }; port="$2"; shift 2 ;;
    --no-serve) serve=""; shift ;;
    --json) json=1; shift ;;
    -h|--help)
      cat <<'USAGE'
Usage: ./yocho demo [--firms N] [--db FILE] [--models DIR] [--no-serve] [--port P] [--json]
Runs the pipeline on the default universe (20,000 firms, 2021-01-01 to 2025-12-31, seed 42):
generate into FILE (default data/yocho.duckdb; an existing FILE is replaced only if an earlier
demo made it and no running serve holds it) and print its summary (firms, defaults
per year, default rates by industry and size, each realism target, the oracle AUC); print the
feature data-quality summary as of the last day; train both data tiers into DIR (default models)
and print the out-of-time metrics beside the oracle AUC; refresh the grades at every month-end of
2025 and every day of its last 30 days; print the latest grade distribution and the five largest
downgrades of the last day with their explanations in Japanese and English; backtest the bundle
over the month-ends of 2023-2024 (the headline only on dates whose labels do not overlap training) and write the validation report (reports/validation/report.html,
or REPORTS beside DIR when --models DIR is given) and print its path; then (unless --no-serve)
create a viewer key in keys.json beside FILE, print an example curl for the largest downgrade's
explanation, and serve the HTTP API on 127.0.0.1:P (default 7070) in the foreground.
USAGE
      exit 0 ;;
    *) echo "yocho demo: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$firms" in ''|*[!0-9]*) echo "yocho demo: --firms must be a positive whole number, was '$firms'" >&2; exit 2 ;; esac
case "$port" in ''|*[!0-9]*) echo "yocho demo: --port must be a number, was '$port'" >&2; exit 2 ;; esac

# refresh every month-end of the last year, then every day of the last 30
refresh_dates="2025-01-31,2025-02-28,2025-03-31,2025-04-30,2025-05-31,2025-06-30,2025-07-31"
refresh_dates="$refresh_dates,2025-08-31,2025-09-30,2025-10-31,2025-11-30"
for d in $(seq 1 30); do
  refresh_dates="$refresh_dates,$(date -u -d "2025-12-01 + $d days" +%F)"
done

# The HTTP step: a fresh viewer key, an example curl for the day's largest downgrade, then the
# service in the foreground (it owns the database until stopped with Ctrl-C).
serve_api() {
  local keys id secret last firm from
  keys="$(dirname "$db")/keys.json"
  id="demo-$(date -u +%Y%m%dT%H%M%S)"
  secret=$("$Y" keys add --keys "$keys" --id "$id" --role viewer | tail -n 1)
  last=$("$Y" transitions --db "$db" --models "$models" --as-of 2025-12-31 --direction down \
    --limit 1 --json | tail -n 1)
  firm=$(printf '%s' "$last" | grep -o '"firm_id":[0-9]*' | head -n 1 | cut -d: -f2)
  from=$(printf '%s' "$last" | grep -o '"previous_as_of":"[0-9-]*"' | head -n 1 | cut -d'"' -f4)
  echo
  echo "== serving the HTTP API on http://127.0.0.1:$port (viewer key '$id' in $keys; Ctrl-C stops)"
  echo "   OpenAPI: curl http://127.0.0.1:$port/openapi.json"
  echo "   why the largest downgrade of 2025-12-31 happened:"
  echo "   curl -H \"Authorization: Bearer $secret\" \"http://127.0.0.1:$port/api/v1/firms/$firm/explain?from=$from&to=2025-12-31&lang=ja\""
  exec "$Y" serve --db "$db" --models "$models" --port "$port" --keys "$keys"
}

# the validation report: under reports/ by default, beside the models directory when one is given
if [ "$models" = "models" ]; then report="reports/validation"; else report="$(dirname "$models")/reports/validation"; fi
# backtest the trained bundle over the last two labelled years (labels are complete up to 2024-12-31)
backtest_from="2023-01-31"; backtest_to="2024-12-31"

start=$(date +%s%N)
elapsed() {  # seconds since start, with milliseconds, without bc
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}
if [ -n "$json" ]; then
  gen=$("$Y" generate --db "$db" --firms "$firms" --owner demo --overwrite --json | tail -n 1)
  sum=$("$Y" summary --db "$db" --json | tail -n 1)
  feat=$("$Y" features --db "$db" --as-of 2025-12-31 --json | tail -n 1)
  train=$("$Y" train --db "$db" --models "$models" --json | tail -n 1)
  refresh=$("$Y" refresh --db "$db" --models "$models" --as-of "$refresh_dates" --quiet --json | tail -n 1)
  moves=$("$Y" transitions --db "$db" --models "$models" --as-of 2025-12-31 --direction down \
    --limit 5 --explain --lang ja,en --json | tail -n 1)
  backtest=$("$Y" backtest --db "$db" --models "$models" --from "$backtest_from" --to "$backtest_to" \
    --report "$report" --json | tail -n 1)
  printf '{"seconds":%s,"generate":%s,"summary":%s,"features":%s,"train":%s,"refresh":%s,"downgrades":%s,"backtest":%s}\n' \
    "$(elapsed)" "$gen" "$sum" "$feat" "$train" "$refresh" "$moves" "$backtest"
  if [ -n "$serve" ]; then serve_api >&2; fi
else
  echo "== yocho demo: generate the default universe ($firms firms, 2021-01-01 to 2025-12-31, seed 42)"
  "$Y" generate --db "$db" --firms "$firms" --owner demo --overwrite
  echo
  echo "== summary"
  "$Y" summary --db "$db"
  echo
  echo "== features: data quality of every live firm's features as of 2025-12-31"
  "$Y" features --db "$db" --as-of 2025-12-31
  echo
  echo "== train: GBM per data tier (as-of dates 2021-01 to 2023-06; honest out of time on 2024-06 to 2024-12, whose labels no training label overlaps), bundle in $models/"
  "$Y" train --db "$db" --models "$models"
  echo
  echo "== refresh: every month-end of 2025, then every day of December (41 dates)"
  "$Y" refresh --db "$db" --models "$models" --as-of "$refresh_dates" --quiet | tail -n 13
  echo
  echo "== the five largest downgrades of 2025-12-31, explained (日本語 / English)"
  "$Y" transitions --db "$db" --models "$models" --as-of 2025-12-31 --direction down --limit 5 \
    --explain --lang ja,en
  echo
  echo "== backtest: the bundle over every month-end from $backtest_from to $backtest_to, validation report"
  "$Y" backtest --db "$db" --models "$models" --from "$backtest_from" --to "$backtest_to" \
    --report "$report" --quiet
  echo
  printf '== demo done in %s s (database: %s)\n' "$(elapsed)" "$db"
  if [ -n "$serve" ]; then serve_api; fi
fi
