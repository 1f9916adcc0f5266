package com.p4p.arrears.partition.worker;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * The manager's half of remote partitioning: requests put on {@link #REQUESTS} go through an AMQP
 * outbound adapter to the durable queue {@code pipeline.partition-queue} (persistent messages, Java
 * serialization of {@code StepExecutionRequest}). No reply channel: the manager polls the job
 * repository (see {@link com.p4p.arrears.partition.RemotePartitions}). Nothing connects to the broker
 * until a night with --workers sends its first request.
 */
@Configuration
@EnableIntegration
public class PartitionMessaging {

    public static final String REQUESTS = "partitionRequests";
    public static final String QUEUE = "${pipeline.partition-queue:arrears.partitions}";

    /** Declared on the broker (by Spring's RabbitAdmin) when the first connection opens: manager or worker. */
    @Bean
    public Queue partitionQueue(@Value(QUEUE) String name) {
        return new Queue(name, true);
    }

    @Bean(name = REQUESTS)
    public MessageChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    public IntegrationFlow partitionRequestsOut(RabbitTemplate rabbitTemplate, @Value(QUEUE) String queue) {
        return IntegrationFlow.from(REQUESTS)
                .handle(Amqp.outboundAdapter(rabbitTemplate).routingKey(queue))
                .get();
    }
}
