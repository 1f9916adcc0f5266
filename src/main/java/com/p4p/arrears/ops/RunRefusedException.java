package com.p4p.arrears.ops;

/** A run that must not start (SPEC 9): nothing was changed. */
public class RunRefusedException extends RuntimeException {
    public RunRefusedException(String message) {
        super(message);
    }
}
