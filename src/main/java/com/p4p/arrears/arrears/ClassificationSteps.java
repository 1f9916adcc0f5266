package com.p4p.arrears.arrears;

import static com.p4p.arrears.NightlyStepNames.CLASSIFY_ACCOUNTS;
import static com.p4p.arrears.ops.RunParameters.BUSINESS_DATE_VALUE;
import static com.p4p.arrears.ops.RunParameters.POLICY_VALUE;

import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.p4p.arrears.NightlyStepFactory;
import com.p4p.arrears.ops.ProgressLogger;
import com.p4p.arrears.partition.AccountRange;
import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.partition.PartitionedSteps;
import com.p4p.arrears.policy.PolicyProvider;

/**
 * Every known account classified after the ledger day closed: ageing, stage, enforcement transitions,
 * credit impact and runway, a chunk of accounts (in account-id order) per transaction. Accounts are
 * classified independently, so the step runs as partitions of consecutive account ids.
 */
@Configuration
public class ClassificationSteps {

    /** Partitioned by account-id range ({@link PartitionPlan#CLASSIFY_ACCOUNTS}): one partition per thread. */
    @Bean
    public Step classifyAccounts(NightlyStepFactory steps, PartitionedSteps partitions, Step classifyAccountsPartition) {
        return partitions.manager(PartitionPlan.CLASSIFY_ACCOUNTS, steps.step(CLASSIFY_ACCOUNTS),
                classifyAccountsPartition);
    }

    /** The accounts of one range, a chunk of consecutive accounts per transaction. */
    @Bean
    public Step classifyAccountsPartition(NightlyStepFactory steps, PartitionedSteps partitions,
                                          PlatformTransactionManager transactionManager,
                                          JdbcPagingItemReader<AccountToClassify> accountsToClassify,
                                          ArrearsClassificationWriter classificationWriter, JdbcTemplate jdbc) {
        return partitions.worker(PartitionPlan.CLASSIFY_ACCOUNTS)
                .<AccountToClassify, AccountToClassify>chunk(steps.chunkSize(CLASSIFY_ACCOUNTS))
                .transactionManager(transactionManager)
                .reader(accountsToClassify).writer(classificationWriter)
                .listener(new ProgressLogger("accounts", step -> {
                    AccountRange range = AccountRange.of(step.getExecutionContext());
                    return jdbc.queryForObject("SELECT COUNT(*) FROM account WHERE 1 = 1" + range.andCondition("account_id"),
                            Long.class, range.parameters());
                })).build();
    }

    @Bean
    @StepScope
    public JdbcPagingItemReader<AccountToClassify> accountsToClassify(DataSource dataSource, NightlyStepFactory steps,
                                                                      @Value("#{stepExecution}") StepExecution partition)
            throws Exception {
        // Keyset paging by account id within the partition's range: the saved position is the last id, so
        // restarts resume exactly.
        AccountRange range = AccountRange.of(partition.getExecutionContext());
        return new JdbcPagingItemReaderBuilder<AccountToClassify>().name("accounts").dataSource(dataSource)
                .selectClause("account_id, store_id, currency, enforcement_hold, credits - debits AS balance,"
                        + " earliest_reversal_date, debits")
                .fromClause("account")
                .whereClause(range.namedCondition("account_id").isEmpty() ? null : range.namedCondition("account_id"))
                .parameterValues(range.namedParameters())
                .sortKeys(Map.of("account_id", Order.ASCENDING))
                .pageSize(steps.chunkSize(CLASSIFY_ACCOUNTS))
                .rowMapper((rs, i) -> new AccountToClassify(rs.getString("account_id"), rs.getString("store_id"),
                        rs.getString("currency"), "Y".equals(rs.getString("enforcement_hold")),
                        rs.getBigDecimal("balance"), rs.getObject("earliest_reversal_date", LocalDate.class),
                        rs.getBigDecimal("debits")))
                .build();
    }

    @Bean
    @StepScope
    public ArrearsClassificationWriter classificationWriter(@Value(BUSINESS_DATE_VALUE) LocalDate date,
                                                            @Value(POLICY_VALUE) String policy,
                                                            PolicyProvider policies, JdbcTemplate jdbc) {
        return new ArrearsClassificationWriter(date, new ArrearsEngine(policies.get(policy)), jdbc);
    }
}
