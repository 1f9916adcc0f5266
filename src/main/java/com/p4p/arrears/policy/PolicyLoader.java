package com.p4p.arrears.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads and validates a policy YAML file (SPEC 6). Every scalar is read as text and parsed here, so
 * amounts are exact decimals (never through binary floating point) and every error names its key.
 */
public final class PolicyLoader {

    /** The default policy, packaged from {@code jobs/policy.yaml}. */
    public static final String DEFAULT_RESOURCE = "/policy/policy.yaml";

    private static final Set<String> TOP_KEYS = Set.of("currencies", "stages", "runway");
    private static final Set<String> RUNWAY_KEYS = Set.of("window_days", "horizon_days");
    private static final Set<String> CURRENCY_KEYS = Set.of("minor_digits", "low_balance", "credit_min_owed");
    private static final Set<String> STAGE_KEYS = Set.of("name", "min_days_past_due", "min_owed", "enter", "leave", "sticky");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    /** Amounts are stored with four decimal places; a currency cannot have more. */
    public static final int MAX_MINOR_DIGITS = 4;

    private final String source;

    private PolicyLoader(String source) {
        this.source = source;
    }

    public static Policy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new PolicyLoader(file.toString()).parse(in);
        } catch (IOException e) {
            throw new PolicyException("policy file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static Policy loadDefault() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new PolicyException("default policy " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return new PolicyLoader("default policy").parse(in);
        } catch (IOException e) {
            throw new PolicyException("default policy cannot be read: " + e.getMessage(), e);
        }
    }

    public static Policy parse(String yaml, String sourceName) {
        return new PolicyLoader(sourceName).parse(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private Policy parse(InputStream in) {
        Object root;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            root = textOnlyYaml().load(reader);
        } catch (YAMLException | IOException e) {
            throw fail("", "is not valid YAML: " + e.getMessage());
        }
        Map<String, Object> top = map(root, "");
        unknownKeys(top, TOP_KEYS, "");
        List<CurrencyRule> currencies = currencies(map(require(top, "currencies", ""), "currencies"));
        Set<String> codes = new HashSet<>();
        currencies.forEach(c -> codes.add(c.code()));
        List<StageRule> stages = stages(top.get("stages"), codes, currencies);
        RunwayRule runway = top.containsKey("runway") ? runway(top.get("runway")) : null;
        return new Policy(currencies, stages, runway);
    }

    /** SPEC 10: both keys required, whole numbers of at least 1. */
    private RunwayRule runway(Object node) {
        Map<String, Object> r = map(node, "runway");
        unknownKeys(r, RUNWAY_KEYS, "runway");
        int window = atLeastOne(require(r, "window_days", "runway"), "runway.window_days");
        int horizon = atLeastOne(require(r, "horizon_days", "runway"), "runway.horizon_days");
        return new RunwayRule(window, horizon);
    }

    private int atLeastOne(Object node, String path) {
        String value = text(node, path);
        if (!COUNT.matcher(value).matches() || Integer.parseInt(value) < 1) {
            throw fail(path, "must be a whole number of at least 1, got \"" + value + "\"");
        }
        return Integer.parseInt(value);
    }

    private List<CurrencyRule> currencies(Map<String, Object> node) {
        if (node.isEmpty()) {
            throw fail("currencies", "must list at least one currency");
        }
        List<CurrencyRule> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String code = e.getKey();
            String path = "currencies." + code;
            if (!NAME.matcher(code).matches()) {
                throw fail(path, "is not a valid currency code");
            }
            Map<String, Object> c = map(e.getValue(), path);
            unknownKeys(c, CURRENCY_KEYS, path);
            int digits = count(require(c, "minor_digits", path), path + ".minor_digits");
            if (digits > MAX_MINOR_DIGITS) {
                throw fail(path + ".minor_digits", "must be at most " + MAX_MINOR_DIGITS + ", got " + digits);
            }
            BigDecimal low = c.containsKey("low_balance") ? amount(c.get("low_balance"), path + ".low_balance", digits) : null;
            BigDecimal creditMin = c.containsKey("credit_min_owed")
                    ? amount(c.get("credit_min_owed"), path + ".credit_min_owed", digits) : BigDecimal.ZERO;
            out.add(new CurrencyRule(code, digits, low, creditMin));
        }
        return out;
    }

    private List<StageRule> stages(Object node, Set<String> codes, List<CurrencyRule> currencies) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            throw fail("stages", "must be a list of stages");
        }
        List<StageRule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        names.add(Policy.CURRENT);
        int previousDays = -1;
        for (int i = 0; i < list.size(); i++) {
            String path = "stages[" + i + "]";
            Map<String, Object> s = map(list.get(i), path);
            unknownKeys(s, STAGE_KEYS, path);
            String name = text(require(s, "name", path), path + ".name");
            if (!NAME.matcher(name).matches()) {
                throw fail(path + ".name", "is not a valid stage name: " + name);
            }
            if (!names.add(name)) {
                throw fail(path + ".name", "duplicates stage " + name);
            }
            int days = count(require(s, "min_days_past_due", path), path + ".min_days_past_due");
            if (days < previousDays) {
                throw fail(path + ".min_days_past_due", "is " + days + ", less than the previous stage's "
                        + previousDays + ": stages must be listed least severe first");
            }
            previousDays = days;
            Map<String, BigDecimal> minOwed = null;
            if (s.containsKey("min_owed")) {
                minOwed = new LinkedHashMap<>();
                for (Map.Entry<String, Object> m : map(s.get("min_owed"), path + ".min_owed").entrySet()) {
                    String key = path + ".min_owed." + m.getKey();
                    if (!codes.contains(m.getKey())) {
                        throw fail(key, "names a currency that is not under currencies");
                    }
                    int digits = currencies.stream().filter(c -> c.code().equals(m.getKey())).findFirst().orElseThrow().minorDigits();
                    minOwed.put(m.getKey(), amount(m.getValue(), key, digits));
                }
            }
            List<String> enter = actions(s.get("enter"), path + ".enter");
            List<String> leave = actions(s.get("leave"), path + ".leave");
            boolean sticky = s.containsKey("sticky") && bool(s.get("sticky"), path + ".sticky");
            out.add(new StageRule(name, days, minOwed, enter, leave, sticky));
        }
        return out;
    }

    private List<String> actions(Object node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            throw fail(path, "must be a list of action names");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String action = text(list.get(i), path + "[" + i + "]");
            if (!NAME.matcher(action).matches()) {
                throw fail(path + "[" + i + "]", "is not a valid action name: " + action);
            }
            out.add(action);
        }
        return out;
    }

    private BigDecimal amount(Object node, String path, int minorDigits) {
        String value = text(node, path);
        if (!AMOUNT.matcher(value).matches()) {
            throw fail(path, "must be a non-negative decimal amount, got \"" + value + "\"");
        }
        BigDecimal amount = new BigDecimal(value);
        if (amount.stripTrailingZeros().scale() > minorDigits) {
            throw fail(path, "has more decimals than the currency's " + minorDigits + " minor digits: " + value);
        }
        return amount;
    }

    private int count(Object node, String path) {
        String value = text(node, path);
        if (!COUNT.matcher(value).matches()) {
            throw fail(path, "must be a non-negative whole number, got \"" + value + "\"");
        }
        return Integer.parseInt(value);
    }

    private boolean bool(Object node, String path) {
        String value = text(node, path);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw fail(path, "must be true or false, got \"" + value + "\"");
        };
    }

    private String text(Object node, String path) {
        if (node instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw fail(path, node == null ? "is empty" : "must be a single value");
    }

    private Object require(Map<String, Object> node, String key, String path) {
        Object value = node.get(key);
        if (value == null) {
            throw fail(path.isEmpty() ? key : path + "." + key, "is required");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object node, String path) {
        if (node instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw fail(path, "has a key that is not text: " + k);
                }
            }
            return (Map<String, Object>) m;
        }
        throw fail(path.isEmpty() ? "(top level)" : path, "must be a mapping of keys to values");
    }

    private void unknownKeys(Map<String, Object> node, Set<String> allowed, String path) {
        for (String key : node.keySet()) {
            if (!allowed.contains(key)) {
                throw fail(path.isEmpty() ? key : path + "." + key, "is not a known key (allowed: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private PolicyException fail(String key, String reason) {
        return new PolicyException("invalid policy " + source + (key.isEmpty() ? "" : ": " + key) + " " + reason);
    }

    /** A YAML reader that resolves no implicit types: every scalar stays text, null stays null. */
    private static Yaml textOnlyYaml() {
        Resolver textOnly = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
            }
        };
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, textOnly);
    }
}
