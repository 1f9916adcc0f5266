package com.p4p.arrears.arrears;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Where the classification writer's time goes, per part of a chunk (the prior-state read, the spend
 * history read, the runway window, classifying and building the rows, the save), as wall seconds and as
 * the writer thread's CPU seconds: on a shared machine the wall time of a part is mostly waiting for a
 * CPU or for the database, its CPU time is what the part itself costs. The clocks are read a few times
 * per chunk, never per account. Not thread-safe: one writer, one step.
 */
final class ClassificationTimes {

    static final int PRIOR = 0, HISTORY = 1, RUNWAY = 2, CLASSIFY = 3, SAVE = 4;
    private static final String[] NAMES = {"prior state", "spend history", "runway window", "classify and rows", "save"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long[] wall = new long[NAMES.length];
    private final long[] cpu = new long[NAMES.length];
    private long lastWall;
    private long lastCpu;

    /** Starts the clocks for the chunk's first part. */
    void start() {
        lastWall = System.nanoTime();
        lastCpu = THREADS.getCurrentThreadCpuTime();
    }

    /** Books the time since the last call to {@code part}. */
    void lap(int part) {
        long w = System.nanoTime();
        long c = THREADS.getCurrentThreadCpuTime();
        wall[part] += w - lastWall;
        cpu[part] += c - lastCpu;
        lastWall = w;
        lastCpu = c;
    }

    /** e.g. {@code prior state 0.63 s (cpu 0.14), spend history 7.03 s (cpu 0.55), ...}. */
    String summary() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            s.append(i == 0 ? "" : ", ").append(NAMES[i])
                    .append(String.format(" %.2f s (cpu %.2f)", wall[i] / 1e9, cpu[i] / 1e9));
        }
        return s.toString();
    }
}
