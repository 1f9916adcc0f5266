package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.reconcile.BreakType;

/**
 * Builds the night's recon_summary (SPEC 8) from the ledger and the run's records, and checks the
 * invariants finance signs off on before anything is written. A broken one fails the run with a
 * message naming it (the {@code INV_} constants) and what disagrees:
 * <ul>
 * <li>every row of every file has exactly one disposition;</li>
 * <li>every row a trailer vouched for was read;</li>
 * <li>per currency: closing = opening + credits - debits; opening = the previous night's closing;
 * closing = the sum of the accounts' ledger balances (credits - debits) = the sum of their
 * classified balances;</li>
 * <li>per account: the classified balance is the ledger's credits - debits.</li>
 * </ul>
 */
public class ReconSummaryBuilder {

    public static final String INV_DISPOSITIONS = "rows = posted + rejected + duplicate + conflict + suspended + currency_mismatch";
    public static final String INV_TRAILER = "trailer record_count = rows read";
    public static final String INV_MOVEMENT = "closing = opening + credits - debits";
    public static final String INV_CONTINUITY = "opening = previous night's closing";
    public static final String INV_LEDGER_ACCOUNTS = "closing = sum of account ledger balances";
    public static final String INV_CLASSIFIED_ACCOUNTS = "closing = sum of classified account balances";
    public static final String INV_ACCOUNT = "account classified balance = credits - debits";

    /** An account (a) whose classified state (s, left-joined) is missing or not its ledger balance. */
    private static final String DISAGREES = "s.account_id IS NULL OR s.balance <> a.credits - a.debits";

    /** At most this many broken accounts are named in the message. */
    private static final int ACCOUNTS_NAMED = 5;

    private final JdbcTemplate jdbc;
    private final Policy policy;

    public ReconSummaryBuilder(JdbcTemplate jdbc, Policy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    public List<SummaryRow> build(LocalDate businessDate) {
        Date day = Date.valueOf(businessDate);
        List<SummaryRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        Map<String, Object[]> files = new HashMap<>();
        jdbc.query("SELECT source, data_rows, control_total FROM input_file WHERE business_date = ?",
                rs -> {
                    files.put(rs.getString(1), new Object[]{rs.getLong(2), rs.getString(3)});
                }, day);
        for (Source source : Source.values()) {
            Object[] file = files.get(source.code());
            if (file == null) {
                continue; // balances not delivered: not read this run
            }
            String key = source.code();
            FileTally t = FileTally.sum(jdbc, "ingest_tally", "business_date = ? AND source = ?", day, key);
            t.addTo(rows, key);
            long accounted = t.accounted();
            if (accounted != t.rows()) {
                problems.add(broken(INV_DISPOSITIONS, key, t.rows() + " rows read but " + accounted + " dispositions"));
            }
            if (t.rows() != (Long) file[0]) {
                problems.add(broken(INV_TRAILER, key, "the trailer vouched for " + file[0] + " rows but " + t.rows()
                        + " were read"));
            }
            if (source == Source.SPEND || source == Source.PAYMENTS) {
                Long unsuspended = jdbc.queryForObject("SELECT COUNT(*) FROM suspense_item WHERE resolved_date = ?"
                        + " AND source = ?", Long.class, day, key);
                rows.add(new SummaryRow("unsuspended", key, Long.toString(unsuspended)));
            }
            if (source.amountColumn() != null) {
                rows.add(new SummaryRow("control_total", key, (String) file[1]));
            }
        }

        intradayLifts(day, rows);

        Map<String, BigDecimal[]> ledger = new HashMap<>();
        jdbc.query("SELECT currency, opening_balance, debits, credits, closing_balance FROM currency_day"
                + " WHERE business_date = ?", rs -> {
                    ledger.put(rs.getString(1), new BigDecimal[]{rs.getBigDecimal(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getBigDecimal(5)});
                }, day);
        Map<String, BigDecimal> previousClosing = new HashMap<>();
        jdbc.query("SELECT currency, closing_balance FROM currency_day WHERE business_date ="
                + " (SELECT MAX(business_date) FROM currency_day WHERE business_date < ?)", rs -> {
                    previousClosing.put(rs.getString(1), rs.getBigDecimal(2));
                }, day);
        // one pass over the accounts and their classified states for three invariants: each currency's
        // ledger balances and classified balances (and what is owed), and how many accounts disagree
        Map<String, BigDecimal> ledgerAccounts = new HashMap<>();
        Map<String, BigDecimal[]> accounts = new HashMap<>();
        long[] disagreeing = {0};
        jdbc.query("SELECT a.currency, SUM(a.credits - a.debits), COALESCE(SUM(s.balance), 0), COALESCE(SUM(s.owed), 0),"
                + " SUM(CASE WHEN " + DISAGREES + " THEN 1 ELSE 0 END)"
                + " FROM account a LEFT JOIN account_state s ON s.account_id = a.account_id GROUP BY a.currency", rs -> {
                    ledgerAccounts.put(rs.getString(1), rs.getBigDecimal(2));
                    accounts.put(rs.getString(1), new BigDecimal[]{rs.getBigDecimal(3), rs.getBigDecimal(4)});
                    disagreeing[0] += rs.getLong(5);
                });
        BigDecimal zero = BigDecimal.ZERO;
        for (String currency : policy.currencyCodes()) {
            BigDecimal[] l = ledger.getOrDefault(currency, new BigDecimal[]{zero, zero, zero, zero});
            BigDecimal[] a = accounts.getOrDefault(currency, new BigDecimal[]{zero, zero});
            if (l[0].add(l[2]).subtract(l[1]).compareTo(l[3]) != 0) {
                problems.add(broken(INV_MOVEMENT, currency, "opening " + l[0] + " + credits " + l[2] + " - debits "
                        + l[1] + " is not closing " + l[3]));
            }
            BigDecimal previous = previousClosing.isEmpty() ? null : previousClosing.getOrDefault(currency, zero);
            if (previous != null && previous.compareTo(l[0]) != 0) {
                problems.add(broken(INV_CONTINUITY, currency, "opening " + l[0] + " but the previous night closed at "
                        + previous));
            }
            BigDecimal ledgerSum = ledgerAccounts.getOrDefault(currency, zero);
            if (ledgerSum.compareTo(l[3]) != 0) {
                problems.add(broken(INV_LEDGER_ACCOUNTS, currency, "closing " + l[3]
                        + " but the accounts' credits - debits sum to " + ledgerSum));
            }
            if (a[0].compareTo(l[3]) != 0) {
                problems.add(broken(INV_CLASSIFIED_ACCOUNTS, currency, "closing " + l[3]
                        + " but the accounts' classified balances sum to " + a[0]));
            }
            rows.add(new SummaryRow("opening_balance", currency, Formats.money(l[0], currency, policy)));
            rows.add(new SummaryRow("debits", currency, Formats.money(l[1], currency, policy)));
            rows.add(new SummaryRow("credits", currency, Formats.money(l[2], currency, policy)));
            rows.add(new SummaryRow("closing_balance", currency, Formats.money(l[3], currency, policy)));
            rows.add(new SummaryRow("owed", currency, Formats.money(a[1], currency, policy)));
        }

        Map<String, Long> breaks = new HashMap<>();
        // a lift's breaks are in its own recon_breaks.csv (intraday_file set), not among the night's new ones
        jdbc.query("SELECT break_type, COUNT(*) FROM recon_break WHERE business_date = ? AND intraday_file IS NULL"
                + " GROUP BY break_type",
                rs -> {
                    breaks.put(rs.getString(1), rs.getLong(2));
                }, day);
        for (BreakType type : BreakType.values()) {
            rows.add(new SummaryRow("breaks", type.name(), Long.toString(breaks.getOrDefault(type.name(), 0L))));
        }

        Map<String, Long> stages = new HashMap<>();
        jdbc.query("SELECT stage, COUNT(*) FROM account_state GROUP BY stage", rs -> {
            stages.put(rs.getString(1), rs.getLong(2));
        });
        for (String stage : policy.stageNames()) {
            rows.add(new SummaryRow("accounts", stage, Long.toString(stages.getOrDefault(stage, 0L))));
        }

        if (disagreeing[0] > 0) {
            problems.addAll(brokenAccounts());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("reconciliation invariants broken for " + businessDate + ": "
                    + String.join("; ", problems));
        }
        rows.sort(Comparator.comparing(SummaryRow::metric, Formats.BYTE_ORDER)
                .thenComparing(SummaryRow::key, Formats.BYTE_ORDER));
        return rows;
    }

    /**
     * On a date with lifted intraday files (SPEC 13): how many, and the rows they posted (their entries
     * are in the date's credits). Absent on other dates. A lift that failed and was never resumed counts
     * too: what it posted is in the ledger.
     */
    private void intradayLifts(Date day, List<SummaryRow> rows) {
        long[] lifts = jdbc.queryForObject("SELECT COUNT(*), (SELECT COALESCE(SUM(posted), 0) FROM intraday_tally"
                + " WHERE business_date = ?) FROM intraday_file WHERE business_date = ?",
                (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}, day, day);
        if (lifts[0] > 0) {
            rows.add(new SummaryRow("intraday_files", Source.PAYMENTS.code(), Long.toString(lifts[0])));
            rows.add(new SummaryRow("intraday_posted", Source.PAYMENTS.code(), Long.toString(lifts[1])));
        }
    }

    /** Accounts whose classified balance is not their ledger balance (or that were never classified). */
    private List<String> brokenAccounts() {
        List<String> named = new ArrayList<>();
        long[] count = {0};
        jdbc.query("SELECT a.account_id, a.credits - a.debits, s.balance FROM account a"
                + " LEFT JOIN account_state s ON s.account_id = a.account_id"
                + " WHERE " + DISAGREES + " ORDER BY a.account_id", rs -> {
                    if (count[0]++ < ACCOUNTS_NAMED) {
                        named.add(rs.getString(1) + " has credits - debits " + rs.getBigDecimal(2)
                                + (rs.getBigDecimal(3) == null ? " but no classified state"
                                : " but was classified at " + rs.getBigDecimal(3)));
                    }
                });
        if (count[0] == 0) {
            return List.of();
        }
        String more = count[0] > ACCOUNTS_NAMED ? " (and " + (count[0] - ACCOUNTS_NAMED) + " more)" : "";
        return List.of(broken(INV_ACCOUNT, count[0] + " account(s)", String.join(", ", named) + more));
    }

    private static String broken(String invariant, String subject, String detail) {
        return invariant + " fails for " + subject + ": " + detail;
    }
}
