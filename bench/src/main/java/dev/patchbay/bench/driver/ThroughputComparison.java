package dev.patchbay.bench.driver;

import dev.patchbay.bench.throughput.HandLoop;
import dev.patchbay.bench.throughput.OutputChecker;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pipeline throughput, whole process: the same job on the same CSV run by (a) {@code patchbay run} with a
 * generated config, (b) Miller, and (c) the hand-written Java loop, interleaved A B C A B C after one untimed
 * round. The outputs of that first round are compared record for record with the hand loop's; every timed run
 * must produce the same number of records again. Prints a Markdown report: records/s (input rows over wall
 * time), median, min and max wall time, ratios of the median throughputs, and peak RSS.
 *
 * <p>Usage: {@code ThroughputComparison <input.csv> <workdir> <runs> <patchbay-home|-> [variant]...};
 * {@code -} leaves Patchbay out (for example while {@code patchbay run} has not landed), and the report says so.
 * Each variant adds a Patchbay contender whose pipeline overrides some settings, written
 * {@code key=value[,key=value]...} ({@link PipelineVariant}), such as {@code commitIntervalMillis=0} or
 * {@code batchSize=10000,parallelism=2}; the contender is named after them. A bare number is a batch size.
 * Every contender's output is compared with the hand loop's record for record.
 */
public final class ThroughputComparison {

    static final String MILLER_JOB = "filter '$age >= 18' then rename name,full_name then put '$email = sha256($email)'";

    private ThroughputComparison() {
    }

    private record Contender(String name, List<String> command, Map<String, String> environment, Path output,
            List<Path> cleanBeforeRun) {
    }

    public static void main(String[] args) throws IOException, InterruptedException, URISyntaxException {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: ThroughputComparison <input.csv> <workdir> <runs> <patchbay-home|-> [key=value[,key=value]...]...");
        }
        Path input = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int runs = Integer.parseInt(args[2]);
        long rows = countRecords(input) - 1;
        Files.createDirectories(work);
        String jar = Path.of(ThroughputComparison.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        List<Contender> contenders = new ArrayList<>();
        if (!args[3].equals("-")) {
            Path home = Path.of(args[3]).toAbsolutePath();
            contenders.add(patchbay("patchbay", "patchbay", "", home, input, work));
            for (int i = 4; i < args.length; i++) {
                PipelineVariant variant = PipelineVariant.parse(args[i]);
                contenders.add(patchbay(variant.name(), variant.fileStem(), variant.jsonMembers(), home, input, work));
            }
        } else {
            System.out.println("NOTE: Patchbay (a) is not measured in this run (no patchbay home given).");
        }
        // Miller takes about 15 s per million rows here; a 10M-row scaling run may leave it out.
        if (Boolean.parseBoolean(System.getProperty("bench.miller", "true"))) {
            Path millerOut = work.resolve("miller.jsonl");
            contenders.add(new Contender("miller", List.of("sh", "-c",
                    "exec mlr --icsv --ojsonl " + MILLER_JOB + " \"$0\" > \"$1\"", input.toString(),
                    millerOut.toString()), Map.of(), millerOut, List.of(millerOut)));
        }
        Path handOut = work.resolve("hand.jsonl");
        contenders.add(new Contender("hand-loop", List.of(java, "-cp", jar, HandLoop.class.getName(),
                input.toString(), handOut.toString()), Map.of(), handOut, List.of(handOut)));

        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        contenders.forEach(c -> {
            wall.put(c.name(), new ArrayList<>());
            rss.put(c.name(), new ArrayList<>());
        });
        long expectedRecords = -1;
        Path scratch = work.resolve("scratch");
        for (int round = 0; round <= runs; round++) {
            for (Contender contender : contenders) {
                for (Path path : contender.cleanBeforeRun()) {
                    deleteRecursively(path);
                }
                ProcessRun run = ProcessRun.run(contender.command(), contender.environment(), scratch);
                long records = countRecords(contender.output());
                System.err.printf(Locale.ROOT, "round %d %s: %.0f ms wall, %d kB RSS, %d records out%n", round,
                        contender.name(), run.wallMillis(), run.peakRssKb(), records);
                if (round == 0) {
                    continue;
                }
                if (records != expectedRecords) {
                    throw new IllegalStateException(contender.name() + " wrote " + records + " records in round "
                            + round + " but " + expectedRecords + " in the checked round");
                }
                wall.get(contender.name()).add(run.wallMillis());
                rss.get(contender.name()).add(run.peakRssKb() / 1024.0);
            }
            if (round == 0) {
                OutputChecker checker = new OutputChecker();
                for (Contender contender : contenders) {
                    if (contender.output().equals(handOut)) {
                        continue;
                    }
                    List<String> differences = checker.compare(handOut, contender.output());
                    if (!differences.isEmpty()) {
                        throw new IllegalStateException(contender.name() + "'s output differs from the hand loop's:\n"
                                + String.join("\n", differences));
                    }
                    System.err.printf(Locale.ROOT, "%s's output equals the hand loop's record for record%n",
                            contender.name());
                }
                expectedRecords = countRecords(handOut);
            }
        }
        report(rows, expectedRecords, runs, wall, rss);
    }

    /**
     * Patchbay with the default pipeline settings, overridden by {@code members} (JSON members, each after a
     * comma, or nothing).
     */
    private static Contender patchbay(String name, String fileStem, String members, Path home, Path input,
            Path work) throws IOException {
        Path launcher = home.resolve("bin/patchbay");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing; build the distribution with "
                    + "mvn -q -DskipTests package, or pass - to leave Patchbay out");
        }
        Path output = work.resolve(fileStem + ".jsonl");
        Path state = work.resolve(fileStem + "-state");
        Path config = work.resolve(fileStem + ".json");
        Files.writeString(config, """
                {
                  "plugins": {"directory": "%s", "enabled": [], "disabled": []},
                  "state": {"directory": "%s"},
                  "logging": {"format": "text", "level": "INFO"},
                  "pipelines": {
                    "bench": {
                      "source": {"use": "files/csv-source", "settings": {"path": "%s", "header": true}},
                      "processors": [
                        {"use": "transforms/filter", "settings": {"where": {"field": "age", "op": ">=", "value": 18}}},
                        {"use": "transforms/rename", "settings": {"fields": {"name": "full_name"}}},
                        {"use": "transforms/mask", "settings": {"fields": ["email"], "mode": "hash"}}
                      ],
                      "sink": {"use": "files/jsonl-sink", "settings": {"path": "%s", "mode": "overwrite"}}%s
                    }
                  }
                }
                """.formatted(home.resolve("plugins"), state, input, output, members), StandardCharsets.UTF_8);
        // A run resumes from its checkpoint; every timed run must start from the beginning of the file.
        return new Contender(name, List.of(launcher.toString(), "run"),
                Map.of("PATCHBAY_HOME", home.toString(), "PATCHBAY_CONFIG", config.toString()), output,
                List.of(output, state));
    }

    private static void report(long rows, long recordsOut, int runs, Map<String, List<Double>> wall,
            Map<String, List<Double>> rss) {
        System.out.printf(Locale.ROOT, "%n### Throughput: %d input rows, %d records out (median of %d runs)%n%n",
                rows, recordsOut, runs);
        Map<String, Double> medians = new LinkedHashMap<>();
        wall.forEach((name, values) -> medians.put(name, Stats.of(values).median()));
        List<String> anchors = wall.keySet().stream().filter(n -> !n.startsWith("patchbay")).toList();
        StringBuilder header = new StringBuilder("| contender | records/s (median) | wall s median | min | max |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|");
        for (String anchor : anchors) {
            header.append(" vs ").append(anchor).append(" |");
            rule.append("---|");
        }
        header.append(" peak RSS MB median | min | max |");
        rule.append("---|---|---|");
        System.out.println(header);
        System.out.println(rule);
        for (Map.Entry<String, List<Double>> entry : wall.entrySet()) {
            Stats w = Stats.of(entry.getValue());
            Stats r = Stats.of(rss.get(entry.getKey()));
            StringBuilder line = new StringBuilder();
            line.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.2f |", entry.getKey(),
                    rows / (w.median() / 1000), w.median() / 1000, w.min() / 1000, w.max() / 1000));
            for (String anchor : anchors) {
                // Ratio of throughputs: above 1 means faster than the anchor.
                line.append(String.format(Locale.ROOT, " %.2fx |", medians.get(anchor) / w.median()));
            }
            line.append(String.format(Locale.ROOT, " %.0f | %.0f | %.0f |", r.median(), r.min(), r.max()));
            System.out.println(line);
        }
    }

    private static long countRecords(Path file) throws IOException {
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    count++;
                }
            }
        }
        return count;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        if (Files.isDirectory(path)) {
            try (var children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteRecursively(child);
                }
            }
        }
        Files.delete(path);
    }
}
