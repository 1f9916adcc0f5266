package com.p4p.arrears.policy;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The policy a run names (its `policy` job parameter; empty means the shipped default), loaded once. */
@Component
public class PolicyProvider {

    private final ConcurrentHashMap<String, Policy> loaded = new ConcurrentHashMap<>();

    public Policy get(String path) {
        String key = path == null ? "" : path;
        return loaded.computeIfAbsent(key, k -> k.isEmpty() ? PolicyLoader.loadDefault() : PolicyLoader.load(Path.of(k)));
    }
}
