package dev.patchbay.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the hosts' sinks wrote: each host's {@code out/records.jsonl}, one record per complete line with the input's
 * {@code id} and the source's {@code partition} and {@code offset} fields. A line without its newline (a kill -9
 * can tear the last one) was never flushed and does not count. "Every record at least once" is the union of
 * the hosts' outputs holding every id.
 */
final class KafkaOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record as a sink wrote it. */
    record Line(long id, int partition, long offset) {
    }

    /** The records of one output file, in the order written. */
    static List<Line> read(Path output) {
        List<Line> lines = new ArrayList<>();
        if (!Files.exists(output)) {
            return lines;
        }
        try (BufferedReader in = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            long complete = completeLines(output);
            for (long n = 0; n < complete; n++) {
                JsonNode record = JSON.readTree(in.readLine());
                lines.add(new Line(record.path("id").asLong(-1), record.path("partition").asInt(-1),
                        record.path("offset").asLong(-1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output " + output, e);
        }
        return lines;
    }

    /** Complete lines of a file, those ending with a newline. */
    static long completeLines(Path file) {
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            long count = 0;
            for (byte b : Files.readAllBytes(file)) {
                count += b == '\n' ? 1 : 0;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The partitions a host's records came from. */
    static Set<Integer> partitions(List<Line> lines) {
        Set<Integer> partitions = new TreeSet<>();
        lines.forEach(l -> partitions.add(l.partition()));
        return partitions;
    }

    /**
     * Records of a host's output at or past the group's committed offset of their partition: written (and so
     * delivered) but not committed to the group, which the partition's next owner reads again.
     */
    static long pastCommitted(List<Line> lines, Map<Integer, Long> committed) {
        return lines.stream().filter(l -> l.offset() >= committed.getOrDefault(l.partition(), 0L)).count();
    }

    /** Every id's copies over all outputs, for ids {@code 0} to {@code count - 1}. */
    record Tally(long count, long missing, long duplicates, int maxCopies, long firstMissing) {

        static Tally of(long count, List<List<Line>> outputs) {
            int[] copies = new int[Math.toIntExact(count)];
            long foreign = 0;
            for (List<Line> output : outputs) {
                for (Line line : output) {
                    if (line.id() < 0 || line.id() >= count) {
                        foreign++;
                    } else {
                        copies[(int) line.id()]++;
                    }
                }
            }
            if (foreign > 0) {
                throw new AssertionError(foreign + " output records carry no id from 0 to " + (count - 1));
            }
            long missing = 0;
            long duplicates = 0;
            int max = 0;
            long firstMissing = -1;
            for (int id = 0; id < copies.length; id++) {
                if (copies[id] == 0) {
                    missing++;
                    firstMissing = firstMissing < 0 ? id : firstMissing;
                }
                duplicates += Math.max(0, copies[id] - 1);
                max = Math.max(max, copies[id]);
            }
            return new Tally(count, missing, duplicates, max, firstMissing);
        }

        long delivered() {
            return count - missing;
        }
    }
}
