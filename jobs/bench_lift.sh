#!/usr/bin/env bash
# Benchmark of the intraday lift (SPEC 13, issue 19): one generated night of the given size on a fresh
# MariaDB database, then a lift of one intraday payments file (payments of 100 to evenly spread existing
# accounts), timed as a process (JVM start-up included) and against `status` (start-up alone); with
# --night, the next night too (its close should take the lifted entries into the posting sums).
#
#   jobs/bench_lift.sh [--accounts 100000] [--spend N (3 per account)] [--lift 10000] [--night] [--no-build]
#                      [--keep] [--xmx 2g]
#
# Database: root without password on 127.0.0.1:3306 unless BENCH_MYSQL / BENCH_JDBC_BASE say otherwise
# (as jobs/bench.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

accounts=100000 spend="" lift=10000 night=no build=yes keep=no xmx=2g first=2026-11-26
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --lift) lift=$2; shift 2 ;;
    --spend) spend=$2; shift 2 ;;
    --night) night=yes; shift ;;
    --no-build) build=no; shift ;;
    --keep) keep=yes; shift ;;
    --xmx) xmx=$2; shift 2 ;;
    *) sed -n '2,10p' "$0" >&2; exit 2 ;;
  esac
done

mysql_cmd=${BENCH_MYSQL:-"mariadb -uroot --protocol=tcp -h127.0.0.1"}
jdbc_base=${BENCH_JDBC_BASE:-"jdbc:mysql://127.0.0.1:3306"}
sql() { $mysql_cmd "$@"; }
[ "$build" = yes ] && ./mvnw -q -B package -DskipTests

work=$(mktemp -d /tmp/p4p-bench-lift.XXXXXX)
db="arrears_bench_lift_$(date +%Y%m%d%H%M%S)_$$"
cleanup() {
  if [ "$keep" = no ]; then sql -e "DROP DATABASE IF EXISTS $db" || true; rm -rf "$work"
  else echo "kept database $db and folder $work"; fi
}
trap cleanup EXIT
sql -e "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
export SPRING_DATASOURCE_URL="$jdbc_base/$db" SPRING_DATASOURCE_USERNAME=root SPRING_DATASOURCE_PASSWORD=
# a copy of the jar, so that a build during the benchmark does not change it
cp target/arrears-pipeline.jar "$work/"
cp -r target/test-classes "$work/bench-classes" # the night generator (test code)
pipeline() { java -Xmx"$xmx" -jar "$work/arrears-pipeline.jar" "$@"; }
seconds() { echo "$(date +%s.%N) - $1" | bc; }

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM; load average $(cut -d' ' -f1-3 /proc/loadavg)"
spend=${spend:-$((accounts * 3))}
echo "size: $accounts accounts, $spend spend rows and $((accounts / 10)) payments per night, lift of $lift payments"
java -cp "$work/bench-classes" com.p4p.arrears.ops.bench.NightGenerator --out "$work/in" --accounts "$accounts" \
  --spend "$spend" --payments $((accounts / 10)) --nights 2 --date "$first" --balances false
d1=$first d2=$(date -d "$first + 1 day" +%F)
ymd1=$(date -d "$d1" +%Y%m%d) ymd2=$(date -d "$d2" +%Y%m%d)
t=$(date +%s.%N); pipeline run --date "$d1" --input "$work/in" --output "$work/out" > "$work/night1.log" 2>&1
printf 'night %s: %.1f s\n' "$d1" "$(seconds "$t")"

# the lift file: well-formed accounts of the first snapshot, every k-th, one payment of 100 each
file="$work/lift/payments_${ymd2}_101500.csv"
mkdir -p "$work/lift"
grep -E '^ACC[0-9]{8},[A-Za-z0-9_.-]+,(USD|EUR|CNY|JPY),' "$work/in/accounts_$ymd1.csv" | cut -d, -f1,3 | sort -u -t, -k1,1 \
  | awk -F, -v n="$lift" -v d="$d2" 'NR == 1 {print "payment_id,account_id,type,amount,currency,channel,paid_date,original_payment_id"}
      {line[NR] = $0} END {k = NR / n; if (k < 1) k = 1; c = 0
        for (i = 1; i <= NR && c < n; i += k) { split(line[int(i)], f, ","); c++
          printf "LIFT%07d,%s,PAYMENT,100,%s,CARD,%s,\n", c, f[1], f[2], d }
        printf "TRAILER,%d,%d\n", c, 100 * c }' > "$file"
echo "lift file: $(($(wc -l < "$file") - 2)) rows"

t=$(date +%s.%N); pipeline status > /dev/null 2>&1; startup=$(seconds "$t")
t=$(date +%s.%N); pipeline lift --input "$file" --output "$work/out" > "$work/lift.log" 2>&1 || { tail -20 "$work/lift.log"; exit 1; }
wall=$(seconds "$t")
printf 'lift: %.1f s as a process; `status` (JVM and Spring start-up, no work) %.1f s; the lift itself about %.1f s\n' \
  "$wall" "$startup" "$(echo "$wall - $startup" | bc)"
sql -N "$db" -e "SELECT CONCAT('  lift job steps: ', GROUP_CONCAT(CONCAT(s.STEP_NAME, ' ', ROUND(TIMESTAMPDIFF(MICROSECOND, s.START_TIME, s.END_TIME) / 1e6, 1), ' s') ORDER BY s.STEP_EXECUTION_ID SEPARATOR ', '))
  FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'lift'"
grep -E ',(rows|posted|suspended|duplicate),payments,' "$work/out/$ymd2/intraday/101500/recon_summary.csv" \
  | awk -F, '{printf "%s=%s ", $2, $4} END {print ""}' | sed 's/^/  lift: /'
echo "  lifted actions: $(($(wc -l < "$work/out/$ymd2/intraday/101500/enforcement_actions.csv") - 1))"

if [ "$night" = yes ]; then
  t=$(date +%s.%N); pipeline run --date "$d2" --input "$work/in" --output "$work/out" > "$work/night2.log" 2>&1
  printf 'night %s with the lift: %.1f s; %s\n' "$d2" "$(seconds "$t")" \
    "$(grep -o 'closeLedgerDay: the day.s movements [^)]*)' "$work/night2.log" | head -1)"
  grep -E ',intraday_(files|posted),payments,' "$work/out/$ymd2/recon_summary.csv" | awk -F, '{printf "  %s=%s\n", $2, $4}'
fi
