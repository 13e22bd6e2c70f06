package dev.patchbay.bench.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time by thread of a running process, from {@code /proc/PID/task/TID/stat} (utime plus stime, in clock
 * ticks of 10 ms), summed by thread name with digits folded ({@code C2 CompilerThre}, {@code GC Thread#N},
 * {@code pipeline-consume-source}), so the report can say how much of a host's CPU is JIT, GC, the source and
 * the sink. Threads that ended before the snapshot are not in it; the process total is.
 */
final class ThreadCpu {

    /** Linux's USER_HZ, the unit of the stat file's times; 100 on every mainstream architecture. */
    private static final double MILLIS_PER_TICK = 10.0;

    private ThreadCpu() {
    }

    /** CPU milliseconds by folded thread name, largest first when printed. */
    static Map<String, Double> of(long pid) throws IOException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        Map<String, Double> byName = new TreeMap<>();
        try (Stream<Path> entries = Files.list(tasks)) {
            for (Path task : entries.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                    byName.merge(fold(name(stat)), millis(stat), Double::sum);
                } catch (NoSuchFileException ended) {
                    // The thread ended between the listing and the read; its time is in the process total only.
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read the threads of process " + pid + " from " + tasks + ": "
                    + e.getMessage(), e);
        }
        return byName;
    }

    /** The lines of a snapshot, largest first, each with its share of {@code totalMillis}. */
    static String format(Map<String, Double> byName, double totalMillis) {
        StringBuilder out = new StringBuilder();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.append(String.format(Locale.ROOT, "%8.0f ms %5.1f%%  %s%n", e.getValue(),
                        100 * e.getValue() / totalMillis, e.getKey())));
        return out.toString();
    }

    /** The thread name: between the first '(' and the last ')', since a name may hold either. */
    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** utime (field 14) plus stime (field 15), in milliseconds. */
    static double millis(String stat) {
        List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        // fields.get(0) is field 3 (state), so field n is fields.get(n - 3).
        return (Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12))) * MILLIS_PER_TICK;
    }

    static String fold(String name) {
        return name.replaceAll("\\d+", "N");
    }
}
