package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What finance signs a night off from, ready to render ({@link FinanceReportHtml}); built by
 * {@link FinanceReportLoader}. Amounts are plain decimals exactly as the CSV outputs write them.
 * Figures that recon_summary holds are taken from its rows; the rest come from the ledger.
 *
 * @param currencies    the policy's currencies, byte order
 * @param files         control totals of each file read this run, in reading order
 * @param ledger        opening to closing per currency
 * @param breaks        every break type, with the run's new breaks of that type, largest first
 * @param resolved      suspense breaks resolved this run, by source (recon_summary {@code unsuspended})
 * @param stages        CURRENT and the policy's stages, least severe first
 * @param ageing        per currency that has accounts: owed by ageing bucket
 * @param openSuspense  per currency and source: suspense items still waiting for their account
 * @param trend         the last business dates up to this one, oldest first
 * @param runway        the runway forecast (SPEC 10); null when the policy has no runway block
 */
public record FinanceReport(LocalDate businessDate, List<String> currencies, List<FileControl> files,
                            List<CurrencyLedger> ledger, List<BreakGroup> breaks, Map<String, String> resolved,
                            List<StageLine> stages, List<Ageing> ageing, List<SuspenseLine> openSuspense,
                            List<TrendPoint> trend, Runway runway) {

    public static final int TOP_BREAKS = 10;
    public static final int TREND_DATES = 30;
    public static final int SOONEST_RUNWAY = 10;

    /** A report of a policy without a runway block. */
    public FinanceReport(LocalDate businessDate, List<String> currencies, List<FileControl> files,
                         List<CurrencyLedger> ledger, List<BreakGroup> breaks, Map<String, String> resolved,
                         List<StageLine> stages, List<Ageing> ageing, List<SuspenseLine> openSuspense,
                         List<TrendPoint> trend) {
        this(businessDate, currencies, files, ledger, breaks, resolved, stages, ageing, openSuspense, trend, null);
    }

    /**
     * The night's runway forecast: per policy currency the accounts forecast and those in the band, and
     * the accounts that run out soonest (fewest days_to_zero first, then account_id).
     */
    public record Runway(int windowDays, int horizonDays, List<RunwayCurrency> byCurrency, List<RunwayAccount> soonest) {
    }

    /** One currency: accounts with a forecast, those in the band and the balance those have left. */
    public record RunwayCurrency(String currency, long forecast, long inBand, String balanceInBand) {
    }

    /** One row of runway.csv. */
    public record RunwayAccount(String accountId, String currency, String balance, String dailySpend,
                                String daysToZero, boolean inBand) {
    }

    /**
     * One input file: its trailer's record count and recon_summary's rows, dispositions and control total.
     *
     * @param counts recon_summary values by metric: rows, posted, ..., unsuspended where present
     * @param controlTotal null for the accounts file (its trailer has no total)
     */
    public record FileControl(String source, String fileName, long trailerRows, Map<String, String> counts,
                              String controlTotal) {

        public static final List<String> DISPOSITIONS =
                List.of("posted", "rejected", "duplicate", "conflict", "suspended", "currency_mismatch");

        public long count(String metric) {
            return Long.parseLong(counts.getOrDefault(metric, "0"));
        }

        public long dispositions() {
            return DISPOSITIONS.stream().mapToLong(this::count).sum();
        }

        /** Every row the trailer vouched for was read. */
        public boolean trailerMatches() {
            return trailerRows == count("rows");
        }

        /** Every row read has exactly one disposition. */
        public boolean dispositionsAddUp() {
            return dispositions() == count("rows");
        }
    }

    /** recon_summary's ledger figures of one currency. */
    public record CurrencyLedger(String currency, String opening, String debits, String credits, String closing,
                                 String owed) {

        /** closing = opening + credits - debits. */
        public boolean balances() {
            return new BigDecimal(opening).add(new BigDecimal(credits)).subtract(new BigDecimal(debits))
                    .compareTo(new BigDecimal(closing)) == 0;
        }
    }

    /** A break type: how many this run raised (recon_summary) and the largest of them. */
    public record BreakGroup(String type, long count, List<BreakItem> top) {
    }

    public record BreakItem(String source, String reference, String accountId, String expected, String actual,
                            String difference, String currency) {
    }

    /** A stage: accounts (recon_summary) and what they owe per currency (ledger; absent: none). */
    public record StageLine(String stage, long accounts, Map<String, String> owed) {
    }

    /** One currency's owed by ageing bucket, in bucket order. */
    public record Ageing(String currency, List<Bucket> buckets) {

        public BigDecimal total() {
            return buckets.stream().map(b -> new BigDecimal(b.owed())).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public record Bucket(String label, long accounts, String owed) {
    }

    /** Open suspense of one currency and source: items, their amounts and the oldest one's age in days. */
    public record SuspenseLine(String currency, String source, long items, String amount, long oldestDays) {
    }

    /**
     * One night's recon_summary: accounts in arrears (every stage but CURRENT) and owed per currency.
     */
    public record TrendPoint(LocalDate date, long accountsInArrears, Map<String, String> owed) {
    }

    /** How many of the page's checks fail: trailer and disposition checks per file, the movement per currency. */
    public long failingChecks() {
        return files.stream().filter(f -> !f.trailerMatches()).count()
                + files.stream().filter(f -> !f.dispositionsAddUp()).count()
                + ledger.stream().filter(l -> !l.balances()).count();
    }
}
