package dev.patchbay.bench.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Kafka's perf tools print about their own run, parsed from their standard output, so the report can show
 * the tools' self-measured rates next to the whole-process times the benchmark takes for every contender.
 *
 * @param records records the tool consumed or produced
 * @param recordsPerSecond the tool's own records per second (ConsumerPerformance: over its whole consume loop,
 *     group join included; ProducerPerformance: from its first send to its last acknowledgement)
 * @param detail the other figures worth quoting (ConsumerPerformance: rebalance and fetch time and the fetch rate;
 *     ProducerPerformance: average and maximum latency), as text
 */
record ToolReport(long records, double recordsPerSecond, String detail) {

    private static final Pattern PRODUCER = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency");

    ToolReport {
        if (records < 0 || recordsPerSecond < 0) {
            throw new IllegalArgumentException("a tool report cannot be negative: " + records + " records, "
                    + recordsPerSecond + " records/s");
        }
    }

    /** ProducerPerformance's summary, its last line of the form {@code N records sent, R records/sec (...)}. */
    static ToolReport producer(String stdout) {
        MatchResult last = null;
        Matcher m = PRODUCER.matcher(stdout);
        while (m.find()) {
            last = m.toMatchResult();
        }
        if (last == null) {
            throw new IllegalArgumentException("ProducerPerformance printed no summary line ('N records sent, R"
                    + " records/sec ...'); its output was:\n" + tail(stdout));
        }
        return new ToolReport(Long.parseLong(last.group(1)), Double.parseDouble(last.group(2)),
                "avg latency " + last.group(4) + " ms, max " + last.group(5) + " ms");
    }

    /** ConsumerPerformance's result: a header line of comma-separated names, then one line of values. */
    static ToolReport consumer(String stdout) {
        List<String> lines = stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> names = split(lines.get(i));
                List<String> values = split(lines.get(i + 1));
                if (names.size() != values.size()) {
                    throw new IllegalArgumentException("ConsumerPerformance's header has " + names.size()
                            + " columns but its values line has " + values.size() + ": '" + lines.get(i + 1) + "'");
                }
                double rebalance = value(names, values, "rebalance.time.ms");
                double fetch = value(names, values, "fetch.time.ms");
                double fetchRate = value(names, values, "fetch.nMsg.sec");
                return new ToolReport(Math.round(value(names, values, "data.consumed.in.nMsg")),
                        value(names, values, "nMsg.sec"), String.format(java.util.Locale.ROOT,
                                "rebalance %.0f ms, fetch %.0f ms, fetch rate %.0f records/s", rebalance, fetch,
                                fetchRate));
            }
        }
        throw new IllegalArgumentException("ConsumerPerformance printed no 'start.time, ...' header followed by"
                + " values; its output was:\n" + tail(stdout));
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.split(",")).map(String::strip).toList();
    }

    private static double value(List<String> names, List<String> values, String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("ConsumerPerformance's header has no column '" + name + "': "
                    + names);
        }
        try {
            return Double.parseDouble(values.get(index));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ConsumerPerformance's column '" + name + "' is not a number: '"
                    + values.get(index) + "'", e);
        }
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }
}
