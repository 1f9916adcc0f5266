package com.p4p.arrears.ops;

import java.time.Duration;
import java.util.function.ToLongFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs a chunk step's progress at most every few seconds: rows done, of how many, rate, elapsed and
 * time left, so an operator watching a long night can tell it moves and when it will end.
 */
public class ProgressLogger implements StepExecutionListener, ChunkListener<Object, Object> {

    private static final Log log = LogFactory.getLog("progress");
    /** How often progress is logged; the system property pipeline.progress-interval-seconds changes it. */
    private static final long INTERVAL_NANOS =
            Duration.ofSeconds(Long.getLong("pipeline.progress-interval-seconds", 5)).toNanos();

    private final String what;
    private final ToLongFunction<StepExecution> total;
    /** Per thread: the partitions of a partitioned step share this listener and run on threads of their own. */
    private final ThreadLocal<Progress> progress = new ThreadLocal<>();

    private static final class Progress {
        String step;
        long done;
        long started;
        long lastLog;
        long expected = -1;
    }

    /**
     * @param what  what the rows are ("rows", "accounts")
     * @param total how many there are in all, or -1 when unknown; asked once per step
     */
    public ProgressLogger(String what, ToLongFunction<StepExecution> total) {
        this.what = what;
        this.total = total;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        Progress p = new Progress();
        progress.set(p);
        p.step = stepExecution.getStepName();
        p.started = System.nanoTime();
        p.lastLog = p.started;
        p.expected = total.applyAsLong(stepExecution);
        log.info(p.step + ": starting" + (p.expected >= 0 ? ", " + p.expected + " " + what + " in all" : ""));
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        Progress p = progress.get();
        if (p == null) {
            return;
        }
        p.done += chunk.size();
        long now = System.nanoTime();
        if (now - p.lastLog >= INTERVAL_NANOS) {
            p.lastLog = now;
            log.info(line(p, now));
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        Progress p = progress.get();
        if (p != null) {
            log.info(line(p, System.nanoTime()) + " -> " + stepExecution.getStatus());
            progress.remove();
        }
        return stepExecution.getExitStatus();
    }

    private String line(Progress p, long now) {
        String step = p.step;
        long done = p.done;
        long started = p.started;
        long expected = p.expected;
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        long rate = Math.round(done / seconds);
        StringBuilder s = new StringBuilder(step).append(": ").append(done);
        if (expected > 0) {
            s.append(" of ").append(expected).append(' ').append(what)
                    .append(String.format(" (%.1f%%)", 100.0 * done / expected));
        } else {
            s.append(' ').append(what);
        }
        s.append(", ").append(rate).append(' ').append(what).append("/s, elapsed ").append(format(seconds));
        if (expected > done && rate > 0) {
            s.append(", about ").append(format((double) (expected - done) / rate)).append(" left");
        }
        return s.toString();
    }

    private static String format(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }
}
