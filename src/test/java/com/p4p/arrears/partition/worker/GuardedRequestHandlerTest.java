package com.p4p.arrears.partition.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.partition.PartitionKeys;
import com.p4p.arrears.partition.PartitionWorkerListener;

/** Which partition requests a worker runs, and which it drops as stale (SPEC 12: a stale request does no harm). */
class GuardedRequestHandlerTest {

    static final String WORKER_STEP = "classifyAccountsPartition";
    static final String PARTITION = WORKER_STEP + ":partition1";
    static final Duration TAKEOVER = Duration.ofMillis(400);

    JobRepository repository = mock(JobRepository.class);
    Step step = mock(Step.class);
    AtomicBoolean managerRunning = new AtomicBoolean(true);
    JobInstance instance = new JobInstance(7, "nightly");
    JobExecution night;
    GuardedRequestHandler handler;

    @BeforeEach
    void setUp() {
        night = new JobExecution(70, instance, new JobParametersBuilder()
                .addLocalDate(RunParameters.BUSINESS_DATE, LocalDate.parse("2026-11-26")).toJobParameters());
        night.setStatus(BatchStatus.STARTED);
        handler = new GuardedRequestHandler(repository, name -> step, night -> managerRunning.get(), new WorkerLog("host:1"),
                TAKEOVER, Duration.ofMillis(20));
    }

    StepExecution partition(long id, BatchStatus status, int version) {
        StepExecution s = new StepExecution(id, PARTITION, night);
        s.setStatus(status);
        s.setVersion(version);
        return s;
    }

    void stored(StepExecution s) {
        when(repository.getStepExecution(s.getId())).thenReturn(s);
        when(repository.getLastStepExecution(instance, PARTITION)).thenReturn(s);
    }

    void handle(long id) throws Exception {
        handler.handle(new StepExecutionRequest(WORKER_STEP, id));
    }

    @Test
    void aPartitionNobodyTookRunsAndRecordsItsWorker() throws Exception {
        StepExecution s = partition(100, BatchStatus.STARTING, 0);
        stored(s);
        handle(100);
        verify(step).execute(s);
        verify(repository).updateExecutionContext(s);
        assertThat(s.getExecutionContext().getString(PartitionKeys.WORKER)).isEqualTo(PartitionWorkerListener.who());
    }

    @Test
    void finishedOrFailedPartitionsAreDropped() throws Exception {
        for (BatchStatus status : new BatchStatus[] {BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED,
                BatchStatus.ABANDONED}) {
            StepExecution s = partition(101, status, 3);
            stored(s);
            handle(101);
            verify(step, never()).execute(any());
        }
    }

    @Test
    void aRequestOfARecoveredNightIsDroppedThoughItsPartitionLooksNew() throws Exception {
        StepExecution s = partition(102, BatchStatus.STARTING, 0);
        stored(s);
        night.setStatus(BatchStatus.FAILED);
        night.setEndTime(LocalDateTime.now());
        handle(102);
        verify(step, never()).execute(any());
    }

    @Test
    void aRequestForAnOlderExecutionOfThePartitionIsDropped() throws Exception {
        StepExecution old = partition(103, BatchStatus.STARTING, 0);
        when(repository.getStepExecution(103)).thenReturn(old);
        when(repository.getLastStepExecution(instance, PARTITION)).thenReturn(partition(110, BatchStatus.STARTING, 0));
        handle(103);
        verify(step, never()).execute(any());
    }

    @Test
    void aRequestOfANightWhoseManagerIsGoneIsDropped() throws Exception {
        stored(partition(104, BatchStatus.STARTING, 0));
        managerRunning.set(false);
        handle(104);
        verify(step, never()).execute(any());
    }

    @Test
    void anUnknownStepExecutionIsDropped() throws Exception {
        handle(999);
        verify(step, never()).execute(any());
    }

    @Test
    void aStartedPartitionIsTakenOverOnlyAfterItMadeNoProgressForTheTakeoverTime() throws Exception {
        StepExecution s = partition(105, BatchStatus.STARTED, 5);
        stored(s);
        long start = System.nanoTime();
        handle(105);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TAKEOVER);
        verify(step).execute(s);
    }

    @Test
    void aStartedPartitionThatKeepsCommittingAndThenCompletesIsLeftToItsWorker() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        when(repository.getStepExecution(106)).thenAnswer(i -> {
            int n = looks.incrementAndGet();
            // a chunk commit (new version) every look, for longer than the takeover time; then done
            return partition(106, n < 40 ? BatchStatus.STARTED : BatchStatus.COMPLETED, n);
        });
        when(repository.getLastStepExecution(eq(instance), eq(PARTITION)))
                .thenAnswer(i -> partition(106, BatchStatus.STARTED, looks.get()));
        handle(106);
        assertThat(looks.get()).isGreaterThanOrEqualTo(40);
        verify(step, never()).execute(any());
    }

    @Test
    void aStoppingWorkerPutsRequestsBack() {
        stored(partition(107, BatchStatus.STARTING, 0));
        handler.stopRunning();
        assertThatThrownBy(() -> handle(107)).isInstanceOf(IllegalStateException.class);
    }
}
