package com.p4p.arrears.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arrears policy: the currencies the platform bills in and the stages of arrears, least severe
 * first. The implicit lowest stage is {@link #CURRENT}.
 */
public final class Policy {

    public static final String CURRENT = "CURRENT";

    private final Map<String, CurrencyRule> currencies;
    private final List<StageRule> stages;
    private final RunwayRule runway;

    public Policy(List<CurrencyRule> currencies, List<StageRule> stages) {
        this(currencies, stages, null);
    }

    /** @param runway the runway forecast (SPEC 10); null when the policy has no runway block */
    public Policy(List<CurrencyRule> currencies, List<StageRule> stages, RunwayRule runway) {
        Map<String, CurrencyRule> byCode = new LinkedHashMap<>();
        currencies.forEach(c -> byCode.put(c.code(), c));
        this.currencies = Map.copyOf(byCode);
        this.stages = List.copyOf(stages);
        this.runway = runway;
    }

    /** The runway forecast, when the policy asks for one. */
    public Optional<RunwayRule> runway() {
        return Optional.ofNullable(runway);
    }

    public Optional<CurrencyRule> currency(String code) {
        return Optional.ofNullable(currencies.get(code));
    }

    /** Currency codes sorted by byte order (the order of every output that lists them). */
    public List<String> currencyCodes() {
        return currencies.keySet().stream().sorted().toList();
    }

    public List<StageRule> stages() {
        return stages;
    }

    /** CURRENT followed by the policy's stages, least severe first. */
    public List<String> stageNames() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(CURRENT),
                stages.stream().map(StageRule::name)).toList();
    }

    /** Severity of a stage: 0 for CURRENT, 1 for the first policy stage, and so on; -1 if unknown. */
    public int severity(String stageName) {
        if (CURRENT.equals(stageName)) {
            return 0;
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equals(stageName)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The stage at a severity (0 is CURRENT, which has no rule). */
    public StageRule stageAt(int severity) {
        return stages.get(severity - 1);
    }
}
