package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home lock with the real launcher: a second {@code run} on a running home is refused, naming the holder;
 * read-only commands run alongside; a lock left by {@code kill -9} is taken over by the next run.
 */
class HomeLockIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES = 510;

    @TempDir
    Path temp;

    /** A pipeline that follows data/events.jsonl (continuous) and copies it to out/events.jsonl. */
    private static Path followingPipeline(Patchbay patchbay) throws IOException {
        try (Writer out = Files.newBufferedWriter(patchbay.home().resolve("data/events.jsonl"),
                StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                out.write("{\"id\":" + i + "}\n");
            }
        }
        patchbay.config("""
                {
                  "plugins": { "directory": "%s" },
                  "runtime": { "shutdownGraceSeconds": 60 },
                  "pipelines": { "events": {
                    "source": { "use": "files/jsonl-source",
                                "settings": { "path": "data/events.jsonl", "follow": true } },
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/events.jsonl" } },
                    "batchSize": 100, "lingerMillis": 10 } }
                }
                """.formatted(patchbay.distPlugins().toString().replace("\\", "\\\\")));
        return patchbay.home().resolve("out/events.jsonl");
    }

    /** Polls {@code condition} until it holds, failing after 60 s or as soon as {@code run} ends. */
    private static void await(String what, Patchbay.Started run, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.call()) {
            assertThat(run.process.isAlive()).as("patchbay ended while waiting for " + what).isTrue();
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The ids in the output so far; a line still being written is left out. */
    private static Set<Long> ids(Path output) throws IOException {
        Set<Long> ids = new HashSet<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            try {
                ids.add(JSON.readTree(line).get("id").asLong());
            } catch (IOException e) {
                // cut by the kill, or not complete yet
            }
        }
        return ids;
    }

    /** The pid the lock file names, or -1 while it is empty or being written. */
    private static long lockHolder(Path lockFile) {
        try {
            JsonNode node = JSON.readTree(Files.readString(lockFile, StandardCharsets.UTF_8));
            return node != null && node.has("pid") ? node.get("pid").asLong() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void aSecondRunOnARunningHomeIsRefusedNamingTheHolderAndReadOnlyCommandsStillWork() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path output = followingPipeline(patchbay);
        Path state = patchbay.home().resolve("state");
        Path lockFile = state.resolve(".patchbay.lock");

        Patchbay.Started first = patchbay.start("run");
        long pid = first.jvm().pid();
        await("the first run to copy every line and hold the lock", first,
                () -> lines(output) == LINES && lockHolder(lockFile) == pid);

        Patchbay.Result second = patchbay.run("run");

        System.out.println("refusal: " + second.stderr().strip());
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(2);
        assertThat(second.stderr()).as(second.toString()).containsPattern(
                "patchbay run: another Patchbay process \\(pid " + pid
                        + ", running since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, \"patchbay run\"\\) holds the lock on "
                        + Pattern.quote(state.toString()) + "; stop it first, or use another home");
        assertThat(second.stdout()).as("no summary: nothing ran").isEmpty();
        assertThat(lines(output)).as("lines written: the refused run copied nothing").isEqualTo(LINES);

        Patchbay.Result check = patchbay.run("config", "check");
        assertThat(check.exitCode()).as("config check alongside a run: " + check).isZero();
        Patchbay.Result list = patchbay.run("plugins", "list");
        assertThat(list.exitCode()).as("plugins list alongside a run: " + list).isZero();

        first.sigterm();
        Patchbay.Result stopped = first.await(120);
        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        assertThat(Files.size(lockFile)).as("the lock file is emptied at the end of the run").isZero();
    }

    @Test
    void aLockLeftByKillMinus9IsTakenOverByTheNextRunWhichSaysSo() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path output = followingPipeline(patchbay);
        Path lockFile = patchbay.home().resolve("state/.patchbay.lock");

        Patchbay.Started killed = patchbay.start("run");
        long killedPid = killed.jvm().pid();
        await("the run to be killed to hold the lock and copy every line", killed,
                () -> lockHolder(lockFile) == killedPid && lines(output) == LINES
                        && Files.exists(patchbay.home().resolve("state/events.json")));
        String startedAt = JSON.readTree(lockFile.toFile()).get("startedAt").asText();
        killed.jvm().destroyForcibly();
        Patchbay.Result gone = killed.await(60);
        assertThat(gone.exitCode()).as(gone.toString()).isNotZero();
        assertThat(lockHolder(lockFile)).as("kill -9 leaves the lock file naming the dead run").isEqualTo(killedPid);

        Patchbay.Started next = patchbay.start("run");
        Path nextErr = patchbay.home().resolve("run-2.err"); // Patchbay numbers the launches of a home
        long nextPid = next.jvm().pid();
        await("the next run to take the lock over", next, () -> lockHolder(lockFile) == nextPid
                && read(nextErr).contains("took over a stale lock"));
        String log = read(nextErr);
        System.out.println("takeover: " + log.lines().filter(l -> l.contains("took over")).findFirst().orElse(""));
        assertThat(log).contains("INFO", "took over a stale lock of pid " + killedPid + " from " + startedAt
                + " (\"patchbay run\") in " + lockFile + ": that process is gone (killed or crashed); its pipelines "
                + "resume from their last checkpoints");

        // Lines appended now reach the output only once the new run's pipeline is running (and its stop
        // handlers are installed).
        Files.writeString(patchbay.home().resolve("data/events.jsonl"), "{\"id\":" + LINES + "}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        await("the new run to copy the appended line", next, () -> ids(output).contains((long) LINES));
        next.sigterm();
        Patchbay.Result stopped = next.await(120);
        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        assertThat(ids(output)).as("every input line, once or (at most a batch) twice").hasSize(LINES + 1);
    }
}
