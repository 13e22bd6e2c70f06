package dev.patchbay.bench.throughput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two JSON Lines files record for record, so that no contender of the throughput job is measured doing
 * less work than another. Each line is parsed; objects compare as maps (field order does not matter), numbers
 * compare by numeric value ({@code 73.0} equals {@code 73}, but the string {@code "73"} does not), and the
 * records must come in the same order. Blank lines are ignored.
 *
 * <p>Usage: {@code OutputChecker <reference.jsonl> <candidate.jsonl>...}; exits 0 when every candidate equals
 * the reference, 1 otherwise, printing the first differences.
 */
public final class OutputChecker {

    private static final int MAX_REPORTED = 5;

    /** A JSON string, kept apart from numbers and null so that {@code "36"} never equals {@code 36}. */
    private record Text(String value) {
        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    private enum JsonNull {
        NULL;

        @Override
        public String toString() {
            return "null";
        }
    }

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: OutputChecker <reference.jsonl> <candidate.jsonl>...");
        }
        OutputChecker checker = new OutputChecker();
        boolean allEqual = true;
        for (int i = 1; i < args.length; i++) {
            List<String> differences = checker.compare(Path.of(args[0]), Path.of(args[i]));
            if (differences.isEmpty()) {
                System.out.printf(Locale.ROOT, "EQUAL %s %s%n", args[0], args[i]);
            } else {
                allEqual = false;
                System.out.printf(Locale.ROOT, "DIFFERENT %s %s%n", args[0], args[i]);
                differences.forEach(d -> System.out.println("  " + d));
            }
        }
        System.exit(allEqual ? 0 : 1);
    }

    /** Returns the first differences between the two files; empty when they hold equal records in order. */
    public List<String> compare(Path reference, Path candidate) throws IOException {
        List<String> differences = new ArrayList<>();
        try (BufferedReader left = Files.newBufferedReader(reference, StandardCharsets.UTF_8);
                BufferedReader right = Files.newBufferedReader(candidate, StandardCharsets.UTF_8)) {
            long record = 0;
            while (differences.size() < MAX_REPORTED) {
                String a = nextRecord(left);
                String b = nextRecord(right);
                if (a == null && b == null) {
                    break;
                }
                record++;
                if (a == null || b == null) {
                    differences.add("record " + record + ": " + (a == null ? reference : candidate)
                            + " ends here but the other file goes on with " + (a == null ? b : a));
                    break;
                }
                Object left0 = normalize(parse(a, reference, record));
                Object right0 = normalize(parse(b, candidate, record));
                if (!left0.equals(right0)) {
                    differences.add("record " + record + ": " + left0 + " <> " + right0);
                }
            }
            if (differences.isEmpty()) {
                System.out.printf(Locale.ROOT, "compared %d records%n", record);
            }
        }
        return differences;
    }

    private static String nextRecord(BufferedReader reader) throws IOException {
        String line;
        do {
            line = reader.readLine();
        } while (line != null && line.isBlank());
        return line;
    }

    private JsonNode parse(String line, Path file, long record) throws IOException {
        try {
            return mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": record " + record + " is not valid JSON: " + line, e);
        }
    }

    /** Maps become sorted maps, numbers become BigDecimal without trailing zeros, so equality is by value. */
    private static Object normalize(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                map.put(field.getKey(), normalize(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(normalize(element)));
            return list;
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return value.signum() == 0 ? BigDecimal.ZERO : value;
        }
        if (node.isTextual()) {
            return new Text(node.textValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return JsonNull.NULL;
        }
        return node.toString();
    }
}
