package com.p4p.arrears;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ArrearsPipelineApplication {
    public static void main(String[] args) {
        org.springframework.boot.SpringApplication.run(ArrearsPipelineApplication.class, args);
    }
}
