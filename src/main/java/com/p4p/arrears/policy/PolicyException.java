package com.p4p.arrears.policy;

/** The policy file cannot be used; the message names the file and the offending key. */
public class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
