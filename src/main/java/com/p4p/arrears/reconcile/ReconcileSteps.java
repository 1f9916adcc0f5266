package com.p4p.arrears.reconcile;

import static com.p4p.arrears.NightlyStepNames.COMPARE_BALANCES;
import static com.p4p.arrears.NightlyStepNames.FIND_MISSING_BALANCES;
import static com.p4p.arrears.ops.RunParameters.BUSINESS_DATE_VALUE;
import static com.p4p.arrears.ops.RunParameters.INPUT_VALUE;
import static com.p4p.arrears.ops.RunParameters.POLICY_VALUE;

import java.nio.file.Files;
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
import com.p4p.arrears.ingest.BalanceRow;
import com.p4p.arrears.ingest.BalanceRowValidator;
import com.p4p.arrears.ingest.CsvRowReader;
import com.p4p.arrears.ingest.IngestLog;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ingest.Validated;
import com.p4p.arrears.ingest.ValidatingReader;
import com.p4p.arrears.policy.PolicyProvider;

/**
 * The platform's balances against the ledger after the day's postings: each reported balance compared
 * (when the optional balances file was delivered), then the accounts it did not report.
 */
@Configuration
public class ReconcileSteps {

    @Bean
    public Step compareBalances(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                                ValidatingReader<BalanceRow> balancesRows, BalanceComparisonWriter balancesWriter) {
        return steps.step(COMPARE_BALANCES)
                .<Validated<BalanceRow>, Validated<BalanceRow>>chunk(steps.chunkSize(COMPARE_BALANCES))
                .transactionManager(transactionManager)
                .reader(balancesRows).writer(balancesWriter)
                .listener(steps.progressOf(Source.BALANCES)).build();
    }

    @Bean
    public Step findMissingBalances(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                                    MissingInSnapshotTasklet missingInSnapshotTasklet) {
        return steps.step(FIND_MISSING_BALANCES).tasklet(missingInSnapshotTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    public ValidatingReader<BalanceRow> balancesRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                     @Value(INPUT_VALUE) String input,
                                                     @Value(POLICY_VALUE) String policy, PolicyProvider policies) {
        // The balances file is optional: without it the step reads nothing.
        Path file = Source.BALANCES.file(Path.of(input), date);
        return new ValidatingReader<>(Files.exists(file) ? new CsvRowReader(Source.BALANCES, file)
                : CsvRowReader.empty(Source.BALANCES), new BalanceRowValidator(policies.get(policy), date));
    }

    @Bean
    @StepScope
    public BalanceComparisonWriter balancesWriter(@Value(BUSINESS_DATE_VALUE) LocalDate date, JdbcTemplate jdbc,
                                                  BreakRepository breaks, IngestLog ingestLog) {
        return new BalanceComparisonWriter(date, jdbc, breaks, ingestLog);
    }

    @Bean
    @StepScope
    public MissingInSnapshotTasklet missingInSnapshotTasklet(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                             @Value(INPUT_VALUE) String input, JdbcTemplate jdbc) {
        return new MissingInSnapshotTasklet(date, jdbc, Files.exists(Source.BALANCES.file(Path.of(input), date)));
    }
}
