package com.p4p.arrears.partition.worker;

import java.time.Duration;
import java.util.List;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.dsl.IntegrationFlow;

import com.p4p.arrears.ops.RunLock;
import com.p4p.arrears.partition.NightManager;
import com.p4p.arrears.partition.PartitionWorkerListener;

/**
 * The worker's half of remote partitioning (profile {@code worker}, started by the {@code worker}
 * command): an AMQP inbound adapter on the queue {@code pipeline.partition-queue} hands each
 * request to the {@link GuardedRequestHandler}. One delivery at a time per consumer thread
 * (prefetch 1: the default of 250 let one worker take every partition), acknowledged when the
 * partition ends, so a killed worker's partition goes back to the queue. Only
 * {@code StepExecutionRequest} is deserialized. Nothing listens until the command has checked the
 * schema and the broker ({@link WorkerCommand}).
 */
@Configuration
@Profile("worker")
public class WorkerConfiguration {

    public static final String INBOUND = "partitionRequestsIn";

    @Bean
    public WorkerLog workerLog() {
        String name = WorkerLog.thisProcess();
        PartitionWorkerListener.runningAs(name); // status then shows host:pid/thread for what this JVM runs
        return new WorkerLog(name);
    }

    /** The worker's step of a partition, by its name (the name the manager's splitter gives). */
    @Bean
    public StepLocator workerSteps(ObjectProvider<Step> steps) {
        return name -> steps.orderedStream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no step " + name + " in this jar: the worker must run"
                        + " the manager's version"));
    }

    @Bean
    public GuardedRequestHandler guardedRequestHandler(JobRepository jobRepository, StepLocator workerSteps,
                                                       RunLock runLock, WorkerLog workerLog,
                                                       @Value("${pipeline.partition-takeover-after:60s}") Duration takeoverAfter,
                                                       @Value("${pipeline.partition-poll-interval:2s}") Duration recheck) {
        return new GuardedRequestHandler(jobRepository, workerSteps, night -> NightManager.isAlive(night, runLock), workerLog, takeoverAfter,
                recheck);
    }

    @Bean
    public SimpleMessageListenerContainer partitionListener(ConnectionFactory connectionFactory,
                                                            @Value(PartitionMessaging.QUEUE) String queue,
                                                            @Value("${pipeline.worker.threads:1}") int threads,
                                                            @Value("${pipeline.shutdown-grace-seconds:120}") long grace) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue);
        container.setPrefetchCount(1);
        container.setConcurrentConsumers(threads);
        // SIGTERM: stopping waits this long for running partitions to reach their chunk boundary
        container.setShutdownTimeout(grace * 1000);
        container.setAutoStartup(false);
        return container;
    }

    @Bean
    public IntegrationFlow partitionRequestsFlow(SimpleMessageListenerContainer partitionListener,
                                               GuardedRequestHandler handler) {
        SimpleMessageConverter converter = new SimpleMessageConverter();
        converter.setAllowedListPatterns(List.of("org.springframework.batch.integration.partition.StepExecutionRequest",
                "java.lang.*"));
        return IntegrationFlow.from(Amqp.inboundAdapter(partitionListener).messageConverter(converter)
                        .autoStartup(false).id(INBOUND))
                .handle(handler, "handle")
                .get();
    }
}
