package com.p4p.arrears.partition;

import javax.sql.DataSource;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.p4p.arrears.db.Databases;

/**
 * Builds the manager step of a partitioned step of {@link PartitionPlan}: it splits the work by the
 * plan's ranges and hands the partitions to the {@link NightPartitionHandler}. The feature's
 * configuration builds the worker step (today's chunk step, reading its partition's range) and passes it.
 */
@Component
public class PartitionedSteps {

    private final NightPartitionHandler handler;
    private final DataSource dataSource;
    private final JobRepository jobRepository;

    public PartitionedSteps(NightPartitionHandler handler, DataSource dataSource, JobRepository jobRepository) {
        this.handler = handler;
        this.dataSource = dataSource;
        this.jobRepository = jobRepository;
    }

    /**
     * The builder of the step that runs one partition: named {@link PartitionPlan#worker()}, recording who
     * runs each partition. Unlike the night's steps it does not measure the heap: partitions run at once,
     * the manager step measures them together.
     */
    public StepBuilder worker(PartitionPlan plan) {
        return new StepBuilder(plan.worker(), jobRepository).listener(new PartitionWorkerListener());
    }

    /**
     * The manager step: {@code builder} is the step builder of the manager's name (with the listeners every
     * step of the night has), {@code worker} the step that runs one partition, named {@link PartitionPlan#worker()}.
     */
    public Step manager(PartitionPlan plan, StepBuilder builder, Step worker) {
        if (!worker.getName().equals(plan.worker())) {
            throw new IllegalArgumentException(plan.manager() + "'s worker step must be named " + plan.worker()
                    + ", not " + worker.getName());
        }
        return builder.partitioner(plan.worker(), partitioner(plan)).step(worker).partitionHandler(handler)
                .aggregator(new PartitionAggregator()).build();
    }

    private Partitioner partitioner(PartitionPlan plan) {
        return switch (plan.ranges()) {
            case ACCOUNTS -> new AccountRangePartitioner(new JdbcTemplate(dataSource), Databases.streaming(dataSource));
            case LINES -> new LineRangePartitioner(new JdbcTemplate(dataSource), plan.source());
        };
    }
}
