package com.p4p.arrears.report;

import static com.p4p.arrears.NightlyStepNames.WRITE_ACCOUNT_FILES;
import static com.p4p.arrears.NightlyStepNames.WRITE_OUTPUTS;
import static com.p4p.arrears.ops.RunParameters.BUSINESS_DATE_VALUE;
import static com.p4p.arrears.ops.RunParameters.OUTPUT_VALUE;
import static com.p4p.arrears.ops.RunParameters.POLICY_VALUE;

import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.p4p.arrears.NightlyStepFactory;
import com.p4p.arrears.db.Databases;
import com.p4p.arrears.partition.AccountRange;
import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.partition.PartitionedSteps;
import com.p4p.arrears.policy.PolicyProvider;

/**
 * The night's files, written from the database once the reconciliation summary's invariants hold: the
 * six CSVs of SPEC 8, runway.csv and report.html, each atomically. The files sorted by account are
 * written first, as hidden parts per account range, and put together by writeOutputs.
 */
@Configuration
public class OutputSteps {

    /** The account-sorted files, in hidden parts by account-id range ({@link PartitionPlan#WRITE_ACCOUNT_FILES}). */
    @Bean
    public Step writeAccountFiles(NightlyStepFactory steps, PartitionedSteps partitions, Step writeAccountFilesPartition) {
        return partitions.manager(PartitionPlan.WRITE_ACCOUNT_FILES, steps.step(WRITE_ACCOUNT_FILES),
                writeAccountFilesPartition);
    }

    @Bean
    public Step writeAccountFilesPartition(PartitionedSteps partitions, PlatformTransactionManager transactionManager,
                                           AccountFilesTasklet accountFilesTasklet) {
        return partitions.worker(PartitionPlan.WRITE_ACCOUNT_FILES).tasklet(accountFilesTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    public AccountFilesTasklet accountFilesTasklet(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                   @Value(OUTPUT_VALUE) String output, @Value(POLICY_VALUE) String policy,
                                                   @Value("#{stepExecution}") StepExecution partition,
                                                   PolicyProvider policies, DataSource dataSource) {
        return new AccountFilesTasklet(date, new PartFiles(Path.of(output), date), policies.get(policy),
                Databases.streaming(dataSource), AccountRange.of(partition.getExecutionContext()));
    }

    /** The summary and its invariants first; then the files, the account-sorted ones put together from their parts. */
    @Bean
    public Step writeOutputs(NightlyStepFactory steps, PlatformTransactionManager transactionManager,
                             NightlyOutputsTasklet outputsTasklet) {
        return steps.step(WRITE_OUTPUTS).tasklet(outputsTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    public NightlyOutputsTasklet outputsTasklet(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                @Value(OUTPUT_VALUE) String output, @Value(POLICY_VALUE) String policy,
                                                PolicyProvider policies, JdbcTemplate jdbc, DataSource dataSource) {
        return new NightlyOutputsTasklet(date, Path.of(output), policies.get(policy), jdbc,
                Databases.streaming(dataSource));
    }
}
