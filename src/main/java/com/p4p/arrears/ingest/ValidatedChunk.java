package com.p4p.arrears.ingest;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;

/** A chunk of validated rows split into its rejects and its valid rows, both in file order. */
public record ValidatedChunk<T>(long firstLine, int size, List<Validated.Rejected<?>> rejects, List<T> valid) {

    public static <T> ValidatedChunk<T> of(Chunk<? extends Validated<T>> chunk) {
        List<Validated.Rejected<?>> rejects = new ArrayList<>();
        List<T> valid = new ArrayList<>();
        for (Validated<T> v : chunk) {
            if (v instanceof Validated.Rejected<T> r) {
                rejects.add(r);
            } else if (v instanceof Validated.Valid<T> ok) {
                valid.add(ok.row());
            }
        }
        return new ValidatedChunk<>(chunk.getItems().get(0).lineNumber(), chunk.size(), rejects, valid);
    }

    /** A tally for this chunk with its rejects counted. */
    public IngestLog.Tally tally() {
        IngestLog.Tally tally = new IngestLog.Tally(firstLine, size);
        tally.rejected = rejects.size();
        return tally;
    }
}
