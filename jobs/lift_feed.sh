#!/usr/bin/env bash
# The intraday feed (SPEC 13): lifts every payments_yyyyMMdd_HHmmss.csv waiting in $ARREARS_INTRADAY,
# oldest file time first, and moves each lifted one to $ARREARS_INTRADAY/lifted/. Run it every minute
# (jobs/crontab.example); a file that cannot be lifted now stays and is tried again next time:
#   exit 1 (failed; e.g. a bad trailer): the next try resumes it, so deliver a corrected file under the
#          same name;
#   exit 3 (refused, nothing changed): a night or another lift is running (tried again next minute), or
#          the file is not of the open business date (one of the next date waits for tonight's night;
#          one of a past date never lifts: its payments belong in that night's file), or it was
#          already lifted (moved to lifted/).
# Output folder, policy and database as for jobs/nightly.sh (ARREARS_OUTPUT, ARREARS_POLICY, SPRING_DATASOURCE_*).
set -uo pipefail
cd "$(dirname "$0")/.."
: "${ARREARS_INTRADAY:?set ARREARS_INTRADAY to the folder the payment processors deliver intraday files to}"
: "${ARREARS_OUTPUT:?set ARREARS_OUTPUT}"
mkdir -p "$ARREARS_INTRADAY/lifted"
policy=()
[ -n "${ARREARS_POLICY:-}" ] && policy=(--policy "$ARREARS_POLICY")
status=0
for file in $(ls "$ARREARS_INTRADAY" | grep -E '^payments_[0-9]{8}_[0-9]{6}\.csv$' | sort); do
  out=$(java -jar target/arrears-pipeline.jar lift --input "$ARREARS_INTRADAY/$file" --output "$ARREARS_OUTPUT" "${policy[@]}" 2>&1)
  rc=$?
  echo "$(date '+%F %T') $file exit $rc: $(echo "$out" | tail -1)"
  if [ $rc -eq 0 ] || { [ $rc -eq 3 ] && echo "$out" | grep -q 'already lifted'; }; then
    mv "$ARREARS_INTRADAY/$file" "$ARREARS_INTRADAY/lifted/"
  elif [ $rc -eq 3 ] && echo "$out" | grep -q 'is running'; then
    break # a night (or a lift started by hand) holds the lock: the rest waits for the next minute
  elif [ $rc -ne 3 ]; then
    status=$rc
  fi
done
exit $status
