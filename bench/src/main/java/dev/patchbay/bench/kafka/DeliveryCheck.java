package dev.patchbay.bench.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks what the consumer side delivered: reads the jsonl outputs of every host of a run and counts the distinct
 * (partition, offset) pairs the {@code kafka/source} metadata fields name, and the lines that repeat one. Run after
 * the hosts have stopped, untimed.
 *
 * @param lines lines in all outputs
 * @param distinct distinct (partition, offset) pairs
 * @param duplicates lines whose (partition, offset) an earlier line already had
 */
record DeliveryCheck(long lines, long distinct, long duplicates) {

    private static final JsonFactory JSON = new JsonFactory();

    static DeliveryCheck of(List<Path> outputs) throws IOException {
        Map<Integer, BitSet> seen = new TreeMap<>();
        long lines = 0;
        long duplicates = 0;
        for (Path output : outputs) {
            if (!Files.exists(output)) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines++;
                    long[] at = partitionAndOffset(line, output, lines);
                    BitSet offsets = seen.computeIfAbsent((int) at[0], p -> new BitSet());
                    int offset = Math.toIntExact(at[1]);
                    if (offsets.get(offset)) {
                        duplicates++;
                    } else {
                        offsets.set(offset);
                    }
                }
            } catch (IOException e) {
                throw new IOException("cannot read the benchmark output " + output + ": " + e.getMessage(), e);
            }
        }
        long distinct = seen.values().stream().mapToLong(BitSet::cardinality).sum();
        return new DeliveryCheck(lines, distinct, duplicates);
    }

    private static long[] partitionAndOffset(String line, Path output, long number) throws IOException {
        long partition = -1;
        long offset = -1;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(output + " line " + number + " is not a JSON object: '" + line + "'");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT && name.equals("partition")) {
                    partition = parser.getLongValue();
                } else if (value == JsonToken.VALUE_NUMBER_INT && name.equals("offset")) {
                    offset = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (partition < 0 || offset < 0) {
            throw new IOException(output + " line " + number + " has no integer 'partition' and 'offset' fields"
                    + " (kafka/source's metadata fields, on by default): '" + line + "'");
        }
        return new long[] {partition, offset};
    }
}
