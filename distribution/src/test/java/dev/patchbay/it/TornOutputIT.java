package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: {@code kill -9} at seeded random moments of three pipelines that copy one input to plain JSON Lines,
 * gzip JSON Lines and CSV (with line breaks inside quoted fields), restarting after each kill, then one run to
 * completion.
 *
 * <p>After each kill, only the end of a file may be torn: every record before it parses, and every record the
 * checkpoint acknowledged is among them, so the cut the next start makes loses nothing acknowledged. The run
 * that opens the file next logs the cut, with its bytes and offset. After the final run, {@code gzip -t} and
 * {@code zcat} accept the gzip file with no warning, every line of the JSON Lines files is valid JSON, the CSV
 * file ends with a complete record, and no input id is missing from any of them.
 *
 * <p>The kill moments come from a seeded {@link Random}; the seed is printed, and
 * {@code -Dpatchbay.kill.seed=<seed>} replays a run.
 */
class TornOutputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IDS = 60_000;
    private static final int KILLS = 6;
    private static final long SEED = Long.getLong("patchbay.kill.seed", System.nanoTime());
    private static final String CSV_HEADER = "id,payload";

    @TempDir
    Path temp;

    private enum Output {
        PLAIN("plain", "out/plain.jsonl"), GZIP("gzip", "out/gzip.jsonl.gz"), CSV("csv", "out/table.csv");

        final String pipeline;
        final String path;

        Output(String pipeline, String path) {
            this.pipeline = pipeline;
            this.path = path;
        }
    }

    @Test
    void killMinus9AtRandomMomentsLeavesEveryOutputReadableAndLosesNoAcknowledgedRecord() throws Exception {
        System.out.println("TornOutputIT: seed " + SEED + " (replay with -Dpatchbay.kill.seed=" + SEED + ")");
        Patchbay patchbay = new Patchbay(temp);
        long inputBytes = writeInput(patchbay.home().resolve("data/ids.jsonl"));
        patchbay.config(config(patchbay.distPlugins()));
        Path plain = patchbay.home().resolve(Output.PLAIN.path);
        double[] shares = new Random(SEED).doubles(KILLS, 0.05, 0.85).sorted().toArray();
        List<String> runLogs = new ArrayList<>();
        List<Repair> expected = new ArrayList<>();
        int kills = 0;

        for (double share : shares) {
            long threshold = Math.max((long) (share * inputBytes), (Files.exists(plain) ? Files.size(plain) : 0)
                    + (256 << 10));
            Patchbay.Started run = patchbay.start("run");
            if (!run.awaitSize(plain, threshold, 120)) {
                runLogs.add(run.await(60).stderr());
                break;
            }
            run.jvm().destroyForcibly();
            Patchbay.Result killed = run.await(60);
            assertThat(killed.exitCode()).as("the kill must land mid-run: " + killed).isNotZero();
            runLogs.add(killed.stderr());
            kills++;
            StringBuilder report = new StringBuilder("kill " + kills + " at " + Math.round(share * 100) + "%:");
            for (Output output : Output.values()) {
                Path file = patchbay.home().resolve(output.path);
                long acknowledged = acknowledged(patchbay.home(), output.pipeline);
                String torn = checkAfterKill(output, file, acknowledged);
                report.append(' ').append(output.pipeline).append(torn.isEmpty() ? " whole" : " torn").append(" (")
                        .append(acknowledged).append(" acknowledged)");
                if (!torn.isEmpty()) {
                    expected.add(new Repair(output, torn, runLogs.size()));
                }
            }
            System.out.println(report);
        }

        Patchbay.Result last = patchbay.run("run");
        runLogs.add(last.stderr());
        assertThat(last.exitCode()).as(last.toString()).isZero();
        for (Repair repair : expected) {
            String after = String.join("\n", runLogs.subList(repair.fromRun(), runLogs.size()));
            assertThat(after).as("the repair of a tear of %s, logged by a later run", repair.output()).contains(
                    repair.message());
        }
        for (Output output : Output.values()) {
            Path file = patchbay.home().resolve(output.path);
            long tears = expected.stream().filter(r -> r.output() == output).count();
            long logged = runLogs.stream().mapToLong(log -> count(log, "repaired output file " + file + " ")).sum();
            assertThat(logged).as("repairs of %s logged: one per tear, none of a whole file", file).isEqualTo(tears);
            OutputFiles.Records records = output == Output.GZIP ? checkGzipIntact(file) : output == Output.CSV
                    ? OutputFiles.csv(file, CSV_HEADER) : OutputFiles.jsonLines(file);
            assertThat(records.tornBytes()).as("torn bytes at the end of %s after the final run", file).isZero();
            Set<Long> seen = new HashSet<>(records.ids());
            assertThat(LongStream.range(0, IDS).filter(id -> !seen.contains(id)).boxed().toList())
                    .as("input ids missing from %s", file).isEmpty();
            System.out.printf("%s: %d kills, %d tore it, all repaired; %d records, %d of them repeats%n",
                    output.pipeline, kills, tears, records.ids().size(), records.ids().size() - seen.size());
        }
        assertThat(kills).as("kills that landed mid-run").isGreaterThanOrEqualTo(KILLS / 2);
    }

    /** A tear seen after a kill, and the message a run from {@code fromRun} on must log when it cuts it. */
    private record Repair(Output output, String message, int fromRun) {
    }

    private static long count(String text, String part) {
        long found = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            found++;
        }
        return found;
    }

    /**
     * Checks a file right after a kill: torn only at its end, every acknowledged record complete before the tear.
     *
     * @return the repair message the next start must log, or "" when nothing is torn
     */
    private String checkAfterKill(Output output, Path file, long acknowledged) throws Exception {
        if (!Files.exists(file)) {
            assertThat(acknowledged).as("acknowledged records of a missing %s", file).isZero();
            return "";
        }
        OutputFiles.Records records;
        boolean torn;
        if (output == Output.GZIP) {
            OutputFiles.Gzip gzip = OutputFiles.gzip(file, temp);
            torn = !gzip.intact();
            if (torn) {
                assertThat(gzip.test().stderr()).as("gzip -t on %s: torn only at its end", file)
                        .contains("unexpected end of file");
            }
            records = gzip.records();
        } else {
            records = output == Output.CSV ? OutputFiles.csv(file, CSV_HEADER) : OutputFiles.jsonLines(file);
            torn = records.tornBytes() > 0;
        }
        Set<Long> complete = new HashSet<>(records.ids());
        assertThat(LongStream.range(0, acknowledged).filter(id -> !complete.contains(id)).boxed().toList())
                .as("acknowledged ids of %s missing before its torn tail", file).isEmpty();
        if (!torn) {
            return "";
        }
        String repaired = "repaired output file " + file + " before appending: cut ";
        return output == Output.GZIP ? repaired
                : repaired + records.tornBytes() + " bytes at offset " + records.completeBytes() + " (";
    }

    private OutputFiles.Records checkGzipIntact(Path file) throws Exception {
        OutputFiles.Gzip gzip = OutputFiles.gzip(file, temp);
        assertThat(gzip.test()).as("gzip -t %s", file).isEqualTo(new OutputFiles.Command.Result(0, ""));
        assertThat(gzip.zcat().exitCode()).as("zcat %s: %s", file, gzip.zcat().stderr()).isZero();
        return gzip.records();
    }

    /** The input records the pipeline's checkpoint acknowledges: one per line before its position's line. */
    private static long acknowledged(Path home, String pipeline) throws IOException {
        Path checkpoint = home.resolve("state/" + pipeline + ".json");
        if (!Files.exists(checkpoint)) {
            return 0;
        }
        String position = JSON.readTree(checkpoint.toFile()).get("position").asText();
        String line = Arrays.stream(position.split(";")).filter(p -> p.startsWith("line=")).findFirst().orElseThrow();
        return Long.parseLong(line.substring("line=".length())) - 1;
    }

    /**
     * Writes ids 0 to IDS-1 with a random hexadecimal payload (so that gzip members span several writes), every
     * third with a line break in it (so that CSV quotes it over two lines); returns the input's size, which is
     * also the plain output's once every record is in it.
     */
    private static long writeInput(Path file) throws IOException {
        Random random = new Random(42);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int id = 0; id < IDS; id++) {
                StringBuilder payload = new StringBuilder();
                for (int i = 0; i < 12; i++) {
                    payload.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE).substring(0, 8));
                }
                if (id % 3 == 0) {
                    payload.insert(48, "\\n");
                }
                out.write("{\"id\":" + id + ",\"payload\":\"" + payload + "\"}\n");
            }
        }
        return Files.size(file);
    }

    private static String config(Path plugins) {
        StringBuilder pipelines = new StringBuilder();
        for (Output output : Output.values()) {
            String sink = output == Output.CSV ? "csv-sink" : "jsonl-sink";
            pipelines.append(pipelines.length() == 0 ? "" : ",\n").append("""
                    "%s": {
                      "source": { "use": "files/jsonl-source", "settings": { "path": "data/ids.jsonl" } },
                      "sink": { "use": "files/%s", "settings": { "path": "%s" } },
                      "batchSize": 2000, "lingerMillis": 20, "queueCapacity": 4000 }""".formatted(output.pipeline,
                    sink, output.path));
        }
        return """
                {
                  "plugins": { "directory": "%s" },
                  "pipelines": { %s }
                }
                """.formatted(plugins.toString().replace("\\", "\\\\"), pipelines);
    }
}
