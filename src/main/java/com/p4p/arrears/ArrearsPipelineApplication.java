package com.p4p.arrears;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.p4p.arrears.ops.ArrearsCommandLine;

/** The nightly arrears pipeline. Its command line is {@link ArrearsCommandLine}. */
@SpringBootApplication
public class ArrearsPipelineApplication {

    public static void main(String[] args) {
        ArrearsCommandLine.main(args);
    }
}
