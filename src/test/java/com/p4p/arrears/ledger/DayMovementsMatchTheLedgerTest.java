package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.db.Databases;
import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.PipelineTest;
import com.p4p.arrears.NightlyStepNames;

/**
 * Whichever way the close gets the day's movements (on MySQL the sums the posting steps kept, on H2
 * or after a restart the day's entries summed in the database), account totals, each day's movements
 * and the ageing history are exactly the ledger's entries added up: checked here against queries over
 * ledger_entry, night after night, with late charges, refunds, chargebacks and released suspense.
 */
@PipelineTest
class DayMovementsMatchTheLedgerTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);
    static final LocalDate D3 = D1.plusDays(2);

    @Autowired
    NightlyRunner runner;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path in;
    @TempDir
    Path out;

    @Test
    void accountTotalsDayMovementsAndAgeingHistoryAreTheLedgersEntriesAddedUp() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N", "J1,S3,JPY,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,3,10.25,USD", "C2,A1,K1,2026-11-26,1,0.75,USD",
                        "C3,A1,K2,2026-11-20,1,2.50,USD", "C4,A2,K1,2026-11-25,2,4.00,USD",
                        "C5,A2,K1,2026-11-25,1,1.005,USD", "C6,J1,K1,2026-11-26,4,300,JPY",
                        "C7,N1,K1,2026-11-24,1,6.00,USD")   // unknown account: suspended until D2
                .payments("P1,A1,PAYMENT,5.00,USD,CARD,2026-11-26,", "P2,A2,PAYMENT,20.00,USD,CARD,2026-11-26,",
                        "R1,A2,REFUND,1.50,USD,CARD,2026-11-25,");
        night(D1);
        new NightFiles(in, D2).accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N",
                        "J1,S3,JPY,2025-01-01,N", "N1,S4,USD,2026-11-27,N")
                .spend("C8,A1,K1,2026-11-27,1,1.10,USD", "C9,A1,K2,2026-11-20,1,0.40,USD",
                        "C10,N1,K1,2026-11-27,1,2.00,USD", "C11,J1,K1,2026-11-25,1,50,JPY")
                .payments("B1,A2,CHARGEBACK,20.00,USD,CARD,2026-11-24,P2", "P3,N1,PAYMENT,1.00,USD,CARD,2026-11-27,");
        night(D2);
        new NightFiles(in, D3).accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N",
                        "J1,S3,JPY,2025-01-01,N", "N1,S4,USD,2026-11-27,N")
                .spend("C12,A2,K1,2026-11-28,1,0.01,USD", "C13,A2,K1,2026-11-27,1,3.00,USD")
                .payments("R2,A1,REFUND,0.10,USD,CARD,2026-11-28,");
        night(D3);
    }

    private void night(LocalDate date) throws Exception {
        JobExecution night = runner.run(new RunParameters(date, in, out, null));
        assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution close = night.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(NightlyStepNames.CLOSE_LEDGER_DAY)).findFirst().orElseThrow();
        String summed = close.getExecutionContext().getString(CloseLedgerDayTasklet.SUMMED_KEY);
        if (Databases.isH2(jdbc.getDataSource())) {
            System.out.println("NOTE: H2 closes from the ledger's entries; the posting steps' sums are MySQL's path");
            assertThat(summed).isEqualTo(CloseLedgerDayTasklet.SUMMED_FROM_ENTRIES);
        } else {
            assertThat(summed).isEqualTo(expectedPathOnMySql());
        }

        assertThat(rows("SELECT account_id, debits, credits, earliest_reversal_date FROM account"
                + " WHERE totals_as_of IS NOT NULL ORDER BY account_id"))
                .isEqualTo(rows("SELECT account_id, SUM(" + DEBIT + "), SUM(" + CREDIT + "), MIN(" + REVERSAL_DATE
                        + ") FROM ledger_entry GROUP BY account_id ORDER BY account_id"));
        assertThat(rows("SELECT business_date, account_id, debits, credits, spend_on_date, first_reversal_date,"
                + " first_spend_date FROM account_day_delta ORDER BY business_date, account_id"))
                .isEqualTo(rows("SELECT posted_date, account_id, SUM(" + DEBIT + "), SUM(" + CREDIT + "),"
                        + " SUM(CASE WHEN entry_type = 'SPEND' AND entry_date = posted_date THEN amount ELSE 0 END),"
                        + " MIN(" + REVERSAL_DATE + "), MIN(CASE WHEN entry_type = 'SPEND' THEN entry_date END)"
                        + " FROM ledger_entry GROUP BY posted_date, account_id ORDER BY posted_date, account_id"));
        // each currency's movements of each night (the close's balance check and recon_summary's debits and credits)
        assertThat(rows("SELECT business_date, currency, debits, credits FROM currency_day"
                + " WHERE debits <> 0 OR credits <> 0 ORDER BY business_date, currency"))
                .isEqualTo(rows("SELECT posted_date, currency, SUM(" + DEBIT + "), SUM(" + CREDIT + ") FROM ledger_entry"
                        + " GROUP BY posted_date, currency ORDER BY posted_date, currency"))
                .isNotEmpty();
        // the late spend per charge date each run posted (V13): recorded from the posting sums, NULL from the entries
        List<String> late = rows("SELECT posted_date, account_id, entry_date, SUM(amount) FROM ledger_entry"
                + " WHERE entry_type = 'SPEND' AND entry_date < posted_date"
                + " GROUP BY posted_date, account_id, entry_date ORDER BY posted_date, account_id, entry_date");
        List<String> recorded = new ArrayList<>();
        jdbc.query("SELECT business_date, account_id, late_spend FROM account_day_delta WHERE late_spend IS NOT NULL"
                + " ORDER BY business_date, account_id", rs -> {
                    String posted = rs.getDate(1).toString();
                    String account = rs.getString(2);
                    LateSpendText.parse(rs.getString(3)).forEach((charged, amount) -> recorded.add(List.of(
                            posted, account, charged.toString(), amount.setScale(4).toPlainString()).toString()));
                });
        // every night of a test closes the same way
        assertThat(recorded).isEqualTo(summed.equals(CloseLedgerDayTasklet.SUMMED_BY_POSTING) ? late : List.of());
        assertThat(rows("SELECT account_id, charge_date, amount FROM account_spend_day ORDER BY account_id, charge_date"))
                .isEqualTo(rows("SELECT account_id, entry_date, SUM(amount) FROM ledger_entry WHERE entry_type = 'SPEND'"
                        + " GROUP BY account_id, entry_date ORDER BY account_id, entry_date"))
                .isNotEmpty();
        // the key's first part is the week (V14): each row under its charge date's Monday, two weeks here
        List<String> weeks = new ArrayList<>();
        jdbc.query("SELECT charge_week, charge_date FROM account_spend_day", rs -> {
            weeks.add(rs.getObject(1, LocalDate.class) + " " + ChargeWeek.of(rs.getObject(2, LocalDate.class)));
        });
        assertThat(weeks).allSatisfy(w -> assertThat(w.split(" ")[0]).isEqualTo(w.split(" ")[1]))
                .extracting(w -> w.split(" ")[0]).containsOnly("2026-11-16", "2026-11-23").contains("2026-11-16");
    }

    /** An undisturbed night on MySQL closes from the posting steps' sums. */
    protected String expectedPathOnMySql() {
        return CloseLedgerDayTasklet.SUMMED_BY_POSTING;
    }

    private static final String DEBIT = "CASE WHEN entry_type = 'SPEND' THEN amount ELSE 0 END";
    private static final String CREDIT = "CASE entry_type WHEN 'PAYMENT' THEN amount WHEN 'SPEND' THEN 0 ELSE -amount END";
    private static final String REVERSAL_DATE = "CASE WHEN entry_type IN ('REFUND', 'CHARGEBACK') THEN entry_date END";

    /** Rows as text, numbers at the scale the tables keep. */
    private List<String> rows(String sql) {
        return jdbc.queryForList(sql).stream().map(r -> r.values().stream()
                .map(v -> v instanceof BigDecimal d ? d.setScale(4).toPlainString() : String.valueOf(v))
                .toList().toString()).toList();
    }
}
