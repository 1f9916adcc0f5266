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
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.p4p.arrears.NightlyStepFactory;
import com.p4p.arrears.ingest.BalanceRow;
import com.p4p.arrears.ingest.BalanceRowValidator;
import com.p4p.arrears.ingest.CsvRowReader;
import com.p4p.arrears.ingest.DeferredRowReader;
import com.p4p.arrears.ingest.DeferredRows;
import com.p4p.arrears.ingest.IngestLog;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ingest.Validated;
import com.p4p.arrears.ingest.ValidatingReader;
import com.p4p.arrears.partition.LineRangePartitioner;
import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.partition.PartitionedSteps;
import com.p4p.arrears.policy.PolicyProvider;

/**
 * The platform's balances against the ledger after the day's postings: each reported balance compared
 * (when the optional balances file was delivered), then the accounts it did not report.
 */
@Configuration
public class ReconcileSteps {

    /**
     * Balances, in partitions by line range ({@link PartitionPlan#COMPARE_BALANCES}); a row whose account
     * appeared on an earlier line is left to {@link #compareBalancesDeferred} (the first valid row wins).
     */
    @Bean
    public Step compareBalances(NightlyStepFactory steps, PartitionedSteps partitioned, Step compareBalancesPartition) {
        return partitioned.manager(PartitionPlan.COMPARE_BALANCES, steps.step(COMPARE_BALANCES),
                compareBalancesPartition);
    }

    @Bean
    public Step compareBalancesPartition(NightlyStepFactory steps, PartitionedSteps partitioned,
                                         PlatformTransactionManager transactionManager,
                                         ValidatingReader<BalanceRow> balancesRangeRows,
                                         BalanceComparisonWriter balancesWriter) {
        return partitioned.worker(PartitionPlan.COMPARE_BALANCES)
                .<Validated<BalanceRow>, Validated<BalanceRow>>chunk(steps.chunkSize(COMPARE_BALANCES))
                .transactionManager(transactionManager).reader(balancesRangeRows).writer(balancesWriter)
                .listener(steps.progressOfRange()).build();
    }

    /** Balances rows of an account seen on an earlier line, after every partition, in line order. */
    @Bean
    public Step compareBalancesDeferred(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                                        ValidatingReader<BalanceRow> balancesDeferredRows,
                                        BalanceComparisonWriter balancesWriter) {
        return steps.step(PartitionPlan.COMPARE_BALANCES.deferred())
                .<Validated<BalanceRow>, Validated<BalanceRow>>chunk(steps.chunkSize(COMPARE_BALANCES))
                .transactionManager(transactionManager).reader(balancesDeferredRows).writer(balancesWriter)
                .listener(steps.progressOfDeferred(Source.BALANCES)).build();
    }

    @Bean
    public Step findMissingBalances(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                                    MissingInSnapshotTasklet missingInSnapshotTasklet) {
        return steps.step(FIND_MISSING_BALANCES).tasklet(missingInSnapshotTasklet, transactionManager).build();
    }

    /** A partition's balances rows (none when the optional file was not delivered: its ranges are empty). */
    @Bean
    @StepScope
    public ValidatingReader<BalanceRow> balancesRangeRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                          @Value(INPUT_VALUE) String input,
                                                          @Value(POLICY_VALUE) String policy, PolicyProvider policies,
                                                          DeferredRows deferred,
                                                          @Value("#{stepExecution}") StepExecution partition) {
        return new ValidatingReader<>(new CsvRowReader(Source.BALANCES, Source.BALANCES.file(Path.of(input), date),
                LineRangePartitioner.rangeOf(partition, date, Source.BALANCES, deferred)),
                new BalanceRowValidator(policies.get(policy), date));
    }

    @Bean
    @StepScope
    public ValidatingReader<BalanceRow> balancesDeferredRows(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                             @Value(INPUT_VALUE) String input,
                                                             @Value(POLICY_VALUE) String policy,
                                                             PolicyProvider policies, DeferredRows deferred) {
        long[][] rows = deferred.all(date, Source.BALANCES);
        return new ValidatingReader<>(new DeferredRowReader(Source.BALANCES, Source.BALANCES.file(Path.of(input), date),
                rows[0], rows[1]), new BalanceRowValidator(policies.get(policy), date));
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
