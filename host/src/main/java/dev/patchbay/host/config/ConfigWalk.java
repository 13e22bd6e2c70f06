package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One validation walk over a configuration file: where its errors accumulate, located by JSON path, and the
 * checks every part of the reader shares (known keys, objects, choices, numbers). Collects errors instead of
 * stopping at the first; used by one parse on one thread.
 */
final class ConfigWalk {

    private final ConfigLocations locations;
    private final Map<String, String> numbers;
    private final List<ConfigError> errors = new ArrayList<>();

    /**
     * @param locations where every value of the file starts
     * @param numbers every number as written in the file, keyed by JSON path
     */
    ConfigWalk(ConfigLocations locations, Map<String, String> numbers) {
        this.locations = Objects.requireNonNull(locations, "locations");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
    }

    ConfigLocations locations() {
        return locations;
    }

    /** The errors found so far, in the order they were found. */
    List<ConfigError> errors() {
        return List.copyOf(errors);
    }

    /** How many errors were found so far: compare before and after a part to learn whether it was valid. */
    int errorCount() {
        return errors.size();
    }

    void add(List<ConfigError> found) {
        errors.addAll(found);
    }

    void error(String path, String message, String fix) {
        errors.add(new ConfigError(path, locations.of(path), message, fix));
    }

    /** An error about the key of the member at {@code path} rather than its value, located at the key. */
    void keyError(String path, String message, String fix) {
        errors.add(new ConfigError(path, locations.ofKey(path), message, fix));
    }

    /** The object under {@code key}; empty when absent or null, and an error when it is not an object. */
    Optional<ObjectNode> optionalObject(ObjectNode parent, String parentPath, String key) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            error(JsonPaths.field(parentPath, key), "\"" + key + "\" is " + describe(node)
                    + " but must be an object", "write \"" + key + "\": { ... } or remove the key");
            return Optional.empty();
        }
        return Optional.of((ObjectNode) node);
    }

    /** One of the allowed words; empty when absent, null or not allowed (then with an error). */
    Optional<String> choice(ObjectNode parent, String parentPath, String key, List<String> allowed,
            boolean upperCase) {
        JsonNode node = parent.get(key);
        String path = JsonPaths.field(parentPath, key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String value = node.isTextual() ? node.textValue() : null;
        String normalised = value == null ? null : upperCase ? value.toUpperCase(Locale.ROOT) : value;
        if (normalised == null || !allowed.contains(normalised)) {
            error(path, "\"" + key + "\" is " + describe(node) + " but must be one of " + quoted(allowed),
                    "write one of " + quoted(allowed));
            return Optional.empty();
        }
        return Optional.of(normalised);
    }

    /** A whole number from {@code min} to {@code max} (see {@link WholeNumber}); the fallback when absent. */
    long wholeNumber(ObjectNode parent, String parentPath, String key, long fallback, long min, long max,
            String unit) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        String path = JsonPaths.field(parentPath, key);
        WholeNumber.Result result = new WholeNumber(key, min, max, unit)
                .judge(node, numbers.getOrDefault(path, node.asText()));
        result.problem().ifPresent(problem -> error(path, problem.message(), problem.fix()));
        return result.problem().isPresent() ? fallback : result.value();
    }

    /** A number with a possible fraction (see {@link DecimalNumber}); the fallback when absent. */
    double decimalNumber(ObjectNode parent, String parentPath, DecimalNumber rule, double fallback) {
        JsonNode node = parent.get(rule.key());
        if (node == null || node.isNull()) {
            return fallback;
        }
        String path = JsonPaths.field(parentPath, rule.key());
        DecimalNumber.Result result = rule.judge(node, numbers.getOrDefault(path, node.asText()));
        result.problem().ifPresent(problem -> error(path, problem.message(), problem.fix()));
        return result.problem().isPresent() ? fallback : result.value();
    }

    /**
     * Reports every key of {@code object} that is not allowed, with the allowed key it most resembles, located at
     * the key: it is the key the operator has to change.
     */
    void knownKeys(ObjectNode object, String path, List<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String suggestion = CloseMatches.of(name, allowed).stream().findFirst()
                        .map(s -> "did you mean \"" + s + "\"? ").orElse("");
                keyError(JsonPaths.field(path, name), "unknown key \"" + name + "\"",
                        suggestion + "remove it or use one of " + quoted(allowed));
            }
        }
    }

    /** A JSON value as a message names it: {@code the string "x"}, {@code the number 5}, {@code an array}. */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + node.textValue() + "\"";
        } else if (node.isNumber()) {
            return "the number " + node.asText();
        } else if (node.isBoolean()) {
            return "the boolean " + node.asText();
        } else if (node.isNull()) {
            return "null";
        } else if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }

    static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
    }
}
