package com.p4p.arrears;

import static com.p4p.arrears.NightlyStepNames.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.p4p.arrears.arrears.AccountToClassify;
import com.p4p.arrears.arrears.ArrearsClassificationWriter;
import com.p4p.arrears.arrears.ArrearsEngine;
import com.p4p.arrears.ingest.AccountRow;
import com.p4p.arrears.ingest.AccountRowValidator;
import com.p4p.arrears.ingest.AccountSnapshotWriter;
import com.p4p.arrears.ingest.BalanceRow;
import com.p4p.arrears.ingest.BalanceRowValidator;
import com.p4p.arrears.ingest.CsvRowReader;
import com.p4p.arrears.ingest.IngestLog;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.PaymentRowValidator;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ingest.SpendRowValidator;
import com.p4p.arrears.ingest.Validated;
import com.p4p.arrears.ingest.ValidatingReader;
import com.p4p.arrears.ingest.VerifyDeliveryTasklet;
import com.p4p.arrears.ledger.CloseLedgerDayTasklet;
import com.p4p.arrears.ledger.LedgerPostingWriter;
import com.p4p.arrears.ledger.LedgerLoadLines;
import com.p4p.arrears.ledger.LedgerRepository;
import com.p4p.arrears.ledger.SuspendedItem;
import com.p4p.arrears.ledger.SuspenseReleaseWriter;
import com.p4p.arrears.db.Databases;
import com.p4p.arrears.ops.ProgressLogger;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.ops.StepMetrics;
import com.p4p.arrears.policy.PolicyProvider;
import com.p4p.arrears.reconcile.BalanceComparisonWriter;
import com.p4p.arrears.reconcile.BreakRepository;
import com.p4p.arrears.reconcile.MissingInSnapshotTasklet;
import com.p4p.arrears.report.NightlyOutputsTasklet;

/**
 * The steps of the nightly job and what each reads, processes and writes. Step-scoped parts take
 * the run's parameters (business date, folders, policy) from the job execution, so a restart uses
 * the original run's.
 */
@Configuration
public class NightlySteps {

    private static final String DATE = RunParameters.BUSINESS_DATE_VALUE;
    private static final String INPUT = RunParameters.INPUT_VALUE;
    private static final String OUTPUT = RunParameters.OUTPUT_VALUE;
    private static final String POLICY = RunParameters.POLICY_VALUE;

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final PolicyProvider policies;
    private final LedgerRepository ledger;
    private final BreakRepository breaks;
    private final IngestLog ingestLog;
    private final int chunkSize;
    private final Environment environment;
    private final StepMetrics metrics = new StepMetrics();

    public NightlySteps(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        DataSource dataSource, JdbcTemplate jdbc, PolicyProvider policies, LedgerRepository ledger,
                        BreakRepository breaks, IngestLog ingestLog, @Value("${" + CHUNK_SIZE + ":1000}") int chunkSize,
                        Environment environment) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.policies = policies;
        this.ledger = ledger;
        this.breaks = breaks;
        this.ingestLog = ingestLog;
        this.chunkSize = chunkSize;
        this.environment = environment;
    }

    // ---- steps, in job order ----

    @Bean
    public Step verifyDelivery() {
        return step(VERIFY_DELIVERY)
                .tasklet(verifyDeliveryTasklet(null, null), transactionManager).build();
    }

    @Bean
    public Step ingestAccounts() {
        return step(INGEST_ACCOUNTS).<Validated<AccountRow>, Validated<AccountRow>>chunk(chunkSize(INGEST_ACCOUNTS))
                .transactionManager(transactionManager)
                .reader(accountsRows(null, null, null))
                .writer(accountWriter(null)).listener(progress("rows", Source.ACCOUNTS)).build();
    }

    @Bean
    public Step releaseSuspense() {
        return step(RELEASE_SUSPENSE).<SuspendedItem, SuspendedItem>chunk(chunkSize(RELEASE_SUSPENSE))
                .transactionManager(transactionManager)
                .reader(suspenseReader()).writer(suspenseWriter(null))
                .listener(new ProgressLogger("items", step -> -1)).build();
    }

    @Bean
    public Step ingestSpend() {
        return step(INGEST_SPEND).<Validated<LedgerItem>, Validated<LedgerItem>>chunk(chunkSize(INGEST_SPEND))
                .transactionManager(transactionManager)
                .reader(spendRows(null, null, null))
                .writer(spendWriter(null)).listener(progress("rows", Source.SPEND)).build();
    }

    @Bean
    public Step ingestPayments() {
        return step(INGEST_PAYMENTS).<Validated<LedgerItem>, Validated<LedgerItem>>chunk(chunkSize(INGEST_PAYMENTS))
                .transactionManager(transactionManager)
                .reader(paymentsRows(null, null, null))
                .writer(paymentsWriter(null)).listener(progress("rows", Source.PAYMENTS)).build();
    }

    @Bean
    public Step closeLedgerDay() {
        return step(CLOSE_LEDGER_DAY)
                .tasklet(closeLedgerDayTasklet(null, null, false), transactionManager).build();
    }

    @Bean
    public Step compareBalances() {
        return step(COMPARE_BALANCES).<Validated<BalanceRow>, Validated<BalanceRow>>chunk(chunkSize(COMPARE_BALANCES))
                .transactionManager(transactionManager)
                .reader(balancesRows(null, null, null))
                .writer(balancesWriter(null)).listener(progress("rows", Source.BALANCES)).build();
    }

    @Bean
    public Step findMissingBalances() {
        return step(FIND_MISSING_BALANCES)
                .tasklet(missingInSnapshotTasklet(null, null), transactionManager).build();
    }

    @Bean
    public Step classifyAccounts() throws Exception {
        return step(CLASSIFY_ACCOUNTS).<AccountToClassify, AccountToClassify>chunk(chunkSize(CLASSIFY_ACCOUNTS))
                .transactionManager(transactionManager)
                .reader(accountsToClassify()).writer(classificationWriter(null, null))
                .listener(new ProgressLogger("accounts",
                        step -> jdbc.queryForObject("SELECT COUNT(*) FROM account", Long.class))).build();
    }

    @Bean
    public Step writeOutputs() {
        return step(WRITE_OUTPUTS)
                .tasklet(outputsTasklet(null, null, null), transactionManager).build();
    }

    /**
     * Rows (or accounts) per chunk, i.e. per transaction and per restart point: {@code
     * pipeline.chunk-size.<step>}, else {@code pipeline.chunk-size}.
     */
    private int chunkSize(String step) {
        return environment.getProperty(chunkSizeKey(step), Integer.class, chunkSize);
    }

    /** Every step reports the heap it needed (run summary, and the benchmark's report when asked). */
    private StepBuilder step(String name) {
        return new StepBuilder(name, jobRepository).listener((StepExecutionListener) metrics);
    }

    @Bean
    public StepMetrics stepMetrics() {
        return metrics;
    }

    // ---- what the steps are made of ----

    @Bean
    @StepScope
    public VerifyDeliveryTasklet verifyDeliveryTasklet(@Value(DATE) LocalDate date, @Value(INPUT) String input) {
        return new VerifyDeliveryTasklet(date, Path.of(input), ingestLog);
    }

    @Bean
    @StepScope
    public ValidatingReader<AccountRow> accountsRows(@Value(DATE) LocalDate date, @Value(INPUT) String input,
                                                     @Value(POLICY) String policy) {
        return new ValidatingReader<>(new CsvRowReader(Source.ACCOUNTS, Source.ACCOUNTS.file(Path.of(input), date)),
                new AccountRowValidator(policies.get(policy), date));
    }

    @Bean
    @StepScope
    public AccountSnapshotWriter accountWriter(@Value(DATE) LocalDate date) {
        return new AccountSnapshotWriter(date, jdbc, breaks, ingestLog);
    }

    @Bean
    @StepScope
    public JdbcCursorItemReader<SuspendedItem> suspenseReader() {
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
    public SuspenseReleaseWriter suspenseWriter(@Value(DATE) LocalDate date) {
        return new SuspenseReleaseWriter(date, jdbc, ledger, breaks);
    }

    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> spendRows(@Value(DATE) LocalDate date, @Value(INPUT) String input,
                                                  @Value(POLICY) String policy) {
        return new ValidatingReader<>(new CsvRowReader(Source.SPEND, Source.SPEND.file(Path.of(input), date)),
                new SpendRowValidator(policies.get(policy), date), Math.max(4096, chunkSize(INGEST_SPEND)),
                loadLinesAhead(date));
    }

    /** Valid rows encoded for the ledger's LOAD DATA on the reading thread, where the database takes them. */
    private LedgerLoadLines loadLinesAhead(LocalDate date) {
        return ledger.bulkLoads() ? new LedgerLoadLines(date) : null;
    }

    @Bean
    @StepScope
    public LedgerPostingWriter spendWriter(@Value(DATE) LocalDate date) {
        return new LedgerPostingWriter(Source.SPEND, date, ledger, breaks, ingestLog);
    }

    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> paymentsRows(@Value(DATE) LocalDate date, @Value(INPUT) String input,
                                                     @Value(POLICY) String policy) {
        return new ValidatingReader<>(new CsvRowReader(Source.PAYMENTS, Source.PAYMENTS.file(Path.of(input), date)),
                new PaymentRowValidator(policies.get(policy), date), Math.max(4096, chunkSize(INGEST_PAYMENTS)),
                loadLinesAhead(date));
    }

    @Bean
    @StepScope
    public LedgerPostingWriter paymentsWriter(@Value(DATE) LocalDate date) {
        return new LedgerPostingWriter(Source.PAYMENTS, date, ledger, breaks, ingestLog);
    }

    @Bean
    @StepScope
    public CloseLedgerDayTasklet closeLedgerDayTasklet(@Value(DATE) LocalDate date, @Value(POLICY) String policy,
            @Value("${pipeline.close.use-posting-sums:true}") boolean usePostingSums) {
        // false: always sum the day's entries in the database (the path a restarted night takes anyway)
        return new CloseLedgerDayTasklet(date, policies.get(policy), jdbc, usePostingSums ? ledger.dayPostings() : null);
    }

    @Bean
    @StepScope
    public ValidatingReader<BalanceRow> balancesRows(@Value(DATE) LocalDate date, @Value(INPUT) String input,
                                                     @Value(POLICY) String policy) {
        // The balances file is optional: without it the step reads nothing.
        Path file = Source.BALANCES.file(Path.of(input), date);
        return new ValidatingReader<>(Files.exists(file) ? new CsvRowReader(Source.BALANCES, file)
                : CsvRowReader.empty(Source.BALANCES), new BalanceRowValidator(policies.get(policy), date));
    }

    @Bean
    @StepScope
    public BalanceComparisonWriter balancesWriter(@Value(DATE) LocalDate date) {
        return new BalanceComparisonWriter(date, jdbc, breaks, ingestLog);
    }

    @Bean
    @StepScope
    public MissingInSnapshotTasklet missingInSnapshotTasklet(@Value(DATE) LocalDate date, @Value(INPUT) String input) {
        return new MissingInSnapshotTasklet(date, jdbc, Files.exists(Source.BALANCES.file(Path.of(input), date)));
    }

    @Bean
    @StepScope
    public JdbcPagingItemReader<AccountToClassify> accountsToClassify() throws Exception {
        // Keyset paging by account id: the saved position is the last id, so restarts resume exactly.
        return new JdbcPagingItemReaderBuilder<AccountToClassify>().name("accounts").dataSource(dataSource)
                .selectClause("account_id, store_id, currency, enforcement_hold, credits - debits AS balance,"
                        + " earliest_reversal_date, debits")
                .fromClause("account").sortKeys(Map.of("account_id", Order.ASCENDING)).pageSize(chunkSize(CLASSIFY_ACCOUNTS))
                .rowMapper((rs, i) -> new AccountToClassify(rs.getString("account_id"), rs.getString("store_id"),
                        rs.getString("currency"), "Y".equals(rs.getString("enforcement_hold")),
                        rs.getBigDecimal("balance"), rs.getObject("earliest_reversal_date", LocalDate.class),
                        rs.getBigDecimal("debits")))
                .build();
    }

    @Bean
    @StepScope
    public ArrearsClassificationWriter classificationWriter(@Value(DATE) LocalDate date, @Value(POLICY) String policy) {
        return new ArrearsClassificationWriter(date, new ArrearsEngine(policies.get(policy)), jdbc);
    }

    @Bean
    @StepScope
    public NightlyOutputsTasklet outputsTasklet(@Value(DATE) LocalDate date, @Value(OUTPUT) String output,
                                                @Value(POLICY) String policy) {
        return new NightlyOutputsTasklet(date, Path.of(output), policies.get(policy), jdbc,
                Databases.streaming(dataSource));
    }

    private ProgressLogger progress(String what, Source source) {
        return new ProgressLogger(what, step -> {
            LocalDate date = step.getJobExecution().getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
            Long rows = jdbc.query("SELECT data_rows FROM input_file WHERE business_date = ? AND source = ?",
                    rs -> rs.next() ? rs.getLong(1) : -1L, java.sql.Date.valueOf(date), source.code());
            return rows == null ? -1 : rows;
        });
    }
}
