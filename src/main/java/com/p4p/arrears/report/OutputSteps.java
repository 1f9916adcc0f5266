package com.p4p.arrears.report;

import static com.p4p.arrears.NightlyStepNames.WRITE_OUTPUTS;
import static com.p4p.arrears.ops.RunParameters.BUSINESS_DATE_VALUE;
import static com.p4p.arrears.ops.RunParameters.OUTPUT_VALUE;
import static com.p4p.arrears.ops.RunParameters.POLICY_VALUE;

import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.p4p.arrears.NightlyStepFactory;
import com.p4p.arrears.db.Databases;
import com.p4p.arrears.policy.PolicyProvider;

/**
 * The night's files, written from the database once the reconciliation summary's invariants hold: the
 * six CSVs of SPEC 8, runway.csv and report.html, each atomically.
 */
@Configuration
public class OutputSteps {

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
