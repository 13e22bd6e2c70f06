package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, section 2: {@code run}'s progress table and its {@code --json} progress events show the partitions the
 * host's Kafka source holds, from the source's status value {@code partitions}; each run then stops gracefully on
 * SIGTERM.
 */
class KafkaStatusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 4;
    private static final long COUNT = 2_000;

    @TempDir
    Path temp;

    private KafkaInput input;
    private Patchbay.Started running;

    @AfterEach
    void stopEverything() {
        if (running != null) {
            running.killIfAlive();
        }
        if (input != null) {
            input.close();
        }
    }

    @Test
    void runShowsThePartitionsItsSourceHoldsInTheTableAndInJson() throws Exception {
        input = KafkaInput.create("status", PARTITIONS);
        input.produce(COUNT);
        Patchbay patchbay = new Patchbay(temp);
        patchbay.config(KafkaHosts.config(KafkaHosts.plugins(temp.resolve("plugins")), input, KafkaBounds.PROPERTIES, "",
                KafkaBounds.PIPELINE));
        String all = String.join(",", List.of(0, 1, 2, 3).stream().map(p -> input.topic() + ":" + p).toList());

        running = patchbay.start("run", "--progress", "1");
        Path table = temp.resolve("run-1.out");
        String line = "status: pipeline '" + KafkaHosts.PIPELINE + "' source (kafka/source): partitions " + all;
        Path output = patchbay.home().resolve("out/records.jsonl");
        await(running, "the progress table shows " + line, () -> text(table).lines()
                .filter(l -> l.strip().equals(line)).findFirst());
        await(running, "every record is written", () -> Optional.of(output)
                .filter(o -> KafkaOutputs.completeLines(o) == COUNT));
        running.sigterm();
        Patchbay.Result tableRun = running.await(60);
        assertThat(tableRun.exitCode()).as(tableRun.toString()).isZero();

        running = patchbay.start("run", "--json", "--progress", "1");
        Path json = temp.resolve("run-2.out");
        JsonNode progress = await(running, "a progress event shows partitions " + all, () -> events(json).stream()
                .filter(e -> e.path("event").asText().equals("progress")
                        && e.at("/pipelines/0/stages/0/status/partitions").asText().equals(all)).findFirst());
        running.sigterm();
        Patchbay.Result jsonRun = running.await(60);
        assertThat(jsonRun.exitCode()).as(jsonRun.toString()).isZero();
        JsonNode summary = events(json).get(events(json).size() - 1);
        List<String> statusLines = tableRun.stdout().lines().filter(l -> l.startsWith("status:")).toList();
        System.out.printf("kafka status: progress table line '%s'; JSON progress stage status %s; final summary"
                + " stage status %s; final table status line '%s'%n", line, progress.at("/pipelines/0/stages/0/status"),
                summary.at("/pipelines/0/stages/0/status"), statusLines.get(statusLines.size() - 1));
        assertThat(summary.path("event").asText()).isEqualTo("summary");
        assertThat(KafkaOutputs.completeLines(output))
                .as("the first run's graceful stop committed every record to the group: the second repeats none")
                .isEqualTo(COUNT);
    }

    private static String text(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<JsonNode> events(Path file) {
        return text(file).lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line in " + file + ": " + l, e);
            }
        }).toList();
    }

    private static <T> T await(Patchbay.Started run, String what, Supplier<Optional<T>> found) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            Optional<T> value = found.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (!run.process.isAlive()) {
                throw new AssertionError("run ended while waiting until " + what + ": " + run.await(1));
            }
            assertThat(System.nanoTime()).as("waiting until %s", what).isLessThan(end);
            Thread.sleep(50);
        }
    }
}
