package com.p4p.arrears.ingest;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * A file whose header and trailer were checked: the figures its trailer vouches for, and (spend,
 * payments, balances) its partition plan; null for the accounts file.
 */
public record VerifiedFile(Source source, Path path, long dataRows, BigDecimal controlTotal, DeliveryScan.Plan plan) {

    public VerifiedFile(Source source, Path path, long dataRows, BigDecimal controlTotal) {
        this(source, path, dataRows, controlTotal, null);
    }
}
