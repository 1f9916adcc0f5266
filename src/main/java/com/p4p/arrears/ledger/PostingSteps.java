package com.p4p.arrears.ledger;

import static com.p4p.arrears.NightlyStepNames.CLOSE_LEDGER_DAY;
import static com.p4p.arrears.NightlyStepNames.INGEST_PAYMENTS;
import static com.p4p.arrears.NightlyStepNames.INGEST_SPEND;
import static com.p4p.arrears.NightlyStepNames.RELEASE_SUSPENSE;
import static com.p4p.arrears.ops.RunParameters.BUSINESS_DATE_VALUE;
import static com.p4p.arrears.ops.RunParameters.INPUT_VALUE;
import static com.p4p.arrears.ops.RunParameters.POLICY_VALUE;

import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.p4p.arrears.NightlyStepFactory;
import com.p4p.arrears.ingest.CsvRowReader;
import com.p4p.arrears.ingest.IngestLog;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.PaymentRowValidator;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ingest.SpendRowValidator;
import com.p4p.arrears.ingest.Validated;
import com.p4p.arrears.ingest.ValidatingReader;
import com.p4p.arrears.ops.ProgressLogger;
import com.p4p.arrears.policy.PolicyProvider;
import com.p4p.arrears.reconcile.BreakRepository;

/**
 * Posting the day to the ledger: suspense released for accounts that arrived, spend, payments, then
 * the close of the ledger day (account balances and per-currency totals). Each row is decided in plain
 * Java ({@link PostingDecider}); the chunk's postings, suspense, breaks, rejects and tally commit together.
 */
@Configuration
public class PostingSteps {

    @Bean
    public Step releaseSuspense(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                                JdbcCursorItemReader<SuspendedItem> suspenseReader,
                                SuspenseReleaseWriter suspenseWriter) {
        return steps.step(RELEASE_SUSPENSE).<SuspendedItem, SuspendedItem>chunk(steps.chunkSize(RELEASE_SUSPENSE))
                .transactionManager(transactionManager)
                .reader(suspenseReader).writer(suspenseWriter)
                .listener(new ProgressLogger("items", step -> -1)).build();
    }

    @Bean
    public Step ingestSpend(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                            ValidatingReader<LedgerItem> spendRows, LedgerPostingWriter spendWriter) {
        return steps.step(INGEST_SPEND).<Validated<LedgerItem>, Validated<LedgerItem>>chunk(steps.chunkSize(INGEST_SPEND))
                .transactionManager(transactionManager)
                .reader(spendRows).writer(spendWriter)
                .listener(steps.progressOf(Source.SPEND)).build();
    }

    @Bean
    public Step ingestPayments(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                               ValidatingReader<LedgerItem> paymentsRows, LedgerPostingWriter paymentsWriter) {
        return steps.step(INGEST_PAYMENTS)
                .<Validated<LedgerItem>, Validated<LedgerItem>>chunk(steps.chunkSize(INGEST_PAYMENTS))
                .transactionManager(transactionManager)
                .reader(paymentsRows).writer(paymentsWriter)
                .listener(steps.progressOf(Source.PAYMENTS)).build();
    }

    @Bean
    public Step closeLedgerDay(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                               CloseLedgerDayTasklet closeLedgerDayTasklet) {
        return steps.step(CLOSE_LEDGER_DAY).tasklet(closeLedgerDayTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    public JdbcCursorItemReader<SuspendedItem> suspenseReader(DataSource dataSource) {
        // Released items leave the OPEN set, so a restart simply reads what is still open: no saved position.
        return new JdbcCursorItemReaderBuilder<SuspendedItem>().name("suspense").dataSource(dataSource).saveState(false)
                .sql("SELECT s.*, a.currency AS account_currency FROM suspense_item s"
                        + " JOIN account a ON a.account_id = s.account_id WHERE s.status = 'OPEN'"
                        + " ORDER BY s.received_date, s.source DESC, s.line_number")
                .rowMapper((rs, i) -> new SuspendedItem(rs.getLong("suspense_id"), LedgerRepository.item(rs),
                        rs.getString("account_currency")))
                .build();
    }

    @Bean
    @StepScope
    public SuspenseReleaseWriter suspenseWriter(@Value(BUSINESS_DATE_VALUE) LocalDate date, JdbcTemplate jdbc,
                                                LedgerRepository ledger, BreakRepository breaks) {
        return new SuspenseReleaseWriter(date, jdbc, ledger, breaks);
    }

    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> spendRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                  @Value(INPUT_VALUE) String input, @Value(POLICY_VALUE) String policy,
                                                  PolicyProvider policies, LedgerRepository ledger,
                                                  NightlyStepFactory steps) {
        return new ValidatingReader<>(new CsvRowReader(Source.SPEND, Source.SPEND.file(Path.of(input), date)),
                new SpendRowValidator(policies.get(policy), date), Math.max(4096, steps.chunkSize(INGEST_SPEND)),
                loadLinesAhead(ledger, date));
    }

    @Bean
    @StepScope
    public LedgerPostingWriter spendWriter(@Value(BUSINESS_DATE_VALUE) LocalDate date, LedgerRepository ledger,
                                           BreakRepository breaks, IngestLog ingestLog) {
        return new LedgerPostingWriter(Source.SPEND, date, ledger, breaks, ingestLog);
    }

    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> paymentsRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                     @Value(INPUT_VALUE) String input,
                                                     @Value(POLICY_VALUE) String policy, PolicyProvider policies,
                                                     LedgerRepository ledger, NightlyStepFactory steps) {
        return new ValidatingReader<>(new CsvRowReader(Source.PAYMENTS, Source.PAYMENTS.file(Path.of(input), date)),
                new PaymentRowValidator(policies.get(policy), date), Math.max(4096, steps.chunkSize(INGEST_PAYMENTS)),
                loadLinesAhead(ledger, date));
    }

    @Bean
    @StepScope
    public LedgerPostingWriter paymentsWriter(@Value(BUSINESS_DATE_VALUE) LocalDate date, LedgerRepository ledger,
                                              BreakRepository breaks, IngestLog ingestLog) {
        return new LedgerPostingWriter(Source.PAYMENTS, date, ledger, breaks, ingestLog);
    }

    @Bean
    @StepScope
    public CloseLedgerDayTasklet closeLedgerDayTasklet(@Value(BUSINESS_DATE_VALUE) LocalDate date,
            @Value(POLICY_VALUE) String policy, PolicyProvider policies, JdbcTemplate jdbc, LedgerRepository ledger,
            @Value("${pipeline.close.use-posting-sums:true}") boolean usePostingSums) {
        // false: always sum the day's entries in the database (the path a restarted night takes anyway)
        return new CloseLedgerDayTasklet(date, policies.get(policy), jdbc, usePostingSums ? ledger.dayPostings() : null);
    }

    /** Valid rows encoded for the ledger's LOAD DATA on the reading thread, where the database takes them. */
    private static LedgerLoadLines loadLinesAhead(LedgerRepository ledger, LocalDate date) {
        return ledger.bulkLoads() ? new LedgerLoadLines(date) : null;
    }
}
