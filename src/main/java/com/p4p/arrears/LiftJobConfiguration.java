package com.p4p.arrears;

import static com.p4p.arrears.NightlyStepNames.CHUNK_SIZE;
import static com.p4p.arrears.ops.LiftParameters.FILE_TIME_VALUE;
import static com.p4p.arrears.ops.LiftParameters.FILE_VALUE;
import static com.p4p.arrears.ops.RunParameters.BUSINESS_DATE_VALUE;
import static com.p4p.arrears.ops.RunParameters.OUTPUT_VALUE;
import static com.p4p.arrears.ops.RunParameters.POLICY_VALUE;

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

    @Bean
    public Job liftJob(JobRepository jobRepository, GracefulShutdown shutdown, Step verifyLiftFile,
                       Step postLiftPayments, Step liftEnforcement, Step writeLiftOutputs) {
        return new JobBuilder(JOB_NAME, jobRepository).listener(shutdown)
                .start(verifyLiftFile)         // header and trailer, before any posting
                .next(postLiftPayments)        // the rows, as the nightly payments file's
                .next(liftEnforcement)         // leave actions for the accounts they posted to
                .next(writeLiftOutputs)        // the lift's four files
                .build();
    }

    @Bean
    public Step verifyLiftFile(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               Tasklet verifyLiftTasklet) {
        return new StepBuilder(VERIFY_LIFT_FILE, jobRepository).tasklet(verifyLiftTasklet, transactionManager).build();
    }

    @Bean
    public Step postLiftPayments(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 JdbcTemplate jdbc, ValidatingReader<LedgerItem> liftRows, LiftPostingWriter liftWriter,
                                 @Value("${" + CHUNK_SIZE + ".lift:${" + CHUNK_SIZE + ":1000}}") int chunkSize) {
        return new StepBuilder(POST_LIFT_PAYMENTS, jobRepository)
                .<Validated<LedgerItem>, Validated<LedgerItem>>chunk(chunkSize).transactionManager(transactionManager)
                .reader(liftRows).writer(liftWriter)
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
    public Step liftEnforcement(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                LiftEnforcementTasklet liftEnforcementTasklet) {
        return new StepBuilder(LIFT_ENFORCEMENT, jobRepository).tasklet(liftEnforcementTasklet, transactionManager)
                .build();
    }

    @Bean
    public Step writeLiftOutputs(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 LiftOutputsTasklet liftOutputsTasklet) {
        return new StepBuilder(WRITE_LIFT_OUTPUTS, jobRepository).tasklet(liftOutputsTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    public Tasklet verifyLiftTasklet(@Value(BUSINESS_DATE_VALUE) LocalDate date, @Value(FILE_TIME_VALUE) String time,
                                     @Value(FILE_VALUE) String file, JdbcTemplate jdbc) {
        return (StepContribution contribution, ChunkContext context) -> {
            VerifiedFile verified = FileVerifier.verify(Source.PAYMENTS, Path.of(file));
            new IntradayIngestLog(jdbc, time).recordVerifiedFile(date, verified);
            contribution.incrementReadCount();
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    @StepScope
    public ValidatingReader<LedgerItem> liftRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                 @Value(FILE_VALUE) String file, @Value(POLICY_VALUE) String policy,
                                                 PolicyProvider policies) {
        return new ValidatingReader<>(new CsvRowReader(Source.PAYMENTS, Path.of(file)),
                new PaymentRowValidator(policies.get(policy), date));
    }

    @Bean
    @StepScope
    public LiftPostingWriter liftWriter(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                        @Value(FILE_TIME_VALUE) String time, LedgerRepository ledger, JdbcTemplate jdbc) {
        return new LiftPostingWriter(new LedgerPostingWriter(Source.PAYMENTS, date, ledger, new IntradayBreaks(jdbc, time),
                new IntradayIngestLog(jdbc, time), true), jdbc, date, time);
    }

    @Bean
    @StepScope
    public LiftEnforcementTasklet liftEnforcementTasklet(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                         @Value(FILE_TIME_VALUE) String time,
                                                         @Value(POLICY_VALUE) String policy, PolicyProvider policies,
                                                         JdbcTemplate jdbc, DataSource dataSource) {
        return new LiftEnforcementTasklet(date, time, new IntradayLift(policies.get(policy)), jdbc,
                Databases.streaming(dataSource), Databases.isH2(dataSource));
    }

    @Bean
    @StepScope
    public LiftOutputsTasklet liftOutputsTasklet(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                 @Value(FILE_TIME_VALUE) String time, @Value(OUTPUT_VALUE) String output,
                                                 @Value(POLICY_VALUE) String policy, PolicyProvider policies,
                                                 JdbcTemplate jdbc) {
        return new LiftOutputsTasklet(date, time, Path.of(output), policies.get(policy), jdbc);
    }
}
