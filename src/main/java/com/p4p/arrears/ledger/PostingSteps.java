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
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.p4p.arrears.NightlyStepFactory;
import com.p4p.arrears.ingest.CsvRowReader;
import com.p4p.arrears.ingest.DeferredRowReader;
import com.p4p.arrears.ingest.DeferredRows;
import com.p4p.arrears.ingest.LineRange;
import com.p4p.arrears.ingest.RowValidator;
import com.p4p.arrears.ingest.IngestLog;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.PaymentRowValidator;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ingest.SpendRowValidator;
import com.p4p.arrears.ingest.Validated;
import com.p4p.arrears.ingest.ValidatingReader;
import com.p4p.arrears.ops.ProgressLogger;
import com.p4p.arrears.partition.LineRangePartitioner;
import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.partition.PartitionedSteps;
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

    /**
     * Spend, in partitions by line range ({@link PartitionPlan#INGEST_SPEND}); the rows that depend on an
     * earlier row of the file are left to {@link #ingestSpendDeferred}.
     */
    @Bean
    public Step ingestSpend(NightlyStepFactory steps, PartitionedSteps partitioned, Step ingestSpendPartition) {
        return partitioned.manager(PartitionPlan.INGEST_SPEND, steps.step(INGEST_SPEND), ingestSpendPartition);
    }

    /** One partition of spend: its range's rows, posted chunk by chunk. */
    @Bean
    public Step ingestSpendPartition(NightlyStepFactory steps, PartitionedSteps partitioned,
                                     PlatformTransactionManager transactionManager,
                                     ValidatingReader<LedgerItem> spendRangeRows, LedgerPostingWriter spendWriter) {
        return posting(partitioned.worker(PartitionPlan.INGEST_SPEND), steps, INGEST_SPEND, transactionManager,
                spendRangeRows, spendWriter).listener(steps.progressOfRange()).build();
    }

    /** Spend rows that depend on an earlier row of the file, after every partition, in line order. */
    @Bean
    public Step ingestSpendDeferred(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                                    ValidatingReader<LedgerItem> spendDeferredRows, LedgerPostingWriter spendWriter) {
        return posting(steps.step(PartitionPlan.INGEST_SPEND.deferred()), steps, INGEST_SPEND, transactionManager,
                spendDeferredRows, spendWriter).listener(steps.progressOfDeferred(Source.SPEND)).build();
    }

    /** Payments, as spend ({@link PartitionPlan#INGEST_PAYMENTS}). */
    @Bean
    public Step ingestPayments(NightlyStepFactory steps, PartitionedSteps partitioned, Step ingestPaymentsPartition) {
        return partitioned.manager(PartitionPlan.INGEST_PAYMENTS, steps.step(INGEST_PAYMENTS), ingestPaymentsPartition);
    }

    @Bean
    public Step ingestPaymentsPartition(NightlyStepFactory steps, PartitionedSteps partitioned,
                                        PlatformTransactionManager transactionManager,
                                        ValidatingReader<LedgerItem> paymentsRangeRows,
                                        LedgerPostingWriter paymentsWriter) {
        return posting(partitioned.worker(PartitionPlan.INGEST_PAYMENTS), steps, INGEST_PAYMENTS, transactionManager,
                paymentsRangeRows, paymentsWriter).listener(steps.progressOfRange()).build();
    }

    @Bean
    public Step ingestPaymentsDeferred(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                                       ValidatingReader<LedgerItem> paymentsDeferredRows,
                                       LedgerPostingWriter paymentsWriter) {
        return posting(steps.step(PartitionPlan.INGEST_PAYMENTS.deferred()), steps, INGEST_PAYMENTS,
                transactionManager, paymentsDeferredRows, paymentsWriter)
                .listener(steps.progressOfDeferred(Source.PAYMENTS)).build();
    }

    /** A posting chunk step; chunks sized by the manager step's key ({@code pipeline.chunk-size.ingestSpend}). */
    private static ChunkOrientedStepBuilder<Validated<LedgerItem>, Validated<LedgerItem>> posting(StepBuilder step,
            NightlyStepFactory steps, String sizedAs, PlatformTransactionManager transactionManager,
            ValidatingReader<LedgerItem> reader, LedgerPostingWriter writer) {
        return step.<Validated<LedgerItem>, Validated<LedgerItem>>chunk(steps.chunkSize(sizedAs))
                .transactionManager(transactionManager).reader(reader).writer(writer);
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

    /** The rows of one partition's line range of the spend file, read and validated ahead. */
    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> spendRangeRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                       @Value(INPUT_VALUE) String input,
                                                       @Value(POLICY_VALUE) String policy, PolicyProvider policies,
                                                       LedgerRepository ledger, NightlyStepFactory steps,
                                                       DeferredRows deferred,
                                                       @Value("#{stepExecution}") StepExecution partition) {
        return rows(Source.SPEND, date, input, new SpendRowValidator(policies.get(policy), date), ledger, steps,
                LineRangePartitioner.rangeOf(partition, date, Source.SPEND, deferred));
    }

    /** The spend rows that depend on an earlier row of the file, in line order. */
    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> spendDeferredRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                          @Value(INPUT_VALUE) String input,
                                                          @Value(POLICY_VALUE) String policy, PolicyProvider policies,
                                                          LedgerRepository ledger, NightlyStepFactory steps,
                                                          DeferredRows deferred) {
        return rows(Source.SPEND, date, input, new SpendRowValidator(policies.get(policy), date), ledger, steps,
                deferred.all(date, Source.SPEND));
    }

    @Bean
    @StepScope
    public LedgerPostingWriter spendWriter(@Value(BUSINESS_DATE_VALUE) LocalDate date, LedgerRepository ledger,
                                           BreakRepository breaks, IngestLog ingestLog) {
        return new LedgerPostingWriter(Source.SPEND, date, ledger, breaks, ingestLog);
    }

    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> paymentsRangeRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                          @Value(INPUT_VALUE) String input,
                                                          @Value(POLICY_VALUE) String policy, PolicyProvider policies,
                                                          LedgerRepository ledger, NightlyStepFactory steps,
                                                          DeferredRows deferred,
                                                          @Value("#{stepExecution}") StepExecution partition) {
        return rows(Source.PAYMENTS, date, input, new PaymentRowValidator(policies.get(policy), date), ledger, steps,
                LineRangePartitioner.rangeOf(partition, date, Source.PAYMENTS, deferred));
    }

    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> paymentsDeferredRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                             @Value(INPUT_VALUE) String input,
                                                             @Value(POLICY_VALUE) String policy,
                                                             PolicyProvider policies, LedgerRepository ledger,
                                                             NightlyStepFactory steps, DeferredRows deferred) {
        return rows(Source.PAYMENTS, date, input, new PaymentRowValidator(policies.get(policy), date), ledger, steps,
                deferred.all(date, Source.PAYMENTS));
    }

    /** A partition's rows: its range (from its context) without the deferred rows in it. */
    private static ValidatingReader<LedgerItem> rows(Source source, LocalDate date, String input,
                                                     RowValidator<LedgerItem> validator, LedgerRepository ledger,
                                                     NightlyStepFactory steps, LineRange range) {
        return new ValidatingReader<>(new CsvRowReader(source, source.file(Path.of(input), date), range), validator,
                Math.max(4096, steps.chunkSize(sizedAs(source))), loadLinesAhead(ledger, date));
    }

    /** The deferred rows ({lines, byte offsets}), each read from its offset. */
    private static ValidatingReader<LedgerItem> rows(Source source, LocalDate date, String input,
                                                     RowValidator<LedgerItem> validator, LedgerRepository ledger,
                                                     NightlyStepFactory steps, long[][] deferred) {
        return new ValidatingReader<>(new DeferredRowReader(source, source.file(Path.of(input), date), deferred[0],
                deferred[1]), validator, Math.max(4096, steps.chunkSize(sizedAs(source))),
                loadLinesAhead(ledger, date));
    }

    private static String sizedAs(Source source) {
        return source == Source.SPEND ? INGEST_SPEND : INGEST_PAYMENTS;
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
