package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchbay run} as a process on generated data: output record for record, stop and restart, backpressure. */
class RunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static String pipelinesConfig(Path plugins, String pipelines) {
        return """
                {
                  "plugins": { "directory": "%s" },
                  "runtime": { "shutdownGraceSeconds": 60 },
                  "pipelines": %s
                }
                """.formatted(plugins.toString().replace("\\", "\\\\"), pipelines);
    }

    /** People with some quoted names holding commas and quotes, ages 0 to 89. */
    private static List<String[]> writePeople(Path file, int count) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,name,age,email\r\n");
            for (int i = 0; i < count; i++) {
                String name = i % 7 == 0 ? "Smith, \"Jo\" " + i : "Person " + i;
                String quoted = name.contains(",") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
                String age = Integer.toString(i % 90);
                String email = "p" + i + "@example.com";
                out.write(i + "," + quoted + "," + age + "," + email + "\r\n");
                rows.add(new String[] {Integer.toString(i), name, age, email});
            }
        }
        return rows;
    }

    private static List<JsonNode> readJsonLines(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    @Test
    void aCsvPipelineWritesEveryMatchingRecordFilteredRenamedAndInOrder() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        List<String[]> people = writePeople(patchbay.home().resolve("data/people.csv"), 20_000);
        patchbay.config(pipelinesConfig(patchbay.distPlugins(), """
                { "adults": {
                    "source": { "use": "files/csv-source", "settings": { "path": "data/people.csv" } },
                    "processors": [
                      { "use": "transforms/filter",
                        "settings": { "where": { "field": "age", "op": ">=", "value": 18 } } },
                      { "use": "transforms/rename", "settings": { "fields": { "name": "fullName" } } }
                    ],
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/adults.jsonl" } },
                    "batchSize": 300, "lingerMillis": 50, "queueCapacity": 1000 } }
                """));

        Patchbay.Result result = patchbay.run("run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("adults", "COMPLETED");
        List<JsonNode> written = readJsonLines(patchbay.home().resolve("out/adults.jsonl"));
        List<String[]> expected = people.stream().filter(p -> Integer.parseInt(p[2]) >= 18).toList();
        assertThat(written).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode record = written.get(i);
            String[] person = expected.get(i);
            assertThat(record.get("id").asLong()).isEqualTo(Long.parseLong(person[0]));
            assertThat(record.get("fullName").asText()).isEqualTo(person[1]);
            assertThat(record.get("age").asLong()).isEqualTo(Long.parseLong(person[2]));
            assertThat(record.get("email").asText()).isEqualTo(person[3]);
            assertThat(record.has("name")).isFalse();
        }
        JsonNode checkpoint = JSON.readTree(patchbay.home().resolve("state/adults.json").toFile());
        assertThat(checkpoint.get("position").asText()).isNotEmpty();
    }

    @Test
    void sigtermMidRunThenRestartDeliversEveryRecordWithDuplicatesBoundedByOneBatch() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        int count = 400_000;
        int batchSize = 200;
        Path output = eventsPipeline(patchbay, count, batchSize);

        Patchbay.Started first = patchbay.start("run", "--json");
        while (!Files.exists(output) || Files.size(output) == 0) {
            assertThat(first.process.isAlive()).as("the first run ended before it could be stopped").isTrue();
            Thread.sleep(20);
        }
        first.sigterm();
        Patchbay.Result stopped = first.await(120);

        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        JsonNode stoppedSummary = lastJsonLine(stopped.stdout());
        assertThat(stoppedSummary.at("/pipelines/0/state").asText())
                .as("the input must be large enough to be interrupted: " + stopped).isEqualTo("STOPPED");
        assertThat(stoppedSummary.at("/pipelines/0/uncommittedRecords").asLong()).isZero();
        long deliveredBeforeStop = readJsonLines(output).size();
        assertThat(deliveredBeforeStop).isPositive().isLessThan(count);

        Patchbay.Result restarted = patchbay.run("run", "--json");

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(lastJsonLine(restarted.stdout()).at("/pipelines/0/state").asText()).isEqualTo("COMPLETED");
        Map<Long, Integer> seen = new HashMap<>();
        for (JsonNode record : readJsonLines(output)) {
            seen.merge(record.get("id").asLong(), 1, Integer::sum);
        }
        long missing = Stream.iterate(0L, i -> i + 1).limit(count).filter(id -> !seen.containsKey(id)).count();
        long duplicates = seen.values().stream().mapToLong(c -> c - 1).sum();
        System.out.println("stop and restart: " + deliveredBeforeStop + " records before SIGTERM, " + duplicates
                + " duplicates after restart");
        assertThat(missing).as("input records missing from the output").isZero();
        assertThat(duplicates).as("records delivered twice").isLessThanOrEqualTo(batchSize);
        assertThat(seen.values()).allMatch(c -> c <= 2);
    }

    @Test
    void aBlockedSinkStopsTheSourceFromReadingAheadAndEverythingArrivesOnceItDrains() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        int count = 300_000;
        Path input = patchbay.home().resolve("data/big.jsonl");
        try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                out.write("{\"id\":" + i + ",\"text\":\"a line of text to make the file large enough " + i + "\"}\n");
            }
        }
        long size = Files.size(input);
        patchbay.config(pipelinesConfig(patchbay.distPlugins(), """
                { "print": {
                    "source": { "use": "files/jsonl-source", "settings": { "path": "data/big.jsonl" } },
                    "sink": { "use": "console/print", "settings": { "format": "jsonl" } },
                    "batchSize": 100, "lingerMillis": 10, "queueCapacity": 500 } }
                """));

        // Nobody reads standard output yet: once the pipe is full, the console sink blocks in write.
        Patchbay.Started started = patchbay.start(true, "run");
        ProcessHandle jvm = started.jvm();
        long position = stableReadPosition(jvm, input);
        assertThat(position).as("bytes of the %d-byte input read while the sink is blocked", size)
                .isLessThan(size / 4);

        CompletableFuture<Long> printed = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(started.process.getInputStream(), StandardCharsets.UTF_8))) {
                return reader.lines().filter(line -> line.startsWith("{\"id\":")).count();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Patchbay.Result result = started.await(180);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(printed.get(60, TimeUnit.SECONDS)).isEqualTo(count);
    }

    /**
     * Waits until the JVM's read position in the input file stops moving and returns it. Linux only
     * (/proc/PID/fdinfo); the position is the source's progress through the file.
     */
    private static long stableReadPosition(ProcessHandle jvm, Path input) throws Exception {
        Path fds = Path.of("/proc/" + jvm.pid() + "/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc (Linux)");
        long last = -1;
        int stableSamples = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stableSamples < 5) {
            assertThat(System.nanoTime()).as("the source's read position to settle").isLessThan(deadline);
            Thread.sleep(200);
            long position = readPosition(fds, input);
            stableSamples = position >= 0 && position == last ? stableSamples + 1 : 0;
            last = position;
        }
        return last;
    }

    private static long readPosition(Path fds, Path input) throws IOException {
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    if (Files.readSymbolicLink(link).equals(input.toRealPath())) {
                        Path info = Path.of(fds.getParent().toString(), "fdinfo", link.getFileName().toString());
                        for (String line : Files.readAllLines(info)) {
                            if (line.startsWith("pos:")) {
                                return Long.parseLong(line.substring(4).trim());
                            }
                        }
                    }
                } catch (IOException e) {
                    // The descriptor closed while listing; look at the others.
                }
            }
        }
        return -1;
    }

    private static JsonNode lastJsonLine(String stdout) throws IOException {
        List<String> lines = stdout.lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).as("JSON lines in:\n" + stdout).isNotEmpty();
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    /**
     * Writes {@code count} JSON Lines events into the home and configures one pipeline, "events", that copies
     * them to out/events.jsonl in batches of {@code batchSize}; returns the output path.
     */
    private static Path eventsPipeline(Patchbay patchbay, int count, int batchSize) throws IOException {
        Path input = patchbay.home().resolve("data/events.jsonl");
        try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                out.write("{\"id\":" + i + ",\"payload\":\"event number " + i + "\"}\n");
            }
        }
        patchbay.config(pipelinesConfig(patchbay.distPlugins(), """
                { "events": {
                    "source": { "use": "files/jsonl-source", "settings": { "path": "data/events.jsonl" } },
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/events.jsonl" } },
                    "batchSize": %d, "lingerMillis": 20, "queueCapacity": 2000 } }
                """.formatted(batchSize)));
        return patchbay.home().resolve("out/events.jsonl");
    }
}
