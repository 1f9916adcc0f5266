package com.p4p.arrears.partition.worker;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.stereotype.Component;

import com.p4p.arrears.ops.CommandLineArgs;

/**
 * Whether the message broker of SPRING_RABBITMQ_* answers: opens one connection and closes it. The
 * manager checks before a night with --workers starts (so nothing is read and no job execution is
 * created when it fails), the worker before it listens. Failing is a configuration error (exit 2)
 * naming the address, not a failed night: nothing could have run.
 */
@Component
public class BrokerCheck {

    private final ConnectionFactory connectionFactory;

    public BrokerCheck(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** Throws {@link Unreachable} unless a connection to the broker can be opened. */
    public void check() {
        try (Connection connection = connectionFactory.createConnection()) {
            if (!connection.isOpen()) {
                throw new Unreachable(address(), "the connection closed at once");
            }
        } catch (AmqpException e) {
            throw new Unreachable(address(), rootMessage(e));
        }
    }

    /** host:port of the broker (SPRING_RABBITMQ_HOST, SPRING_RABBITMQ_PORT). */
    public String address() {
        if (connectionFactory instanceof AbstractConnectionFactory f) {
            return f.getHost() + ":" + f.getPort();
        }
        return connectionFactory.getHost() + ":" + connectionFactory.getPort();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** No broker at the configured address: a configuration error (exit 2). */
    public static class Unreachable extends CommandLineArgs.UsageException {
        public Unreachable(String address, String reason) {
            super("no message broker reachable at " + address + " (" + reason + "); check SPRING_RABBITMQ_HOST, "
                    + "SPRING_RABBITMQ_PORT, SPRING_RABBITMQ_USERNAME and SPRING_RABBITMQ_PASSWORD");
        }
    }
}
