package dev.patchbay.host.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line is a {@code # HELP} or
 * {@code # TYPE} comment, or a sample {@code name{label="value",...} value}; anything else fails the parse.
 */
final class PrometheusText {

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern COMMENT = Pattern.compile(
            "# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* "
                    + "(counter|gauge|histogram|summary|untyped))");
    private static final Pattern VALUE = Pattern.compile("[-+]?(\\d+(\\.\\d*)?([eE][-+]?\\d+)?|Inf|NaN)");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** Parses a whole exposition; throws naming the first line that is neither a comment nor a sample. */
    static PrometheusText parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line break");
        }
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty() && number == text.split("\n", -1).length) {
                break;
            }
            if (line.startsWith("#")) {
                if (!COMMENT.matcher(line).matches()) {
                    throw new IllegalArgumentException("line " + number + " is a malformed comment: " + line);
                }
                continue;
            }
            samples.add(sample(line, number));
        }
        return new PrometheusText(samples);
    }

    private static Sample sample(String line, int number) {
        Matcher name = NAME.matcher(line);
        if (!name.lookingAt()) {
            throw new IllegalArgumentException("line " + number + " has no metric name: " + line);
        }
        int at = name.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                Matcher label = LABEL_NAME.matcher(line).region(at, line.length());
                if (!label.lookingAt() || line.charAt(label.end()) != '=' || line.charAt(label.end() + 1) != '"') {
                    throw new IllegalArgumentException("line " + number + " has a malformed label at " + at + ": "
                            + line);
                }
                StringBuilder value = new StringBuilder();
                int i = label.end() + 2;
                for (; line.charAt(i) != '"'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char escaped = line.charAt(++i);
                        value.append(switch (escaped) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException("line " + number + " has an unknown escape \\"
                                    + escaped + ": " + line);
                        });
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label.group(), value.toString());
                at = i + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        String rest = line.substring(at);
        if (!rest.startsWith(" ") || !VALUE.matcher(rest.substring(1)).matches()) {
            throw new IllegalArgumentException("line " + number + " has no valid value: " + line);
        }
        return new Sample(name.group(), Collections.unmodifiableMap(labels), Double.parseDouble(
                rest.substring(1).replace("Inf", "Infinity")));
    }

    List<Sample> samples() {
        return samples;
    }

    /** The samples of a name whose labels include every given pair ({@code "pipeline", "main", ...}). */
    List<Sample> find(String name, String... labelPairs) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && matches(sample.labels(), labelPairs)) {
                found.add(sample);
            }
        }
        return found;
    }

    /** The value of the one sample of a name with these labels; fails when there is none or several. */
    double value(String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + " " + List.of(labelPairs) + ", found "
                    + found.size() + ": " + found);
        }
        return found.get(0).value();
    }

    Optional<Sample> first(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static boolean matches(Map<String, String> labels, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!Objects.equals(labels.get(pairs[i]), pairs[i + 1])) {
                return false;
            }
        }
        return true;
    }
}
