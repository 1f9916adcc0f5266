package com.p4p.arrears.ingest;

import static com.p4p.arrears.NightlyStepNames.INGEST_ACCOUNTS;
import static com.p4p.arrears.NightlyStepNames.VERIFY_DELIVERY;
import static com.p4p.arrears.ops.RunParameters.BUSINESS_DATE_VALUE;
import static com.p4p.arrears.ops.RunParameters.INPUT_VALUE;
import static com.p4p.arrears.ops.RunParameters.POLICY_VALUE;

import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.p4p.arrears.NightlyStepFactory;
import com.p4p.arrears.policy.PolicyProvider;
import com.p4p.arrears.reconcile.BreakRepository;

/**
 * The night's first two steps: every file of the date verified (headers and trailers) before anything
 * posts, then the accounts snapshot.
 */
@Configuration
public class IngestSteps {

    @Bean
    public Step verifyDelivery(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                               VerifyDeliveryTasklet verifyDeliveryTasklet) {
        return steps.step(VERIFY_DELIVERY).tasklet(verifyDeliveryTasklet, transactionManager).build();
    }

    @Bean
    public Step ingestAccounts(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                               ValidatingReader<AccountRow> accountsRows, AccountSnapshotWriter accountWriter) {
        return steps.step(INGEST_ACCOUNTS)
                .<Validated<AccountRow>, Validated<AccountRow>>chunk(steps.chunkSize(INGEST_ACCOUNTS))
                .transactionManager(transactionManager)
                .reader(accountsRows).writer(accountWriter)
                .listener(steps.progressOf(Source.ACCOUNTS)).build();
    }

    @Bean
    @StepScope
    public VerifyDeliveryTasklet verifyDeliveryTasklet(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                       @Value(INPUT_VALUE) String input, IngestLog ingestLog) {
        return new VerifyDeliveryTasklet(date, Path.of(input), ingestLog);
    }

    @Bean
    @StepScope
    public ValidatingReader<AccountRow> accountsRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                     @Value(INPUT_VALUE) String input,
                                                     @Value(POLICY_VALUE) String policy, PolicyProvider policies) {
        return new ValidatingReader<>(new CsvRowReader(Source.ACCOUNTS, Source.ACCOUNTS.file(Path.of(input), date)),
                new AccountRowValidator(policies.get(policy), date));
    }

    @Bean
    @StepScope
    public AccountSnapshotWriter accountWriter(@Value(BUSINESS_DATE_VALUE) LocalDate date, JdbcTemplate jdbc,
                                               BreakRepository breaks, IngestLog ingestLog) {
        return new AccountSnapshotWriter(date, jdbc, breaks, ingestLog);
    }
}
