package com.p4p.arrears.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of a night: every delivered file of the date must pass its header and trailer check
 * before anything of that date is posted (SPEC 2). One refused file fails the run; a corrected
 * delivery and a restart fix it.
 */
public class VerifyDeliveryTasklet implements Tasklet {

    private static final Log log = LogFactory.getLog(VerifyDeliveryTasklet.class);

    private static final int READERS = 2;

    private final LocalDate businessDate;
    private final Path inputDir;
    private final IngestLog ingestLog;

    public VerifyDeliveryTasklet(LocalDate businessDate, Path inputDir, IngestLog ingestLog) {
        this.businessDate = businessDate;
        this.inputDir = inputDir;
        this.ingestLog = ingestLog;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        // Files are read side by side (the spend file is most of the time, the others fit beside it); results
        // and refusals are taken in Source order, so the file named is the first refused, as read one by one.
        ExecutorService readers = Executors.newFixedThreadPool(READERS, r -> {
            Thread t = new Thread(r, "verify-" + businessDate);
            t.setDaemon(true);
            return t;
        });
        List<VerifiedFile> verified = new ArrayList<>();
        try {
            List<Future<VerifiedFile>> checks = new ArrayList<>();
            for (Source source : Source.values()) {
                Path file = source.file(inputDir, businessDate);
                if (!source.required() && !Files.exists(file)) {
                    log.info(source.fileName(businessDate) + " not delivered: balances are not compared tonight");
                    continue;
                }
                checks.add(readers.submit(() -> FileVerifier.verify(source, file)));
            }
            for (Future<VerifiedFile> check : checks) {
                VerifiedFile v = result(check);
                log.info("verified " + v.path().getFileName() + ": " + v.dataRows() + " rows"
                        + (v.controlTotal() == null ? "" : ", control total " + v.controlTotal().toPlainString()));
                verified.add(v);
            }
        } finally {
            readers.shutdownNow();
        }
        verified.forEach(v -> ingestLog.recordVerifiedFile(businessDate, v));
        verified.forEach(v -> contribution.incrementReadCount());
        return RepeatStatus.FINISHED;
    }

    private static VerifiedFile result(Future<VerifiedFile> check) throws Exception {
        try {
            return check.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause; // a RefusedFileException as the sequential check would throw it
            }
            throw e;
        }
    }
}
