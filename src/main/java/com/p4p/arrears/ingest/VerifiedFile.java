package com.p4p.arrears.ingest;

import java.math.BigDecimal;
import java.nio.file.Path;

/** A file whose header and trailer were checked: the figures its trailer vouches for. */
public record VerifiedFile(Source source, Path path, long dataRows, BigDecimal controlTotal) {
}
