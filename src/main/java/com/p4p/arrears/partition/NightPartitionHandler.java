package com.p4p.arrears.partition;

import java.util.Collection;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs the partitions of every partitioned step of a night, as the night's job parameters say: {@code
 * partitions} (non-identifying, absent = 1) is the grid a fresh step is split into and the number of
 * partitions run at once. Locally, partition by partition on the launching thread when there is one, else
 * each on a thread of its own ({@code partition-1..N}), all through Spring Batch's
 * {@link TaskExecutorPartitionHandler}.
 * <p>
 * The worker step is found by the name the splitter gives its partitions (the worker step's bean name,
 * see {@link PartitionPlan}), so one handler serves every partitioned step and a worker process can find
 * the same step by the same name. On a restart the splitter keeps the stored grid and ranges whatever
 * the grid asked for here, and runs only the partitions that did not complete.
 */
@Component
public class NightPartitionHandler implements PartitionHandler {

    private final BeanFactory beans;

    public NightPartitionHandler(BeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution)
            throws Exception {
        JobParameters parameters = managerStepExecution.getJobExecution().getJobParameters();
        int partitions = partitions(parameters);

        // Remote partitions (job parameter "workers") are sent to worker processes here; see SPEC 12.

        Step worker = beans.getBean(splitter.getStepName(), Step.class);
        TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
        local.setStep(worker);
        local.setGridSize(partitions);
        local.setTaskExecutor(threads(partitions));
        local.afterPropertiesSet();
        return local.handle(splitter, managerStepExecution);
    }

    /** The night's number of partitions: job parameter {@code partitions}, 1 when absent. */
    public static int partitions(JobParameters parameters) {
        Long n = parameters.getLong(PartitionKeys.PARTITIONS);
        return n == null ? 1 : Math.toIntExact(n);
    }

    /** One partition: the launching thread, as a night without partitions. More: one thread each. */
    private static TaskExecutor threads(int partitions) {
        if (partitions <= 1) {
            return new SyncTaskExecutor();
        }
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("partition-");
        threads.setConcurrencyLimit(partitions);
        return threads;
    }
}
