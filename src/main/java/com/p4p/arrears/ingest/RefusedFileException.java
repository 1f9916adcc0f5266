package com.p4p.arrears.ingest;

/** A delivered file cannot be used at all (missing, bad header, bad or missing trailer): the run fails. */
public class RefusedFileException extends RuntimeException {

    public RefusedFileException(String fileName, String reason) {
        super("refused file " + fileName + ": " + reason);
    }
}
