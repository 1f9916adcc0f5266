package com.p4p.arrears;

import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.p4p.arrears.arrears.IntradayLift;
import com.p4p.arrears.arrears.LiftEnforcementTasklet;
import com.p4p.arrears.ingest.CsvRowReader;
import com.p4p.arrears.ingest.FileVerifier;
import com.p4p.arrears.ingest.IntradayIngestLog;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.PaymentRowValidator;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ingest.Validated;
import com.p4p.arrears.ingest.ValidatingReader;
import com.p4p.arrears.ingest.VerifiedFile;
import com.p4p.arrears.ledger.LedgerPostingWriter;
import com.p4p.arrears.ledger.LedgerRepository;
import com.p4p.arrears.ledger.LiftPostingWriter;
import com.p4p.arrears.db.Databases;
import com.p4p.arrears.ops.GracefulShutdown;
import com.p4p.arrears.ops.LiftParameters;
import com.p4p.arrears.ops.ProgressLogger;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.policy.PolicyProvider;
import com.p4p.arrears.reconcile.IntradayBreaks;
import com.p4p.arrears.report.LiftOutputsTasklet;

/**
 * The intraday lift of SPEC 13, a job of its own identified by the lifted file's date and time: verify
 * the file's header and trailer, post its rows exactly as the night posts its payments file, lift the
 * enforcement of the accounts they posted to, write the lift's outputs. A restart resumes at the step
 * that failed (posting from its last committed chunk).
 */
@Configuration
public class LiftJobConfiguration {

    public static final String JOB_NAME = "lift";

    /** The lift's step names, as the job repository and {@code status} show them. */
    public static final String VERIFY_LIFT_FILE = "verifyLiftFile";
    public static final String POST_LIFT_PAYMENTS = "postLiftPayments";
    public static final String LIFT_ENFORCEMENT = "liftEnforcement";
    public static final String WRITE_LIFT_OUTPUTS = "writeLiftOutputs";

    private static final String DATE = RunParameters.BUSINESS_DATE_VALUE;
    private static final String TIME = LiftParameters.FILE_TIME_VALUE;
    private static final String FILE = LiftParameters.FILE_VALUE;
    private static final String OUTPUT = RunParameters.OUTPUT_VALUE;
    private static final String POLICY = RunParameters.POLICY_VALUE;

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final PolicyProvider policies;
    private final LedgerRepository ledger;
    private final int chunkSize;

    public LiftJobConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                DataSource dataSource, JdbcTemplate jdbc, PolicyProvider policies, LedgerRepository ledger,
                                @Value("${" + NightlyStepNames.CHUNK_SIZE + ".lift:${" + NightlyStepNames.CHUNK_SIZE + ":1000}}") int chunkSize) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.policies = policies;
        this.ledger = ledger;
        this.chunkSize = chunkSize;
    }

    @Bean
    public Job liftJob(GracefulShutdown shutdown) {
        return new JobBuilder(JOB_NAME, jobRepository).listener(shutdown)
                .start(verifyLiftFile())       // header and trailer, before any posting
                .next(postLiftPayments())      // the rows, as the nightly payments file's
                .next(liftEnforcement())       // leave actions for the accounts they posted to
                .next(writeLiftOutputs())      // the lift's four files
                .build();
    }

    @Bean
    public Step verifyLiftFile() {
        return new StepBuilder(VERIFY_LIFT_FILE, jobRepository).tasklet(verifyLiftTasklet(null, null, null),
                transactionManager).build();
    }

    @Bean
    public Step postLiftPayments() {
        return new StepBuilder(POST_LIFT_PAYMENTS, jobRepository)
                .<Validated<LedgerItem>, Validated<LedgerItem>>chunk(chunkSize).transactionManager(transactionManager)
                .reader(liftRows(null, null, null)).writer(liftWriter(null, null))
                .listener(new ProgressLogger("rows", step -> {
                    JobParameters p = step.getJobExecution().getJobParameters();
                    Long rows = jdbc.query("SELECT data_rows FROM intraday_file WHERE business_date = ? AND file_time = ?",
                            rs -> rs.next() ? rs.getLong(1) : -1L,
                            java.sql.Date.valueOf(p.getLocalDate(RunParameters.BUSINESS_DATE)),
                            p.getString(LiftParameters.FILE_TIME));
                    return rows == null ? -1 : rows;
                })).build();
    }

    @Bean
    public Step liftEnforcement() {
        return new StepBuilder(LIFT_ENFORCEMENT, jobRepository).tasklet(liftEnforcementTasklet(null, null, null),
                transactionManager).build();
    }

    @Bean
    public Step writeLiftOutputs() {
        return new StepBuilder(WRITE_LIFT_OUTPUTS, jobRepository).tasklet(liftOutputsTasklet(null, null, null, null),
                transactionManager).build();
    }

    @Bean
    @StepScope
    public Tasklet verifyLiftTasklet(@Value(DATE) LocalDate date, @Value(TIME) String time, @Value(FILE) String file) {
        return (StepContribution contribution, ChunkContext context) -> {
            VerifiedFile verified = FileVerifier.verify(Source.PAYMENTS, Path.of(file));
            new IntradayIngestLog(jdbc, time).recordVerifiedFile(date, verified);
            contribution.incrementReadCount();
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> liftRows(@Value(DATE) LocalDate date, @Value(FILE) String file,
                                                 @Value(POLICY) String policy) {
        return new ValidatingReader<>(new CsvRowReader(Source.PAYMENTS, Path.of(file)),
                new PaymentRowValidator(policies.get(policy), date));
    }

    @Bean
    @StepScope
    public LiftPostingWriter liftWriter(@Value(DATE) LocalDate date, @Value(TIME) String time) {
        return new LiftPostingWriter(new LedgerPostingWriter(Source.PAYMENTS, date, ledger, new IntradayBreaks(jdbc, time),
                new IntradayIngestLog(jdbc, time), true), jdbc, date, time);
    }

    @Bean
    @StepScope
    public LiftEnforcementTasklet liftEnforcementTasklet(@Value(DATE) LocalDate date, @Value(TIME) String time,
                                                         @Value(POLICY) String policy) {
        return new LiftEnforcementTasklet(date, time, new IntradayLift(policies.get(policy)), jdbc,
                Databases.streaming(dataSource), Databases.isH2(dataSource));
    }

    @Bean
    @StepScope
    public LiftOutputsTasklet liftOutputsTasklet(@Value(DATE) LocalDate date, @Value(TIME) String time,
                                                 @Value(OUTPUT) String output, @Value(POLICY) String policy) {
        return new LiftOutputsTasklet(date, time, Path.of(output), policies.get(policy), jdbc);
    }
}
