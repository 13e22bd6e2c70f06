package dev.patchbay.bench.driver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Patchbay contender of the throughput benchmark: pipeline settings that override the defaults, written as
 * {@code key=value} pairs joined by commas, such as {@code commitIntervalMillis=0} or
 * {@code batchSize=10000,parallelism=2}. A bare number is a batch size, as the benchmark's first variants were.
 * The value goes into the pipeline's JSON as written when it is a number or a boolean, and as a string otherwise.
 *
 * @param settings the pipeline settings, in the order given
 */
record PipelineVariant(Map<String, String> settings) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern LITERAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?|true|false");
    /** The benchmark's job: a variant changes how the pipeline runs, never what it does. */
    private static final Set<String> FIXED = Set.of("source", "processors", "sink", "errors");

    PipelineVariant {
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("a Patchbay variant sets at least one pipeline setting, "
                    + "such as commitIntervalMillis=0");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Reads {@code key=value[,key=value]...}, or a bare number as {@code batchSize=number}.
     *
     * @throws IllegalArgumentException quoting the text and saying what to write
     */
    static PipelineVariant parse(String text) {
        if (text.matches("[0-9]+")) {
            return new PipelineVariant(Map.of("batchSize", text));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (equals < 0 || !KEY.matcher(key).matches() || equals == pair.length() - 1) {
                throw new IllegalArgumentException("Patchbay variant \"" + text + "\": \"" + pair + "\" is not "
                        + "key=value; write pipeline settings such as commitIntervalMillis=0 or "
                        + "batchSize=10000,parallelism=2");
            }
            if (FIXED.contains(key)) {
                throw new IllegalArgumentException("Patchbay variant \"" + text + "\" sets \"" + key + "\", which "
                        + "is the benchmark's job; vary only how the pipeline runs (batchSize, commitIntervalMillis, "
                        + "parallelism, ...)");
            }
            if (settings.put(key, pair.substring(equals + 1)) != null) {
                throw new IllegalArgumentException("Patchbay variant \"" + text + "\" sets \"" + key + "\" twice");
            }
        }
        return new PipelineVariant(settings);
    }

    /** The contender's name in the report, such as {@code patchbay commitIntervalMillis=0}. */
    String name() {
        StringBuilder name = new StringBuilder("patchbay");
        settings.forEach((key, value) -> name.append(' ').append(key).append('=').append(value));
        return name.toString();
    }

    /** A name for its files: letters, digits and dashes only. */
    String fileStem() {
        return name().replaceAll("[^A-Za-z0-9]+", "-");
    }

    /** The settings as JSON members to append after the pipeline's sink, each after a comma. */
    String jsonMembers() {
        StringBuilder members = new StringBuilder();
        settings.forEach((key, value) -> members.append(",\n      \"").append(key).append("\": ")
                .append(LITERAL.matcher(value).matches() ? value : quoted(value)));
        return members.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
