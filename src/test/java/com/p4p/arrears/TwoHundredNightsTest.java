package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/**
 * Issue 3's "done when": 200 consecutive nights through the real job, with a handful of accounts
 * designed so that every stage of the default policy, every Metro 2 code and every credit event is
 * reached, and every night's account_status, enforcement_actions and credit_impact compared in full
 * with an independent model written from SPEC 4 to 7 (ledger balance, FIFO anchor, stages, actions,
 * credit reporting). The model shares no code with the product.
 */
@PipelineTest
class TwoHundredNightsTest {

    static final LocalDate D0 = LocalDate.of(2026, 1, 1);
    static final int NIGHTS = 200;

    /* Each night runs as the scheduler runs it, through NightlyRunner's checks (one query per night). */
    @Autowired
    NightlyRunner runner;
    @TempDir
    Path in;
    @TempDir
    Path out;

    @Test
    void twoHundredNightsReachEveryStageCodeAndEventAndMatchTheModelEveryNight() throws Exception {
        Model model = new Model();
        Plan plan = new Plan(model, new Random(20260101L));
        Set<String> stages = new HashSet<>();
        Set<String> enforced = new HashSet<>();
        Set<String> actionNames = new HashSet<>();
        Set<String> codes = new HashSet<>();
        Set<String> events = new HashSet<>();
        Set<String> withheld = new HashSet<>();

        long start = System.nanoTime();
        for (int n = 0; n < NIGHTS; n++) {
            LocalDate d = D0.plusDays(n);
            NightFiles files = new NightFiles(in, d);
            plan.night(n, d, files);
            JobExecution e = runner.run(new RunParameters(d, in, out, null));
            assertThat(e.getStatus()).as(d + " " + e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);

            Model.Night expected = model.classify(d);
            Outputs o = new Outputs(out, d);
            assertThat(data(o, "account_status.csv")).as("account_status of " + d).containsExactlyElementsOf(expected.status());
            assertThat(data(o, "enforcement_actions.csv")).as("enforcement_actions of " + d)
                    .containsExactlyElementsOf(expected.actions());
            assertThat(data(o, "credit_impact.csv")).as("credit_impact of " + d).containsExactlyElementsOf(expected.credit());

            for (Map<String, String> r : o.rows("account_status.csv")) {
                stages.add(r.get("stage"));
                enforced.add(r.get("enforced_stage"));
            }
            o.rows("enforcement_actions.csv").forEach(r -> actionNames.add(r.get("action")));
            for (Map<String, String> r : o.rows("credit_impact.csv")) {
                codes.add(r.get("status_code"));
                events.add(r.get("event"));
            }
            withheld.addAll(expected.withheld());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("TwoHundredNightsTest: %d nights, %d accounts, in %.1f s (%.0f ms a night)%n",
                NIGHTS, model.accounts.size(), seconds, seconds * 1000 / NIGHTS);

        List<String> allStages = List.of("CURRENT", "GRACE", "FROZEN", "DEMOTED", "FLAGGED", "CLOSED");
        assertThat(stages).as("computed stages reached").containsAll(allStages);
        assertThat(enforced).as("enforced stages reached").containsAll(allStages);
        assertThat(actionNames).as("actions emitted").containsExactlyInAnyOrder("NOTIFY_ARREARS", "FREEZE_ADS",
                "DEMOTE_RANKING", "FLAG_STORE_RATING", "CLOSE_STORE", "UNFREEZE_ADS", "RESTORE_RANKING",
                "CLEAR_STORE_RATING", "REOPEN_STORE", "NOTIFY_LOW_BALANCE");
        assertThat(codes).as("Metro 2 codes reported").containsExactlyInAnyOrder("11", "71", "78", "80", "82", "83", "84");
        assertThat(events).as("credit events").containsExactlyInAnyOrder("DELINQUENT", "WORSENED", "IMPROVED", "CURED");
        assertThat(withheld).as("what a hold withheld at least once").contains("enforcement", "credit");
    }

    private static List<String> data(Outputs o, String file) {
        List<String> lines = o.lines(file);
        return lines.subList(1, lines.size());
    }

    /**
     * What happens to each account, night by night: a few designed accounts that between them reach
     * everything, and three seeded random ones. Every row written is also posted to the model.
     */
    static final class Plan {

        private final Model model;
        private final Random rnd;
        private int ids;

        /** Tonight's accounts rows, one per account (a second row for it would be a conflicting duplicate). */
        private Map<String, String> accounts;
        private List<String> spend;
        private List<String> payments;
        private LocalDate d;

        Plan(Model model, Random rnd) {
            this.model = model;
            this.rnd = rnd;
        }

        void night(int n, LocalDate date, NightFiles files) {
            d = date;
            accounts = new java.util.LinkedHashMap<>();
            spend = new ArrayList<>();
            payments = new ArrayList<>();
            if (n == 0) {
                for (String[] a : new String[][]{{"LONG", "USD"}, {"CYCLE", "EUR"}, {"HOLD", "USD"}, {"LATE", "CNY"},
                        {"YEN", "JPY"}, {"RAND1", "USD"}}) {
                    open(a[0], a[1]);
                }
            }
            if (n == 50) {
                open("RAND2", "EUR"); // an account that arrives mid-run
            }

            // LONG: 600.00 unpaid from the first night, never paid: every stage up to CLOSED (30 days,
            // >= 500.00) and every code from 71 (30 days) to 84 (180 days), WORSENED every 30 days.
            if (n == 0) {
                charge("LONG", d, "600.00");
            }
            if (n % 7 == 3) {
                charge("LONG", d, "5.00");
            }

            // CYCLE: 20.00 a day. CLOSED at 30 days (620.00); 900.00 paid on night 75 moves the anchor 45
            // days forward (78 -> 71: IMPROVED); paid in full on night 120 (CURED, every leave action); a
            // new episode from night 151; 400.00 paid on night 160 leaves 400.00 from 20 days ago: sticky
            // CLOSED, but credit 11 (CURED again) while the store stays closed.
            charge("CYCLE", d, "20.00");
            if (n == 75) {
                pay("CYCLE", "900.00");
            }
            if (n == 120) {
                pay("CYCLE", model.get("CYCLE").balance().negate().toPlainString());
            }
            if (n == 160) {
                pay("CYCLE", "400.00");
            }

            // HOLD: billed late every other day, pays less than it spends; on hold for two stretches.
            if (n % 2 == 0) {
                charge("HOLD", d.minusDays(2), "15.00");
            }
            if (n % 30 == 29) {
                pay("HOLD", "200.00");
            }
            if (n == 40 || n == 130) {
                hold("HOLD", true);
            }
            if (n == 70 || n == 160) {
                hold("HOLD", false);
            }

            // LATE (CNY): a 5000.00 top-up spent 30.00 a day; a 4000.00 late charge for 45 days ago on
            // night 100 (several stages at once); paid up with 1000.00 to spare on night 110, spent down
            // into the low-balance band and into arrears again; on night 170 the first top-up is charged
            // back, re-opening the oldest charges at their own age.
            if (n == 0) {
                pay("LATE", "5000.00");
            } else {
                charge("LATE", d, "30.00");
            }
            if (n == 100) {
                charge("LATE", d.minusDays(45), "4000.00");
            }
            if (n == 110) {
                pay("LATE", model.get("LATE").balance().negate().add(new BigDecimal("1000.00")).toPlainString());
            }
            if (n == 170) {
                reverse("LATE", "CHARGEBACK", "5000.00", d, model.get("LATE").payments.get(0));
            }

            // Random accounts: clicks most days (some billed late), occasional payments, refunds,
            // chargebacks and holds.
            randomDay("YEN", n);
            randomDay("RAND1", n);
            if (n >= 50) {
                randomDay("RAND2", n);
            }

            files.accounts(accounts.values().toArray(String[]::new)).spend(spend.toArray(String[]::new))
                    .payments(payments.toArray(String[]::new));
        }

        private void randomDay(String id, int n) {
            Model.Account a = model.get(id);
            boolean yen = a.digits == 0;
            if (rnd.nextInt(10) < 7) {
                int[] lateness = {0, 0, 0, 0, 1, 2, 5, 20, 40};
                long late = lateness[rnd.nextInt(lateness.length)];
                charge(id, d.minusDays(late), amount(yen, yen ? 200 : 100, yen ? 4000 : 8000));
            }
            if (rnd.nextInt(100) < 7) {
                pay(id, amount(yen, yen ? 10000 : 5000, 60000));
            }
            if (rnd.nextInt(100) < 2 && !a.payments.isEmpty()) {
                String orig = a.payments.get(rnd.nextInt(a.payments.size()));
                reverse(id, "REFUND", amount(yen, 500, 3000), d.minusDays(rnd.nextInt(3)), orig);
            }
            if (rnd.nextInt(100) < 2 && !a.payments.isEmpty()) {
                String orig = a.payments.remove(rnd.nextInt(a.payments.size())); // charged back once
                reverse(id, "CHARGEBACK", model.paymentAmount(orig).toPlainString(), d, orig);
            }
            if (rnd.nextInt(100) < 4) {
                hold(id, !a.hold);
            }
        }

        /** A random amount between from and to minor units (whole yen for JPY). */
        private String amount(boolean yen, int from, int to) {
            long minor = from + rnd.nextInt(to - from);
            return yen ? Long.toString(minor) : BigDecimal.valueOf(minor, 2).toPlainString();
        }

        private void open(String id, String currency) {
            model.open(id, "S-" + id, currency);
            accounts.put(id, id + ",S-" + id + "," + currency + ",2025-06-01,N");
        }

        private void hold(String id, boolean on) {
            Model.Account a = model.get(id);
            a.hold = on;
            accounts.put(id, id + "," + a.store + "," + a.currency + ",2025-06-01," + (on ? "Y" : "N"));
        }

        private void charge(String id, LocalDate chargeDate, String amount) {
            Model.Account a = model.get(id);
            String cid = "C" + (++ids);
            spend.add(cid + "," + id + ",K1," + chargeDate + ",1," + amount + "," + a.currency);
            a.charge(chargeDate, new BigDecimal(amount));
        }

        private void pay(String id, String amount) {
            Model.Account a = model.get(id);
            String pid = "P" + (++ids);
            payments.add(pid + "," + id + ",PAYMENT," + amount + "," + a.currency + ",CARD," + d + ",");
            a.credits = a.credits.add(new BigDecimal(amount));
            a.payments.add(pid);
            model.paymentAmounts.put(pid, new BigDecimal(amount));
        }

        private void reverse(String id, String type, String amount, LocalDate paidDate, String original) {
            Model.Account a = model.get(id);
            String pid = "P" + (++ids);
            payments.add(pid + "," + id + "," + type + "," + amount + "," + a.currency + ",CARD," + paidDate + ","
                    + original);
            a.credits = a.credits.subtract(new BigDecimal(amount));
            if (a.earliestReversal == null || paidDate.isBefore(a.earliestReversal)) {
                a.earliestReversal = paidDate;
            }
        }
    }

    /**
     * The expected outputs, from the SPEC alone and the default policy's numbers written out here.
     * Ledger (SPEC 4): balance = payments - refunds - chargebacks - spend. Ageing (SPEC 5): payments
     * settle the oldest charges first, so walking the charges oldest first, the first charge date not
     * fully covered by what was paid is the anchor. Stages, actions, low balance (SPEC 6), credit (SPEC 7).
     */
    static final class Model {

        /** The default policy's stages: name, min days past due, min owed (USD/EUR), enter, leave. */
        static final String[] STAGE = {"CURRENT", "GRACE", "FROZEN", "DEMOTED", "FLAGGED", "CLOSED"};
        static final int[] MIN_DAYS = {0, 0, 3, 7, 15, 30};
        static final String[] ENTER = {null, "NOTIFY_ARREARS", "FREEZE_ADS", "DEMOTE_RANKING", "FLAG_STORE_RATING",
                "CLOSE_STORE"};
        static final String[] LEAVE = {null, null, "UNFREEZE_ADS", "RESTORE_RANKING", "CLEAR_STORE_RATING",
                "REOPEN_STORE"};
        static final int CLOSED = 5;
        static final List<String> CODES = List.of("11", "71", "78", "80", "82", "83", "84");

        record Night(List<String> status, List<String> actions, List<String> credit, Set<String> withheld) {
        }

        static final class Account {
            final String id;
            final String store;
            final String currency;
            final int digits;
            final BigDecimal closedMinOwed;
            final BigDecimal lowBalance;
            final BigDecimal creditMinOwed;
            boolean hold;
            BigDecimal credits = BigDecimal.ZERO;
            BigDecimal debits = BigDecimal.ZERO;
            final TreeMap<LocalDate, BigDecimal> spend = new TreeMap<>();
            LocalDate earliestReversal;
            final List<String> payments = new ArrayList<>();
            // what the previous night left
            int enforced;
            boolean closedFloor;
            String reported = "11";
            LocalDate firstDelinquency;
            boolean inBand;

            Account(String id, String store, String currency) {
                this.id = id;
                this.store = store;
                this.currency = currency;
                this.digits = currency.equals("JPY") ? 0 : 2;
                this.closedMinOwed = new BigDecimal(switch (currency) {
                    case "CNY" -> "3500.00";
                    case "JPY" -> "75000";
                    default -> "500.00";
                });
                this.lowBalance = new BigDecimal(switch (currency) {
                    case "CNY" -> "350.00";
                    case "JPY" -> "7500";
                    default -> "50.00";
                });
                this.creditMinOwed = new BigDecimal(switch (currency) {
                    case "CNY" -> "70.00";
                    case "JPY" -> "1500";
                    default -> "10.00";
                });
            }

            void charge(LocalDate date, BigDecimal amount) {
                debits = debits.add(amount);
                spend.merge(date, amount, BigDecimal::add);
            }

            BigDecimal balance() {
                return credits.subtract(debits);
            }

            String money(BigDecimal v) {
                return v.setScale(digits).toPlainString();
            }
        }

        final TreeMap<String, Account> accounts = new TreeMap<>(); // String order is byte order for ASCII ids
        final Map<String, BigDecimal> paymentAmounts = new HashMap<>();

        void open(String id, String store, String currency) {
            accounts.put(id, new Account(id, store, currency));
        }

        Account get(String id) {
            return accounts.get(id);
        }

        BigDecimal paymentAmount(String paymentId) {
            return paymentAmounts.get(paymentId);
        }

        Night classify(LocalDate d) {
            List<String> status = new ArrayList<>();
            List<String> actions = new ArrayList<>();
            List<String> credit = new ArrayList<>();
            Set<String> withheld = new HashSet<>();
            for (Account a : accounts.values()) {
                BigDecimal balance = a.balance();
                BigDecimal owed = balance.signum() < 0 ? balance.negate() : BigDecimal.ZERO;
                LocalDate anchor = null;
                if (owed.signum() > 0) {
                    if (a.spend.isEmpty()) {
                        anchor = a.earliestReversal;
                    } else {
                        // what was paid towards spend, applied to the oldest charges first
                        BigDecimal paid = a.debits.subtract(owed);
                        BigDecimal cumulative = BigDecimal.ZERO;
                        anchor = a.spend.firstKey();
                        for (Map.Entry<LocalDate, BigDecimal> c : a.spend.entrySet()) {
                            cumulative = cumulative.add(c.getValue());
                            if (cumulative.compareTo(paid) > 0) {
                                anchor = c.getKey();
                                break;
                            }
                        }
                    }
                }
                int dpd = anchor == null ? 0 : (int) ChronoUnit.DAYS.between(anchor, d);

                // computed stage: the most severe whose conditions hold; CLOSED is a floor until owed = 0
                int stage = 0;
                if (owed.signum() > 0) {
                    for (int s = 1; s < STAGE.length; s++) {
                        if (dpd >= MIN_DAYS[s] && (s != CLOSED || owed.compareTo(a.closedMinOwed) >= 0)) {
                            stage = s;
                        }
                    }
                    if (stage == CLOSED) {
                        a.closedFloor = true;
                    }
                    if (a.closedFloor) {
                        stage = CLOSED;
                    }
                } else {
                    a.closedFloor = false;
                }

                // enforcement
                int target = a.hold ? 0 : stage;
                if (a.hold && stage > 0) {
                    withheld.add("enforcement");
                }
                List<String> emitted = new ArrayList<>();
                for (int s = a.enforced + 1; s <= target; s++) {
                    emitted.add(ENTER[s]);
                }
                for (int s = a.enforced; s > target; s--) {
                    if (LEAVE[s] != null) {
                        emitted.add(LEAVE[s]);
                    }
                }
                for (String action : emitted) {
                    actions.add(d + "," + a.id + "," + a.store + "," + action + "," + STAGE[a.enforced] + ","
                            + STAGE[target] + "," + a.money(owed) + "," + a.currency + "," + dpd);
                }
                boolean inBand = balance.signum() > 0 && balance.compareTo(a.lowBalance) < 0;
                if (inBand && !a.inBand) {
                    actions.add(d + "," + a.id + "," + a.store + ",NOTIFY_LOW_BALANCE," + STAGE[target] + ","
                            + STAGE[target] + "," + a.money(owed) + "," + a.currency + "," + dpd);
                }
                a.inBand = inBand;
                a.enforced = target;

                // credit
                String earned = owed.compareTo(a.creditMinOwed) < 0 || dpd < 30 ? "11" : CODES.get(Math.min(6, dpd / 30));
                String reported = earned;
                if (a.hold && CODES.indexOf(earned) > CODES.indexOf(a.reported)) {
                    reported = a.reported;
                    withheld.add("credit");
                }
                if (!reported.equals(a.reported)) {
                    String event;
                    if (a.reported.equals("11")) {
                        event = "DELINQUENT";
                        a.firstDelinquency = anchor;
                    } else if (reported.equals("11")) {
                        event = "CURED";
                    } else {
                        event = CODES.indexOf(reported) > CODES.indexOf(a.reported) ? "WORSENED" : "IMPROVED";
                    }
                    credit.add(d + "," + a.id + "," + event + "," + reported + "," + a.reported + "," + a.money(owed)
                            + "," + a.currency + "," + dpd + "," + a.firstDelinquency);
                    a.reported = reported;
                }

                status.add(d + "," + a.id + "," + a.store + "," + a.currency + "," + a.money(balance) + ","
                        + a.money(owed) + "," + (anchor == null ? "" : anchor) + "," + dpd + "," + STAGE[stage] + ","
                        + STAGE[target] + "," + a.reported + "," + (a.hold ? "Y" : "N"));
            }
            return new Night(status, actions, credit, withheld);
        }
    }
}
