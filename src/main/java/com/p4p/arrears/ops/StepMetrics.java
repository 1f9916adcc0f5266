package com.p4p.arrears.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.p4p.arrears.db.Databases;
import com.p4p.arrears.db.HandlerReads;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The JVM heap each step needed: the peak heap in use during the step (the heap in use just before
 * each garbage collection, when it is fullest, or at the step's end) and the largest heap still in
 * use right after a collection (what the step kept alive, old-generation garbage included: an upper
 * bound of its live data). The run summary shows them; with the
 * system property {@code pipeline.bench.report=FILE} every step and the job also append a
 * tab-separated line to FILE, which jobs/bench.sh reads, with the CPU seconds the JVM used and, when
 * {@code pipeline.bench.db-pid} names the database server's process on this machine, the CPU seconds
 * it used (from /proc): where a step's time goes; on MySQL/MariaDB also the rows the server read during
 * the step (GLOBAL Handler_read_*: the benchmark's server runs nothing else), so a step whose reads grow
 * with the nights behind it shows.
 */
@Component
public class StepMetrics implements StepExecutionListener, JobExecutionListener {

    public static final String REPORT_PROPERTY = "pipeline.bench.report";
    /**
     * Step execution context key: the rows of accumulated history (spend history, ledger entries) the
     * step read; the benchmark's report shows it, so a night-over-night growth is visible.
     */
    public static final String HISTORY_ROWS_READ = "historyRowsRead";
    /** Step execution context key: owing accounts whose kept ageing tail was carried through a late charge. */
    public static final String TAILS_THROUGH_LATE_CHARGES = "tailsThroughLateCharges";

    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    private static final AtomicLong maxAfterGc = new AtomicLong();
    private static final AtomicLong maxBeforeGc = new AtomicLong();
    private static final AtomicLong jobMaxAfterGc = new AtomicLong();
    private static volatile boolean listening;

    /** Peak heap (MB) and max live-after-GC heap (MB) of each finished step, by step execution id. */
    private static final Map<Long, long[]> byStep = new ConcurrentHashMap<>();
    private long jobPeak;
    private JdbcTemplate jdbc;
    private boolean h2 = true;
    private long serverReadsAtStart = -1;

    public StepMetrics() {
        listenToGc();
    }

    private static synchronized void listenToGc() {
        if (listening) {
            return;
        }
        listening = true;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, h) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long before = 0;
                    long after = 0;
                    for (MemoryPoolMXBean pool : HEAP) {
                        MemoryUsage b = info.getGcInfo().getMemoryUsageBeforeGc().get(pool.getName());
                        MemoryUsage a = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                        before += b == null ? 0 : b.getUsed();
                        after += a == null ? 0 : a.getUsed();
                    }
                    maxBeforeGc.accumulateAndGet(before, Math::max);
                    maxAfterGc.accumulateAndGet(after, Math::max);
                    jobMaxAfterGc.accumulateAndGet(after, Math::max);
                }, null, null);
            }
        }
    }

    /** The database, for the benchmark report's rows read (absent in slices of the context that have none). */
    @Autowired(required = false)
    void setJdbc(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.h2 = Databases.isH2(jdbc.getDataSource());
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        jobCpuAtStart = cpuSeconds();
        jobPeak = 0;
        jobMaxAfterGc.set(0);
    }

    private double[] cpuAtStart = new double[2];
    private double[] jobCpuAtStart = new double[2];

    @Override
    public void beforeStep(StepExecution stepExecution) {
        cpuAtStart = cpuSeconds();
        maxAfterGc.set(0);
        maxBeforeGc.set(heapUsed());
        serverReadsAtStart = reporting() && jdbc != null ? HandlerReads.serverWide(jdbc, h2) : -1;
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        long peak = Math.max(maxBeforeGc.get(), heapUsed());
        long[] mb = {peak >> 20, maxAfterGc.get() >> 20};
        jobPeak = Math.max(jobPeak, peak);
        byStep.put(step.getId(), mb);
        report(String.join("\t", "step", step.getStepName(), step.getStatus().name(),
                Long.toString(step.getReadCount()), Long.toString(step.getWriteCount()),
                String.format("%.3f", seconds(step.getStartTime(), LocalDateTime.now())),
                Long.toString(mb[0]), Long.toString(mb[1]), cpuSince(cpuAtStart),
                Long.toString(step.getExecutionContext().getLong(HISTORY_ROWS_READ, -1L)),
                Long.toString(serverReadsAtStart < 0 ? -1 : HandlerReads.serverWide(jdbc, h2) - serverReadsAtStart)));
        return step.getExitStatus();
    }

    @Override
    public void afterJob(JobExecution job) {
        report(String.join("\t", "job", job.getJobInstance().getJobName(), job.getStatus().name(), "0", "0",
                String.format("%.3f", seconds(job.getStartTime(), LocalDateTime.now())),
                Long.toString(jobPeak >> 20), Long.toString(jobMaxAfterGc.get() >> 20), cpuSince(jobCpuAtStart),
                Long.toString(Runtime.getRuntime().maxMemory() >> 20)));
    }

    /** CPU seconds used so far by this JVM and by the database server (-1 when unknown). */
    private static double[] cpuSeconds() {
        double jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : -1;
        double db = -1;
        String pid = System.getProperty("pipeline.bench.db-pid");
        if (pid != null && !pid.isBlank()) {
            try {
                String stat = Files.readString(Path.of("/proc", pid.trim(), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                db = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, in clock ticks
            } catch (IOException | RuntimeException e) {
                db = -1;
            }
        }
        return new double[]{jvm, db};
    }

    private static String cpuSince(double[] start) {
        double[] now = cpuSeconds();
        return String.format("%.1f\t%.1f", now[0] - start[0], start[1] < 0 || now[1] < 0 ? -1.0 : now[1] - start[1]);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The peak heap and the max live-after-GC heap of a finished step, in MB; null when not measured. */
    public static long[] heapMb(StepExecution step) {
        return byStep.get(step.getId());
    }

    private static boolean reporting() {
        String file = System.getProperty(REPORT_PROPERTY);
        return file != null && !file.isBlank();
    }

    private static void report(String line) {
        if (!reporting()) {
            return;
        }
        String file = System.getProperty(REPORT_PROPERTY);
        try {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark report " + file, e);
        }
    }

    private static double seconds(LocalDateTime start, LocalDateTime end) {
        return start == null ? 0 : Duration.between(start, end).toNanos() / 1e9;
    }
}
