#!/usr/bin/env bash
# Scheduler entry point: runs the nightly pipeline up to tonight's business date (yesterday, by
# default) with the configured folders, catching up any night that was missed, and exits with the
# pipeline's code: 0 completed, 1 failed (run `restart --date D`), 2 configuration error,
# 3 refused (already complete, out of order, or running elsewhere).
#
# Configuration (environment):
#   ARREARS_INPUT    folder the day's files are delivered to            (required)
#   ARREARS_OUTPUT   folder the outputs go to (<output>/yyyyMMdd/)      (required)
#   ARREARS_POLICY   policy file (default: the policy shipped in the jar)
#   ARREARS_JAR      the pipeline jar (default: target/arrears-pipeline.jar beside this folder)
#   BUSINESS_DATE    the date to run up to (default: yesterday)
#   JAVA_OPTS        JVM options (default: -Xmx2g)
#   SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD   the database
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
: "${ARREARS_INPUT:?set ARREARS_INPUT to the delivery folder}"
: "${ARREARS_OUTPUT:?set ARREARS_OUTPUT to the output folder}"
jar="${ARREARS_JAR:-$here/../target/arrears-pipeline.jar}"
date="${BUSINESS_DATE:-$(date -d yesterday +%F)}"

args=(catch-up --to "$date" --input "$ARREARS_INPUT" --output "$ARREARS_OUTPUT")
[ -n "${ARREARS_POLICY:-}" ] && args+=(--policy "$ARREARS_POLICY")
# On an empty database, start at tonight's date.
args+=(--from "$date")

# exec: the scheduler's SIGTERM reaches the JVM, which stops the night at a chunk boundary.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx2g} -jar "$jar" "${args[@]}"
