package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} mid-run, then a resumed run: nothing is lost, and what is delivered twice is exactly what the
 * sink wrote after the last committed checkpoint (the output's complete lines past the checkpoint's
 * {@code sourceRecords}), within README's bound for the pipeline's {@code commitIntervalMillis}: one interval of
 * records plus one batch and one poll, or one batch and one poll with an interval of 0.
 */
class KillBoundIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COUNT = 400_000;
    private static final int BATCH_SIZE = 200;
    /** The files sources emit at most this many records per poll (FileSource.MAX_PER_POLL). */
    private static final int RECORDS_PER_POLL = 1024;

    @TempDir
    Path temp;

    /** What one kill left behind, and what the resumed run delivered. */
    private record Trial(long linesAtKill, long committedAtKill, long missing, long duplicates, int maxCopies) {
        /** Records the sink wrote after the last commit: what the resumed run reads again. */
        long uncommitted() {
            return linesAtKill - committedAtKill;
        }
    }

    @Test
    void withAnIntervalOfZeroAKillRepeatsAtMostOneBatchPlusOnePoll() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path output = eventsPipeline(patchbay, ", \"commitIntervalMillis\": 0");
        Path checkpoint = patchbay.home().resolve("state/events.json");

        Trial trial = killAndResume(patchbay, output, checkpoint,
                () -> Files.exists(checkpoint) && size(output) >= 100_000);

        assertThat(trial.missing()).as("input records missing from the output").isZero();
        assertThat(trial.duplicates()).as("records delivered twice: those written after the last commit")
                .isEqualTo(trial.uncommitted());
        assertThat(trial.duplicates()).as("records delivered twice").isLessThanOrEqualTo(BATCH_SIZE + RECORDS_PER_POLL - 1);
        assertThat(trial.maxCopies()).isLessThanOrEqualTo(2);
    }

    @Test
    void withACommitIntervalAKillRepeatsWhatWasWrittenSinceTheLastCommitWithinOneIntervalOfRecords() throws Exception {
        long intervalMillis = 2_000;
        long recordsPerSecond = 20_000;
        Patchbay patchbay = new Patchbay(temp);
        Path output = eventsPipeline(patchbay, ", \"commitIntervalMillis\": %d, \"maxRecordsPerSecond\": %d"
                .formatted(intervalMillis, recordsPerSecond));
        Path checkpoint = patchbay.home().resolve("state/events.json");
        // Killed once the output is well past the first commit: a quarter of an interval at the rate limit, so
        // the next commit, an interval after the first, is still far off.
        long past = recordsPerSecond * intervalMillis / 1000 / 4;

        Trial trial = killAndResume(patchbay, output, checkpoint,
                () -> Files.exists(checkpoint) && lines(output) >= committed(checkpoint) + past);

        assertThat(trial.missing()).as("input records missing from the output").isZero();
        assertThat(trial.duplicates()).as("records delivered twice: those written after the last commit")
                .isEqualTo(trial.uncommitted());
        assertThat(trial.uncommitted()).as("the checkpoint stays behind the output between commits, beyond the "
                + "per-batch bound of one batch plus one poll").isGreaterThan(BATCH_SIZE + RECORDS_PER_POLL - 1);
        // README's bound: one interval of records (at most the rate limit's, plus the one second of credit it may
        // give after a stall), one batch and one poll.
        long bound = recordsPerSecond * (intervalMillis / 1000 + 1) + BATCH_SIZE + RECORDS_PER_POLL;
        assertThat(trial.duplicates()).as("records delivered twice").isLessThanOrEqualTo(bound);
        assertThat(trial.maxCopies()).isLessThanOrEqualTo(2);
    }

    private Trial killAndResume(Patchbay patchbay, Path output, Path checkpoint, BooleanSupplier killWhen)
            throws Exception {
        Patchbay.Started first = patchbay.start("run");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!killWhen.getAsBoolean()) {
            assertThat(first.process.isAlive()).as("the first run ended before it could be killed").isTrue();
            assertThat(System.nanoTime()).as("waiting for the moment to kill the run").isLessThan(deadline);
            Thread.sleep(5);
        }
        first.jvm().destroyForcibly();
        Patchbay.Result killed = first.await(60);
        assertThat(killed.exitCode()).as(killed.toString()).isNotZero();
        long linesAtKill = lines(output);
        long committedAtKill = committed(checkpoint);
        assertThat(linesAtKill).as("the kill must land mid-run").isLessThan(COUNT);

        Patchbay.Result resumed = patchbay.run("run");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        Map<Long, Integer> seen = new HashMap<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            // No torn line may be left: the resumed sink cuts a torn end before it appends.
            seen.merge(JSON.readTree(line).get("id").asLong(), 1, Integer::sum);
        }
        long missing = LongStream.range(0, COUNT).filter(id -> !seen.containsKey(id)).count();
        long duplicates = seen.values().stream().mapToLong(c -> c - 1).sum();
        int maxCopies = seen.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        System.out.printf("kill and resume: %d lines at the kill, checkpoint at %d records, %d duplicates%n",
                linesAtKill, committedAtKill, duplicates);
        return new Trial(linesAtKill, committedAtKill, missing, duplicates, maxCopies);
    }

    /**
     * Complete lines in the output. The sink writes each record and then its newline, so a torn end (the kill can
     * cut one) is the part after the last newline, and does not count.
     */
    private static long lines(Path output) {
        if (!Files.exists(output)) {
            return 0;
        }
        try {
            byte[] content = Files.readAllBytes(output);
            long complete = 0;
            for (byte b : content) {
                if (b == '\n') {
                    complete++;
                }
            }
            return complete;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + output, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the size of " + file, e);
        }
    }

    /** The checkpoint's sourceRecords: the records before its position, all of which were flushed. */
    private static long committed(Path checkpoint) {
        try {
            JsonNode node = JSON.readTree(checkpoint.toFile());
            return node.get("sourceRecords").asLong();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read checkpoint " + checkpoint, e);
        }
    }

    /** {@value #COUNT} JSON Lines events copied to out/events.jsonl in batches of {@value #BATCH_SIZE}. */
    private static Path eventsPipeline(Patchbay patchbay, String settings) throws IOException {
        Path input = patchbay.home().resolve("data/events.jsonl");
        try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < COUNT; i++) {
                out.write("{\"id\":" + i + ",\"payload\":\"event number " + i + "\"}\n");
            }
        }
        patchbay.config("""
                {
                  "plugins": { "directory": "%s" },
                  "pipelines": { "events": {
                    "source": { "use": "files/jsonl-source", "settings": { "path": "data/events.jsonl" } },
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/events.jsonl" } },
                    "batchSize": %d, "lingerMillis": 20, "queueCapacity": 2000%s } }
                }
                """.formatted(patchbay.distPlugins().toString().replace("\\", "\\\\"), BATCH_SIZE, settings));
        return patchbay.home().resolve("out/events.jsonl");
    }
}
