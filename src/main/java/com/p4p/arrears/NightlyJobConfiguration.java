package com.p4p.arrears;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.p4p.arrears.db.BulkPathListener;
import com.p4p.arrears.ops.GracefulShutdown;
import com.p4p.arrears.ops.RunSummaryListener;
import com.p4p.arrears.ops.StepMetrics;
import com.p4p.arrears.ops.metrics.NightMetricsPusher;

/**
 * The nightly job, step by step, in the order SPEC 3 sets for a business date. Each step is wired
 * beside its feature ({@code ingest.IngestSteps}, {@code ledger.PostingSteps}, {@code
 * reconcile.ReconcileSteps}, {@code arrears.ClassificationSteps}, {@code report.OutputSteps}); a
 * restart resumes at the step that failed. The steps of {@code partition.PartitionPlan} run as partitions
 * (job parameter {@code partitions}, SPEC 12).
 */
@Configuration
public class NightlyJobConfiguration {

    public static final String JOB_NAME = "nightly";

    @Bean
    public Job nightlyJob(JobRepository jobRepository, DataSource dataSource, GracefulShutdown shutdown,
                          StepMetrics metrics, NightMetricsPusher nightMetrics,
                          Step verifyDelivery, Step ingestAccounts, Step releaseSuspense, Step ingestSpend,
                          Step ingestSpendDeferred, Step ingestPayments, Step ingestPaymentsDeferred,
                          Step closeLedgerDay, Step compareBalances, Step compareBalancesDeferred,
                          Step findMissingBalances,
                          Step classifyAccounts, Step writeAccountFiles, Step writeOutputs) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new BulkPathListener(dataSource)) // first: LOAD DATA LOCAL or batched inserts, for every step
                .listener(new RunSummaryListener()).listener(metrics)
                .listener(shutdown)
                .listener(nightMetrics)            // pushed to the Pushgateway at the end, failed or not
                .start(verifyDelivery)             // headers and trailers of all the date's files, before any posting
                .next(ingestAccounts)              // the accounts snapshot
                .next(releaseSuspense)             // items waiting for accounts that arrived today
                .next(ingestSpend)                 // click charges, in partitions by line range
                .next(ingestSpendDeferred)         // then those that depend on an earlier row, in line order
                .next(ingestPayments)              // payments, refunds, chargebacks, likewise
                .next(ingestPaymentsDeferred)
                .next(closeLedgerDay)              // account balances and per-currency totals
                .next(compareBalances)             // the platform's balances against the ledger, when delivered
                .next(compareBalancesDeferred)     // an account's later rows, in line order
                .next(findMissingBalances)         // accounts the platform did not report
                .next(classifyAccounts)            // ageing, stages, enforcement actions, credit impact
                .next(writeAccountFiles)           // the files sorted by account, as hidden parts (one per partition)
                .next(writeOutputs)                // the six output files and report.html, after the invariants hold
                .build();
    }
}
