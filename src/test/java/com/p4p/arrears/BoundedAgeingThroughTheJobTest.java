package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.arrears.Ageing;
import com.p4p.arrears.db.Databases;
import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.ops.StepMetrics;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/**
 * Night after night through the real job, the anchor each account gets (account_status.csv's
 * oldest_unpaid_date) is the full-history rule's: {@link Ageing#anchor} over the whole spend history
 * this test itself delivered (kept here, not read back from the product), for random accounts that take
 * late charges dated before their anchor, pay in part, have old payments charged back and get refunds
 * past all their spend. The job reads only the owing accounts' newest spend; this says it is enough.
 */
@PipelineTest
class BoundedAgeingThroughTheJobTest {

    static final LocalDate D0 = LocalDate.of(2026, 3, 1);
    static final int NIGHTS = 45;
    static final int ACCOUNTS = 30;

    @Autowired
    NightlyRunner runner;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path in;
    @TempDir
    Path out;

    @Test
    void everyNightEveryAccountsAnchorIsTheFullHistoryAnchor() throws Exception {
        Random rnd = new Random(1414);
        Map<String, TreeMap<LocalDate, BigDecimal>> spend = new HashMap<>();
        Map<String, BigDecimal> balance = new HashMap<>();
        Map<String, List<String[]>> paid = new HashMap<>(); // payment id, amount
        Map<String, LocalDate> firstReversal = new HashMap<>();
        int ids = 0;
        int lateBeforeAnchor = 0;
        int beyondAllSpend = 0;
        Map<String, LocalDate> lastAnchor = new HashMap<>();
        int keptTails = 0;
        long throughLateCharges = 0;
        for (int n = 0; n < NIGHTS; n++) {
            LocalDate d = D0.plusDays(n);
            List<String> accounts = new ArrayList<>();
            List<String> charges = new ArrayList<>();
            List<String> payments = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                String a = "ACC" + i;
                accounts.add(a + ",S" + i + ",USD,2025-01-01,N");
                balance.putIfAbsent(a, BigDecimal.ZERO);
                int kind = i % 4;
                if (rnd.nextInt(10) < 8) {
                    int r = rnd.nextInt(100);
                    int late = r < 75 ? 0 : r < 92 ? 1 + rnd.nextInt(6) : rnd.nextInt(n + 1);
                    LocalDate date = d.minusDays(Math.min(late, n));
                    if (lastAnchor.get(a) != null && date.isBefore(lastAnchor.get(a))) {
                        lateBeforeAnchor++;
                    }
                    BigDecimal amount = BigDecimal.valueOf(100 + rnd.nextInt(3000), 2);
                    charges.add("C" + (++ids) + "," + a + ",K," + date + ",1," + amount + ",USD");
                    spend.computeIfAbsent(a, k -> new TreeMap<>()).merge(date, amount, BigDecimal::add);
                    balance.merge(a, amount.negate(), BigDecimal::add);
                }
                int p = rnd.nextInt(100);
                BigDecimal pay = null;
                if (kind == 0 && p < 30) { // pays what it owes, or most of it
                    BigDecimal owed = balance.get(a).negate().max(BigDecimal.ONE);
                    pay = rnd.nextBoolean() ? owed : owed.multiply(new BigDecimal("0.7")).setScale(2, java.math.RoundingMode.DOWN)
                            .max(BigDecimal.ONE);
                } else if (kind == 1 && p < 10) { // pays part now and then
                    pay = BigDecimal.valueOf(500 + rnd.nextInt(9000), 2);
                } else if ((kind == 2 || kind == 3) && n < 4 && p < 60) { // prepays early
                    pay = BigDecimal.valueOf(10000 + rnd.nextInt(40000), 2);
                }
                if (pay != null) {
                    String id = "P" + (++ids);
                    payments.add(id + "," + a + ",PAYMENT," + pay + ",USD,CARD," + d + ",");
                    paid.computeIfAbsent(a, k -> new ArrayList<>()).add(new String[]{id, pay.toPlainString()});
                    balance.merge(a, pay, BigDecimal::add);
                }
                List<String[]> own = paid.getOrDefault(a, new ArrayList<>());
                if (kind == 3 && n > 20 && rnd.nextInt(100) < 8 && !own.isEmpty()) { // an early payment charged back
                    String[] orig = own.remove(0);
                    payments.add("P" + (++ids) + "," + a + ",CHARGEBACK," + orig[1] + ",USD,CARD," + d + "," + orig[0]);
                    balance.merge(a, new BigDecimal(orig[1]).negate(), BigDecimal::add);
                    firstReversal.putIfAbsent(a, d);
                }
                if (kind == 2 && n > 10 && rnd.nextInt(100) < 4) { // a refund past everything ever spent
                    BigDecimal all = spend.getOrDefault(a, new TreeMap<>()).values().stream()
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal refund = balance.get(a).max(BigDecimal.ZERO).add(all).add(new BigDecimal("5.00"));
                    payments.add("P" + (++ids) + "," + a + ",REFUND," + refund + ",USD,CARD," + d + ",");
                    balance.merge(a, refund.negate(), BigDecimal::add);
                    firstReversal.putIfAbsent(a, d);
                }
            }
            new NightFiles(in, d).accounts(accounts.toArray(String[]::new)).spend(charges.toArray(String[]::new))
                    .payments(payments.toArray(String[]::new));
            JobExecution e = runner.run(new RunParameters(d, in, out, null));
            assertThat(e.getStatus()).as(d + " " + e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);

            Map<String, Map<String, String>> status = new HashMap<>();
            new Outputs(out, d).rows("account_status.csv").forEach(r -> status.put(r.get("account_id"), r));
            for (int i = 0; i < ACCOUNTS; i++) {
                String a = "ACC" + i;
                BigDecimal owed = balance.get(a).signum() < 0 ? balance.get(a).negate() : BigDecimal.ZERO;
                NavigableMap<LocalDate, BigDecimal> all = spend.get(a);
                LocalDate anchor = Ageing.anchor(owed, all, firstReversal.get(a));
                assertThat(status.get(a).get("oldest_unpaid_date")).as(a + " on " + d + ", owing " + owed)
                        .isEqualTo(anchor == null ? "" : anchor.toString());
                assertThat(status.get(a).get("days_past_due")).as(a + " on " + d)
                        .isEqualTo(Integer.toString(Ageing.daysPastDue(anchor, d)));
                if (all != null && owed.compareTo(all.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)) > 0) {
                    beyondAllSpend++;
                }
                lastAnchor.put(a, anchor);
            }
            // owing accounts carry their tail to the next night (arrears/KeptTail) instead of re-reading it
            keptTails += jdbc.queryForObject("SELECT COUNT(*) FROM account_state WHERE tail_spend_before IS NOT NULL",
                    Integer.class);
            throughLateCharges += e.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("classifyAccounts"))
                    .mapToLong(s -> s.getExecutionContext().getLong(StepMetrics.TAILS_THROUGH_LATE_CHARGES, 0L)).sum();
        }
        // the comparison covers the cases that need reading further back
        assertThat(lateBeforeAnchor).as("late charges dated before the anchor").isGreaterThan(10);
        assertThat(beyondAllSpend).as("account-nights owing more than all their spend").isGreaterThan(5);
        assertThat(keptTails).as("account-nights that kept their tail for the next night").isGreaterThan(NIGHTS * 5);
        if (Databases.isH2(jdbc.getDataSource())) {
            // H2 closes from the ledger's entries, which record no late spend per charge date (V13)
            System.out.println("NOTE: H2: kept tails are not carried through late charges (MySQL's posting-sums path)");
            assertThat(throughLateCharges).isZero();
        } else {
            assertThat(throughLateCharges).as("kept tails carried through a late charge on or before the anchor")
                    .isGreaterThan(10);
        }
    }
}
