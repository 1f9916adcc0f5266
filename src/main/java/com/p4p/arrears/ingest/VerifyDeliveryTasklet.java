package com.p4p.arrears.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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

    private final LocalDate businessDate;
    private final Path inputDir;
    private final IngestLog ingestLog;

    public VerifyDeliveryTasklet(LocalDate businessDate, Path inputDir, IngestLog ingestLog) {
        this.businessDate = businessDate;
        this.inputDir = inputDir;
        this.ingestLog = ingestLog;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<VerifiedFile> verified = new ArrayList<>();
        for (Source source : Source.values()) {
            Path file = source.file(inputDir, businessDate);
            if (!source.required() && !Files.exists(file)) {
                log.info(source.fileName(businessDate) + " not delivered: balances are not compared tonight");
                continue;
            }
            VerifiedFile v = FileVerifier.verify(source, file);
            log.info("verified " + file.getFileName() + ": " + v.dataRows() + " rows"
                    + (v.controlTotal() == null ? "" : ", control total " + v.controlTotal().toPlainString()));
            verified.add(v);
        }
        verified.forEach(v -> ingestLog.recordVerifiedFile(businessDate, v));
        verified.forEach(v -> contribution.incrementReadCount());
        return RepeatStatus.FINISHED;
    }
}
