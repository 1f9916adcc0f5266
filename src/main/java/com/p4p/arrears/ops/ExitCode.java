package com.p4p.arrears.ops;

/** Exit codes for schedulers (SPEC 9). */
public enum ExitCode {
    /** The run completed. */
    COMPLETED(0),
    /** The run failed; `restart` resumes it. */
    FAILED(1),
    /** Bad command line or configuration (an invalid policy, say); nothing was read. */
    USAGE(2),
    /** Refused: the date is complete, out of order, or running elsewhere; nothing changed. */
    REFUSED(3);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
