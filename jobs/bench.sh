#!/usr/bin/env bash
# Benchmark of the nightly job (issue 6): generates nights of the given size under /tmp, runs the real
# jar night after night on a fresh MariaDB database, and compares spend ingestion and the whole night
# with LOAD DATA LOCAL INFILE of the same spend file into a bare table on the same server.
#
#   jobs/bench.sh --accounts 1000000 --spend 10000000 --payments 1000000 [--nights 2]
#
# Options: --xmx 2g (JVM heap), --java-opts "..." (more JVM options, e.g. -Dpipeline.chunk-size=5000),
# --no-build (use target/ as it is), --keep (keep the database and /tmp folder), --no-balances,
# --no-floor (skip the ledger-insert floor measured after each night, about two minutes at full size),
# --date 2026-11-26 (first business date), --seed 42, --policy FILE (the nights' policy; default: the
# shipped one, e.g. a copy with a runway block to measure the forecast's cost),
# --buffer-pool 8G (sets the server's innodb_buffer_pool_size for the run and puts it back after; the
# default leaves the server as it is), --redo-log 2G (sets the server's redo log size the same way:
# innodb_log_file_size on MariaDB 10.11+, innodb_redo_log_capacity on MySQL 8.0.30+: with a large pool
# and the 96-100 MB default, a 1M-account night keeps the checkpoint age at its limit and flushes to stay
# under it; 2G ran nights 1 and 2 of that size 4-6% faster with an 8 GB pool),
# --batched (the pipeline's bulk writes as batched multi-row inserts, as on a server that refuses LOAD
# DATA LOCAL: the jar's URL gets allowLoadLocalInfile=false; the server is not changed),
# --history-days 365 (long-history mode, issue 14: after night 1, that many days of spend history before
# the first date are generated straight into account_spend_day, for every account on 19 days out of 20,
# and added to its debits and to its credits alike, as a year of clicks paid for; the next nights then
# run with a year behind them. MariaDB's SEQUENCE engine writes the rows; the ledger's own entries are
# not generated, so what a 365-night ledger_entry costs spend ingestion is not measured by this mode;
# --ledger-entries below measures it; the tails the ageing kept are dropped with it, as their sums no
# longer hold: the next night reads from the stored anchors, as on the first night after an upgrade, and
# the night after is the steady state; before the next night the load's dirty pages are written out
# and its undo purged, as a real night 365 follows no bulk load),
# --history-after N (with --history-days: load the history after night N instead of night 1; e.g.
# --nights 4 --history-after 2 compares night 4, a year behind it and its tails kept, with night 2),
# --partitions N (passed to the jar's run: the partitioned steps run as N partitions on N threads, SPEC 12),
# --workers K (with --partitions: K `worker` processes of the same jar on this machine, one thread each,
# take the partitions over RabbitMQ (SPRING_RABBITMQ_*, default 127.0.0.1:5672) from a queue of the
# bench's own; they are stopped, and the queue deleted, at the end),
# --id-shape ordered|random (issue 14: the generator's charge and payment ids; ordered, the default, is
# CHG-yyyyMMdd-n, which the ledger's unique key only appends; random is UUIDv4, deterministic for the seed),
# --late-days N (the generator bills no charge more than N days late; the same charges and amounts,
# dated later: 7 shows what a year of history costs where late billing stays within a week; default 200),
# --ledger-entries N (issue 14: before night 1, ledger_entry is preloaded with N entries of the same id
# shape, spend and payments in the nights' proportion, a night's worth a day on the days before the
# first date, by MariaDB's SEQUENCE engine with the unique key dropped and built again afterwards (a
# sorted build: minutes, not hours), then ANALYZE. They belong to accounts HIST... that the account table
# never holds, and a ledger_day row for the day before the first date closes them: the first close takes
# the entries after it, as every close does, so nothing of a night reads them but the unique key).
# Database: root without password on 127.0.0.1:3306 unless BENCH_MYSQL ("mariadb -u... -h...") and
# BENCH_JDBC_BASE ("jdbc:mysql://host:3306") say otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

accounts=100000 spend=1000000 payments=100000 nights=1 xmx=2g java_opts="" build=yes keep=no
balances=true first=2026-11-26 seed=42 buffer_pool="" redo_log="" floor=yes history_days=0 history_after=1 url_settings=""
policy_args=()
partition_args=() workers=0 id_shape=ordered ledger_entries=0 late_days=200
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --spend) spend=$2; shift 2 ;;
    --payments) payments=$2; shift 2 ;;
    --nights) nights=$2; shift 2 ;;
    --xmx) xmx=$2; shift 2 ;;
    --java-opts) java_opts=$2; shift 2 ;;
    --date) first=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --no-build) build=no; shift ;;
    --no-balances) balances=false; shift ;;
    --keep) keep=yes; shift ;;
    --no-floor) floor=no; shift ;;
    --buffer-pool) buffer_pool=$2; shift 2 ;;
    --redo-log) redo_log=$2; shift 2 ;;
    --history-days) history_days=$2; shift 2 ;;
    --history-after) history_after=$2; shift 2 ;;
    --batched) url_settings="?allowLoadLocalInfile=false"; shift ;;
    --policy) policy_args=(--policy "$(realpath "$2")"); shift 2 ;;
    --partitions) partition_args=(--partitions "$2"); shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --id-shape) id_shape=$2; shift 2 ;;
    --ledger-entries) ledger_entries=$2; shift 2 ;;
    --late-days) late_days=$2; shift 2 ;;
    *) sed -n "2,$(($(grep -n '^set -euo pipefail' "$0" | cut -d: -f1) - 1))p" "$0" >&2; exit 2 ;;
  esac
done

mysql_cmd=${BENCH_MYSQL:-"mariadb -uroot --protocol=tcp -h127.0.0.1"}
jdbc_base=${BENCH_JDBC_BASE:-"jdbc:mysql://127.0.0.1:3306"}
sql() { $mysql_cmd "$@"; }

if [ "$build" = yes ]; then
  ./mvnw -q -B package -DskipTests
fi

work=$(mktemp -d /tmp/p4p-bench.XXXXXX)
db="arrears_bench_$(date +%Y%m%d%H%M%S)_$$"
bare="${db}_bare"
# Sets a server variable that the server resizes in the background (buffer pool, redo log) and waits
# until it reports the new size (a size the server rounds, e.g. a pool not a whole number of its chunks,
# waits the whole 300 s: give multiples of 128 MB).
set_global() {
  sql -e "SET GLOBAL $1 = $2"
  for _ in $(seq 1 300); do
    [ "$(sql -N -e "SELECT @@$1")" -eq "$2" ] && break
    sleep 1
  done
}
# MySQL 8.0.30+ sizes its redo log by innodb_redo_log_capacity; MariaDB 10.11+ by innodb_log_file_size
# (SHOW, not information_schema.GLOBAL_VARIABLES: MySQL 8 has no such table)
redo_var=innodb_log_file_size
if [ -n "$(sql -N -e "SHOW GLOBAL VARIABLES LIKE 'innodb_redo_log_capacity'")" ]; then
  redo_var=innodb_redo_log_capacity
fi
pool_before=$(sql -N -e "SELECT @@innodb_buffer_pool_size")
redo_before=$(sql -N -e "SELECT @@$redo_var")
worker_pids=()
cleanup() {
  if [ ${#worker_pids[@]} -gt 0 ]; then
    kill -TERM "${worker_pids[@]}" 2>/dev/null || true
    wait "${worker_pids[@]}" 2>/dev/null || true
    rabbitmqctl delete_queue "$queue" >/dev/null 2>&1 || true
  fi
  if [ -n "$buffer_pool" ]; then
    set_global innodb_buffer_pool_size "$pool_before" || true
  fi
  if [ -n "$redo_log" ]; then
    set_global "$redo_var" "$redo_before" || true
  fi
  if [ "$keep" = no ]; then
    sql -e "DROP DATABASE IF EXISTS $db; DROP DATABASE IF EXISTS $bare" || true
    rm -rf "$work"
  else
    echo "kept database $db and folder $work"
  fi
}
trap cleanup EXIT

case "$id_shape" in ordered | random) ;; *) echo "--id-shape must be ordered or random" >&2; exit 2 ;; esac

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$buffer_pool" ]; then
  set_global innodb_buffer_pool_size "$(numfmt --from=iec "$buffer_pool")"
fi
if [ -n "$redo_log" ]; then
  set_global "$redo_var" "$(numfmt --from=iec "$redo_log")"
fi
echo "database: $(sql -N -e "SELECT CONCAT(VERSION(), ', innodb_buffer_pool_size ', @@innodb_buffer_pool_size DIV 1048576,
  ' MB, $redo_var ', @@$redo_var DIV 1048576, ' MB')")"
echo "size: $accounts accounts, $spend spend rows, $payments payment rows per night, $nights night(s); -Xmx$xmx $java_opts"
echo "ids: $id_shape; ledger entries before night 1: $ledger_entries"
echo "policy: ${policy_args[1]:-the shipped default}"
echo "work folder $work, database $db; bulk writes: $([ -n "$url_settings" ] && echo "batched inserts (--batched)" || echo "as the server allows")"

t0=$(date +%s.%N)
java -cp target/test-classes com.p4p.arrears.ops.bench.NightGenerator --out "$work/in" --accounts "$accounts" \
  --spend "$spend" --payments "$payments" --nights "$nights" --date "$first" --seed "$seed" --balances "$balances" \
  --id-shape "$id_shape" --late-days "$late_days"
printf 'generated in %.1fs: %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$(du -sh "$work/in" | cut -f1)"

sql -e "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_bin; CREATE DATABASE $bare CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"

# The preload and the workers need the schema before night 1: the jar migrates the fresh database
# (a worker never migrates: it refuses a schema that is not its own).
if [ "$workers" -gt 0 ] || [ "$ledger_entries" -gt 0 ]; then
  SPRING_DATASOURCE_URL="$jdbc_base/$db$url_settings" SPRING_DATASOURCE_USERNAME=root SPRING_DATASOURCE_PASSWORD= \
    java -jar target/arrears-pipeline.jar status > "$work/migrate.log" 2>&1
fi

# --ledger-entries N: N entries on the days before the first date (see the header), in entry order.
# Entry s (1-based) is the k-th of its day's spend + payments rows; ids as the generator's shape names
# them (random: a UUIDv4 made of MD5(seed/s), so the preload is the same for a seed).
if [ "$ledger_entries" -gt 0 ]; then
  p0=$(date +%s.%N)
  per_day=$((spend + payments))
  days=$(((ledger_entries + per_day - 1) / per_day))
  if [ "$id_shape" = random ]; then
    id_sql="CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-4', SUBSTR(h, 14, 3), '-',
        SUBSTR('89ab', 1 + CONV(SUBSTR(h, 17, 1), 16, 10) % 4, 1), SUBSTR(h, 18, 3), '-', SUBSTR(h, 21, 12))"
  else
    id_sql="IF(k < $spend, CONCAT('CHG-', DATE_FORMAT(day, '%Y%m%d'), '-', LPAD(k + 1, 9, '0')),
        CONCAT('PAY-', DATE_FORMAT(day, '%Y%m%d'), '-', LPAD(k - $spend + 1, 8, '0')))"
  fi
  # the unique key as the migrations made it, dropped for the load and built again from it by a sort
  unique_key=$(sql -N --raw "$db" -e "SHOW CREATE TABLE ledger_entry" | grep -o 'UNIQUE KEY `uk_ledger_source_id` ([^)]*)')
  sql "$db" -e "ALTER TABLE ledger_entry DROP INDEX uk_ledger_source_id"
  for ((lo = 1; lo <= ledger_entries; lo += 5000000)); do
    hi=$((lo + 4999999 < ledger_entries ? lo + 4999999 : ledger_entries))
    sql "$db" -e "INSERT INTO ledger_entry (entry_id, source, source_id, account_id, entry_type, entry_date, amount,
        currency, campaign_id, clicks, channel, original_payment_id, posted_date, received_date, line_number)
      SELECT s, IF(k < $spend, 'spend', 'payments'), $id_sql, CONCAT('HIST', LPAD(s % $accounts, 8, '0')),
             IF(k < $spend, 'SPEND', 'PAYMENT'), day, IF(k < $spend, 0.05 + s % 97 / 10, 10 + s % 500), 'USD',
             IF(k < $spend, CONCAT('CMP-', LPAD(s % $accounts, 8, '0'), '-', s % 4), NULL), IF(k < $spend, 1 + s % 20, NULL),
             IF(k < $spend, NULL, 'CARD'), NULL, day, day, IF(k < $spend, k, k - $spend) + 2
        FROM (SELECT seq AS s, (seq - 1) % $per_day AS k,
                     DATE '$first' - INTERVAL ($days - (seq - 1) DIV $per_day) DAY AS day,
                     MD5(CONCAT('$seed/', seq)) AS h
                FROM seq_${lo}_to_${hi}) g"
  done
  p1=$(date +%s.%N)
  sql "$db" -e "ALTER TABLE ledger_entry ADD $unique_key"
  p2=$(date +%s.%N)
  sql "$db" -e "ANALYZE TABLE ledger_entry; INSERT INTO ledger_day (business_date, last_entry_id)
      VALUES (DATE '$first' - INTERVAL 1 DAY, $ledger_entries)" > /dev/null
  printf 'ledger preloaded in %.1f s: %d entries of %d days before %s (%s ids): rows %.1f s, unique key built %.1f s; %s\n' \
    "$(echo "$(date +%s.%N) - $p0" | bc)" "$ledger_entries" "$days" "$first" "$id_shape" "$(echo "$p1 - $p0" | bc)" \
    "$(echo "$p2 - $p1" | bc)" "$(sql -N "$db" -e "SELECT CONCAT('table ', ROUND(data_length / 1048576), ' MB, unique key ',
      ROUND(index_length / 1048576), ' MB') FROM information_schema.tables WHERE table_schema = '$db' AND table_name = 'ledger_entry'")"
fi

# Workers (--workers K): K workers listen on the bench's own queue (the database is migrated above).
queue="bench.$db"
if [ "$workers" -gt 0 ]; then
  [ ${#partition_args[@]} -gt 0 ] || { echo "--workers needs --partitions" >&2; exit 2; }
  java_opts="$java_opts -Dpipeline.partition-queue=$queue"
  for ((w = 1; w <= workers; w++)); do
    SPRING_DATASOURCE_URL="$jdbc_base/$db$url_settings" SPRING_DATASOURCE_USERNAME=root SPRING_DATASOURCE_PASSWORD= \
      java -Xmx"$xmx" $java_opts -jar target/arrears-pipeline.jar worker > "$work/worker_$w.log" 2>&1 &
    worker_pids+=($!)
  done
  for ((w = 1; w <= workers; w++)); do
    for _ in $(seq 1 120); do
      grep -q 'takes partitions from queue' "$work/worker_$w.log" && break
      kill -0 "${worker_pids[$((w - 1))]}" 2>/dev/null || { tail -20 "$work/worker_$w.log"; exit 1; }
      sleep 1
    done
  done
  partition_args+=(--workers)
  echo "workers: $workers processes on queue $queue (logs $work/worker_*.log)"
fi

# Loads the night's spend file into a bare table: sets load_s (seconds) and loaded (rows).
bare_load() {
  sql "$bare" -e "DROP TABLE IF EXISTS spend_raw; CREATE TABLE spend_raw (
      charge_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin, account_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
      campaign_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin, charge_date DATE, clicks BIGINT,
      amount DECIMAL(20,4), currency VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin) ENGINE=InnoDB"
  local l0
  l0=$(date +%s.%N)
  sql --local-infile=1 "$bare" -e "LOAD DATA LOCAL INFILE '$spend_file' INTO TABLE spend_raw CHARACTER SET utf8mb4
      FIELDS TERMINATED BY ',' LINES TERMINATED BY '\n' IGNORE 1 LINES" 2>/dev/null
  load_s=$(echo "$(date +%s.%N) - $l0" | bc)
  loaded=$(sql -N "$bare" -e "SELECT COUNT(*) FROM spend_raw")
  sql "$bare" -e "DROP TABLE spend_raw"
}
# The database's own floor for the night's ledger insert: the spend entries the night posted, written
# out and loaded again with one LOAD DATA (as the pipeline loads them) into an empty copy of
# ledger_entry, keys included, with nothing else running. Sets floor_s (seconds) and floor_rows.
floor_load() {
  local lines="$work/ledger_floor.tsv" l0
  sql -N --raw "$db" -e "SELECT CONCAT_WS('\t', source, source_id, account_id, entry_type, entry_date, amount, currency,
      COALESCE(campaign_id, '\\\\N'), COALESCE(clicks, '\\\\N'), '\\\\N', '\\\\N', received_date, line_number, posted_date)
      FROM ledger_entry WHERE source = 'spend' AND posted_date = '$d'
       AND entry_id > (SELECT COALESCE(MAX(last_entry_id), 0) FROM ledger_day WHERE business_date < '$d')" > "$lines"
  floor_rows=$(wc -l < "$lines")
  sql "$bare" -e "DROP TABLE IF EXISTS ledger_floor; CREATE TABLE ledger_floor LIKE $db.ledger_entry"
  l0=$(date +%s.%N)
  sql --local-infile=1 "$bare" -e "LOAD DATA LOCAL INFILE '$lines' IGNORE INTO TABLE ledger_floor CHARACTER SET utf8mb4
      FIELDS TERMINATED BY '\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\n' (source, source_id, account_id, entry_type,
      entry_date, amount, currency, campaign_id, clicks, channel, original_payment_id, received_date, line_number, posted_date)"
  floor_s=$(echo "$(date +%s.%N) - $l0" | bc)
  local loaded_rows
  loaded_rows=$(sql -N "$bare" -e "SELECT COUNT(*) FROM ledger_floor")
  [ "$loaded_rows" -eq "$floor_rows" ] || { echo "ledger floor: loaded $loaded_rows of $floor_rows lines" >&2; exit 1; }
  sql "$bare" -e "DROP TABLE ledger_floor"
  rm -f "$lines"
}

# All CPU ticks and the stolen ones, from /proc/stat.
cpu_ticks() { awk '/^cpu / {t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $9}' /proc/stat; }
steal_percent() { echo "$1 $2" | awk '{d = $3 - $1; printf "%.1f", (d > 0 ? 100 * ($4 - $2) / d : 0)}'; }

declare -a night_seconds
for ((n = 1; n <= nights; n++)); do
  d=$(date -d "$first + $((n - 1)) days" +%F)
  ymd=$(date -d "$d" +%Y%m%d)
  spend_file="$work/in/spend_$ymd.csv"

  # The yardstick: the same spend file into a bare table (the ledger's column types, no keys), loaded
  # right before and right after the night; their mean is what the night is compared with, so that a
  # machine whose speed drifts during the run (other tenants: see the steal figure) is compared fairly.
  bare_load
  load_before=$load_s
  report="$work/report_$ymd.tsv"
  echo
  echo "== night $n: $d  (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  steal0=$(cpu_ticks)
  j0=$(date +%s.%N)
  set +e
  SPRING_DATASOURCE_URL="$jdbc_base/$db$url_settings" SPRING_DATASOURCE_USERNAME=root SPRING_DATASOURCE_PASSWORD= \
    java -Xmx"$xmx" $java_opts -D"pipeline.bench.report=$report" -D"pipeline.bench.db-pid=$(pidof mariadbd mysqld 2>/dev/null | cut -d' ' -f1)" \
    -jar target/arrears-pipeline.jar \
    run --date "$d" --input "$work/in" --output "$work/out" "${policy_args[@]}" "${partition_args[@]}" \
    > "$work/job_$ymd.log" 2>&1
  rc=$?
  set -e
  wall=$(echo "$(date +%s.%N) - $j0" | bc)
  steal=$(steal_percent "$steal0" "$(cpu_ticks)")
  if [ $rc -ne 0 ]; then
    tail -30 "$work/job_$ymd.log"
    echo "night $d failed (exit $rc); log in $work/job_$ymd.log"
    keep=yes
    exit 1
  fi
  grep -m1 'bulk writes:' "$work/job_$ymd.log" | sed 's/^[^ ]* [A-Z]* *[a-z]* */  /' || true
  bare_load
  load_after=$load_s
  load_s=$(echo "($load_before + $load_after) / 2" | bc -l)
  floor_s=0 floor_rows=0
  if [ "$floor" = yes ]; then
    floor_load
  fi

  awk -F'\t' -v load_s="$load_s" -v load_before="$load_before" -v load_after="$load_after" -v loaded="$loaded" \
    -v wall="$wall" -v steal="$steal" -v floor_s="$floor_s" -v floor_rows="$floor_rows" '
    $1 == "step" {
      rows = ($2 == "closeLedgerDay" || $2 == "writeOutputs" || $2 == "findMissingBalances" || $2 == "writeAccountFiles") ? $5 : $4
      rate = $6 > 0 ? rows / $6 : 0
      printf "  %-20s %10d rows %8.1f s %10.0f rows/s  heap peak %5d MB, live after GC %4d MB  cpu s: jvm %6.1f db %6.1f", $2, rows, $6, rate, $7, $8, $9, $10
      if ($11 != "" && $11 >= 0) printf "  history rows read %d", $11
      if ($12 != "" && $12 >= 0) printf "  db rows read %d", $12
      printf "\n"
      if ($2 == "ingestSpend") spend_s = $6
    }
    $1 == "job" { job_s = $6; peak = $7; live = $8; jvm_cpu = $9; db_cpu = $10; max = $11 }
    END {
      printf "  %-20s %10s      %8.1f s   (process wall time with JVM start-up %.1f s)  cpu s: jvm %.1f db %.1f\n", "whole night", "", job_s, wall, jvm_cpu, db_cpu
      printf "  CPU stolen by the hypervisor during the night: %s%%\n", steal
      printf "  LOAD DATA LOCAL INFILE of the spend file into a bare table: %d rows in %.1f s before the night, %.1f s after: mean %.1f s (%.0f rows/s)\n", loaded, load_before, load_after, load_s, loaded / load_s
      printf "  ratio spend ingestion / LOAD DATA: %.2f (target <= 2)\n", spend_s / load_s
      printf "  ratio whole night / LOAD DATA:     %.2f (target <= 5)\n", job_s / load_s
      if (floor_s > 0) {
        printf "  the ledger insert alone: the %d spend entries posted tonight, one LOAD DATA into an empty copy of ledger_entry (its keys): %.1f s = %.2f x LOAD DATA\n", floor_rows, floor_s, floor_s / load_s
        printf "  ratio spend ingestion / the ledger insert alone: %.2f (what the pipeline adds to the insert itself)\n", spend_s / floor_s
      }
      printf "  JVM heap: peak in use %d MB, max live after GC %d MB, -Xmx %d MB (target <= 2048)\n", peak, live, max
      printf "NIGHT_SECONDS %.3f\n", job_s > "/dev/stderr"
    }' "$report" 2> "$work/night_$n"
  night_seconds[$n]=$(awk '/NIGHT_SECONDS/ {print $2}' "$work/night_$n")
  grep -E '^[0-9-]+,(rows|posted|rejected|duplicate|conflict|suspended|currency_mismatch|unsuspended),spend,' \
    "$work/out/$ymd/recon_summary.csv" | awk -F, '{printf "%s=%s ", $2, $4} END {print ""}' | sed 's/^/  spend: /'
  for f in account_status enforcement_actions credit_impact recon_breaks rejects runway; do
    printf '  %s.csv: %d rows' "$f" "$(($(wc -l < "$work/out/$ymd/$f.csv") - 1))"
  done
  echo
  grep -hE 'classifyAccounts( partition[0-9]+)?: ([0-9]+ spend history rows|time in the writer|runway windows|of those rows)|closeLedgerDay: [0-9-]+ rows read' "$work/job_$ymd.log" \
    | sed 's/^.*\(classifyAccounts[ a-z0-9]*:\|closeLedgerDay:\)/  \1/' || true
  if [ "$n" -eq "$history_after" ] && [ "$history_days" -gt 0 ]; then
    h0=$(date +%s.%N)
    history_rows=0
    # oldest week first, then accounts, then the days of the week: the rows arrive in primary-key order
    # (charge_week, account_id, charge_date; no sort); a transaction per 4 weeks, so a year at 1M accounts
    # is not one 350M-row transaction. The amounts are those of day d.seq before the first date as before
    oldest=$(date -d "$first - $history_days days" +%F)
    w0=$(date -d "$oldest - $(( $(date -d "$oldest" +%u) - 1 )) days" +%F)
    weeks=$(( ($(date -d "$first - 1 day" +%s) - $(date -d "$w0" +%s)) / 86400 / 7 + 1 ))
    day="DATE '$w0' + INTERVAL (w.seq * 7 + k.seq) DAY"
    back="DATEDIFF(DATE '$first', $day)"
    for ((wlo = 0; wlo < weeks; wlo += 4)); do
      whi=$((wlo + 3 < weeks - 1 ? wlo + 3 : weeks - 1))
      slice=$(sql -N "$db" -e "SET SESSION join_cache_level = 0; -- a plain nested loop: week, account, day
        INSERT INTO account_spend_day (charge_week, account_id, charge_date, amount)
          SELECT STRAIGHT_JOIN DATE '$w0' + INTERVAL (w.seq * 7) DAY, a.account_id, $day,
                 1 + CRC32(CONCAT(a.account_id, '/', $back)) % 20
            FROM seq_${wlo}_to_${whi} w JOIN account a JOIN seq_0_to_6 k
           WHERE $day BETWEEN DATE '$oldest' AND DATE '$first' - INTERVAL 1 DAY
             AND CRC32(CONCAT($back, '/', a.account_id)) % 20 <> 0
              ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount); -- the first nights' late charges
        SELECT ROW_COUNT();")
      history_rows=$((history_rows + slice))
      printf '  history: weeks %d to %d of %d (from %s): %d rows (%d so far, %.0f s)\n' "$((wlo + 1))" "$((whi + 1))" \
        "$weeks" "$w0" "$slice" "$history_rows" "$(echo "$(date +%s.%N) - $h0" | bc)"
    done
    sql "$db" -e "-- the same rows summed from the sequence (no pass over the table): credits move by what debits move
      UPDATE account a SET a.credits = a.credits - a.debits,
             a.debits = a.debits + (SELECT COALESCE(SUM(1 + CRC32(CONCAT(a.account_id, '/', d.seq)) % 20), 0)
                                      FROM seq_1_to_${history_days} d WHERE CRC32(CONCAT(d.seq, '/', a.account_id)) % 20 <> 0),
             a.credits = a.credits + a.debits;
      -- spend before every kept anchor moved by the year (and some anchors lie inside it): drop the tails
      UPDATE account_state SET tail_spend_before = NULL, tail_anchor_spend = NULL WHERE tail_spend_before IS NOT NULL;"
    printf '  history: %s spend rows of %d days before %s loaded in %.1f s\n' "$history_rows" "$history_days" "$first" \
      "$(echo "$(date +%s.%N) - $h0" | bc)"
    # A real night 365 does not follow a bulk load of the year: write the load's dirty pages out (FOR EXPORT
    # flushes the tables' pages and waits for it) and let purge catch up, so the nights measured next do not
    # pay for the load's background writes (with a large buffer pool they ran through nights 3 and 4).
    s0=$(date +%s.%N)
    sql "$db" -e "FLUSH TABLES account_spend_day, account, account_state FOR EXPORT; UNLOCK TABLES;"
    for _ in $(seq 1 600); do
      undo=$(sql -N -e "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_HISTORY_LIST_LENGTH'")
      [ "${undo:-0}" -lt 10000 ] && break
      sleep 1
    done
    printf '  history: written out and purged in %.1f s (dirty pages now %s, undo history %s)\n' \
      "$(echo "$(date +%s.%N) - $s0" | bc)" \
      "$(sql -N -e "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'")" \
      "${undo:-?}"
  fi
done

if [ "$nights" -ge 2 ]; then
  echo
  for ((n = 2; n <= nights; n++)); do
    printf 'night %d / night 1: %.2f (target <= 1.20)\n' "$n" "$(echo "${night_seconds[$n]} / ${night_seconds[1]}" | bc -l)"
  done
  if [ "$history_days" -gt 0 ] && [ "$history_after" -ge 2 ]; then
    for ((n = history_after + 1; n <= nights; n++)); do
      printf 'night %d (a year behind it) / night %d (the last without): %.2f (target <= 1.15)\n' "$n" "$history_after" \
        "$(echo "${night_seconds[$n]} / ${night_seconds[$history_after]}" | bc -l)"
    done
  fi
fi
echo "database size: $(sql -N -e "SELECT ROUND(SUM(data_length + index_length) / 1048576) FROM information_schema.tables WHERE table_schema = '$db'") MB; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
