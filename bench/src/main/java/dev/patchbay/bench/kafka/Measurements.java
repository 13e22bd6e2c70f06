package dev.patchbay.bench.kafka;

import dev.patchbay.bench.driver.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timed runs of one side of the benchmark (consumer or producer), by contender in the order they ran, and the
 * table of medians, records per second and ratios to the anchor (Kafka's own tool) that the report prints.
 */
final class Measurements {

    private final String anchor;
    private final long records;
    private final Map<String, List<Double>> millis = new LinkedHashMap<>();
    private final Map<String, List<Double>> cpu = new LinkedHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    /**
     * @param anchor the contender the ratios are taken against
     * @param records the records every run moves
     */
    Measurements(String anchor, long records) {
        this.anchor = anchor;
        this.records = records;
    }

    /** One timed run: its wall time, the CPU time of its processes (all hosts together), and a note. */
    void add(String contender, double runMillis, double cpuMillis, String note) {
        millis.computeIfAbsent(contender, c -> new ArrayList<>()).add(runMillis);
        cpu.computeIfAbsent(contender, c -> new ArrayList<>()).add(cpuMillis);
        notes.computeIfAbsent(contender, c -> new ArrayList<>()).add(note);
    }

    /**
     * The Markdown table: per contender the median wall time with [min, max], the records per second that median
     * gives, and the ratio of records per second to the anchor's (the anchor's median time over the contender's);
     * then the median CPU time of the contender's processes and the anchor's CPU time over it (waiting for a core
     * does not inflate CPU time, so this ratio holds up better on a loaded machine).
     */
    String table() {
        List<Double> anchorRuns = millis.get(anchor);
        if (anchorRuns == null) {
            throw new IllegalStateException("no run of the anchor '" + anchor + "' to take ratios against; ran: "
                    + millis.keySet());
        }
        double anchorMedian = Stats.of(anchorRuns).median();
        double anchorCpu = Stats.of(cpu.get(anchor)).median();
        StringBuilder out = new StringBuilder("| contender | wall ms, median [min, max] | records/s | vs " + anchor
                + " | CPU ms, median | CPU vs " + anchor + " |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Double>> entry : millis.entrySet()) {
            Stats stats = Stats.of(entry.getValue());
            double cpuMedian = Stats.of(cpu.get(entry.getKey())).median();
            out.append(String.format(Locale.ROOT, "| %s | %.0f [%.0f, %.0f] | %.0f | %.2fx | %.0f | %.2fx |%n",
                    entry.getKey(), stats.median(), stats.min(), stats.max(), records * 1000.0 / stats.median(),
                    anchorMedian / stats.median(), cpuMedian, anchorCpu / cpuMedian));
        }
        return out.toString();
    }

    /** Every run's note (the tools' own figures, streaming rates, duplicates), by contender. */
    String runNotes() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : notes.entrySet()) {
            List<Double> runs = millis.get(entry.getKey());
            for (int i = 0; i < entry.getValue().size(); i++) {
                out.append(String.format(Locale.ROOT, "- %s run %d: %.0f ms, CPU %.0f ms; %s%n", entry.getKey(),
                        i + 1, runs.get(i), cpu.get(entry.getKey()).get(i), entry.getValue().get(i)));
            }
        }
        return out.toString();
    }
}
