package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory with the real launcher: one {@code run} cannot commit to is refused at start, exit 2,
 * before any record is read (before, it failed at the first commit, after a batch of output was written); a
 * damaged checkpoint fails its pipeline, naming the file, and nothing is written.
 */
class StateDirectoryIT {

    private static final int RECORDS = 20_000;

    @TempDir
    Path temp;

    private static Path copyPipeline(Patchbay patchbay) throws IOException {
        try (Writer out = Files.newBufferedWriter(patchbay.home().resolve("data/events.jsonl"),
                StandardCharsets.UTF_8)) {
            for (int i = 0; i < RECORDS; i++) {
                out.write("{\"id\":" + i + "}\n");
            }
        }
        patchbay.config("""
                {
                  "plugins": { "directory": "%s" },
                  "pipelines": { "events": {
                    "source": { "use": "files/jsonl-source", "settings": { "path": "data/events.jsonl" } },
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/events.jsonl" } },
                    "batchSize": 500 } }
                }
                """.formatted(patchbay.distPlugins().toString().replace("\\", "\\\\")));
        return patchbay.home().resolve("out/events.jsonl");
    }

    @Test
    void aStateThatIsAFileIsRefusedAtStartWithExitTwoAndNothingIsWritten() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path output = copyPipeline(patchbay);
        Path state = Files.writeString(patchbay.home().resolve("state"), "not a folder");

        Patchbay.Result result = patchbay.run("run");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).contains("patchbay run: the state directory " + state
                + " is a file, not a folder; move it away, or set \"state.directory\" in the configuration to a "
                + "folder this user can write; no pipeline was started");
        assertThat(result.stdout()).isEmpty();
        assertThat(output).doesNotExist();
    }

    @Test
    void anUnwritableStateIsRefusedAtStartWithExitTwoBeforeAnyRecordIsRead() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path output = copyPipeline(patchbay);
        // As a clean run leaves it: the lock file is there and stays writable; only new files cannot be made.
        Path state = Files.createDirectories(patchbay.home().resolve("state"));
        Files.createFile(state.resolve(".patchbay.lock"));

        Patchbay.Result result;
        try (Unwritable unwritable = Unwritable.of(state)) {
            long started = System.nanoTime();
            result = patchbay.run("run");
            System.out.println("unwritable state refused in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                    - started) + " ms (launcher and JVM start included), by " + unwritable.how);
        }

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).contains("patchbay run: the state directory " + state
                + " is not writable: a file cannot be created in it (", "so no checkpoint could be committed",
                "no pipeline was started");
        assertThat(result.stdout()).isEmpty();
        assertThat(output).as("no record was read, so none was written").doesNotExist();
    }

    @Test
    void aCheckpointWithDataAfterItsObjectFailsItsPipelineNamingTheFileAndNothingIsWritten() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path output = copyPipeline(patchbay);
        Path checkpoint = Files.createDirectories(patchbay.home().resolve("state")).resolve("events.json");
        String content = "{\"pipeline\": \"events\", \"position\": \"offset=120;line=11\", \"sourceRecords\": 10, "
                + "\"committedAt\": \"2026-12-01T10:15:00Z\"}\n{\"pipeline\": \"events\"}";
        Files.writeString(checkpoint, content);

        Patchbay.Result result = patchbay.run("run");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.output()).as(result.toString()).contains("cannot resume from its checkpoint: "
                + "java.io.IOException: checkpoint " + checkpoint + " has data after its JSON object, from byte "
                + content.indexOf('\n') + ": '{\"pipeline\": \"events\"}'; delete it to start pipeline 'events' from "
                + "the beginning of its input");
        assertThat(Files.exists(output) ? Files.size(output) : 0).as("bytes written (the source was never created)")
                .isZero();
        assertThat(Files.readString(checkpoint)).isEqualTo(content);
    }

    /**
     * Makes a folder unwritable, root included: {@code chmod 500}, and {@code chattr +i} where that does not stop
     * this user; skips the test when neither does.
     */
    private static final class Unwritable implements AutoCloseable {

        private final Path folder;
        private final String how;

        private Unwritable(Path folder, String how) {
            this.folder = folder;
            this.how = how;
        }

        static Unwritable of(Path folder) throws IOException {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
            if (!canCreateAFileIn(folder)) {
                return new Unwritable(folder, "chmod 500");
            }
            boolean immutable = chattr("+i", folder);
            if (immutable && !canCreateAFileIn(folder)) {
                return new Unwritable(folder, "chattr +i");
            }
            if (immutable) {
                chattr("-i", folder);
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            assumeTrue(false, "cannot make " + folder + " unwritable for this user (root without chattr +i?)");
            throw new AssertionError("unreachable");
        }

        private static boolean canCreateAFileIn(Path folder) throws IOException {
            Path probe = folder.resolve(".unwritable-probe");
            try {
                Files.createFile(probe);
            } catch (FileSystemException e) {
                return false;
            }
            Files.delete(probe);
            return true;
        }

        private static boolean chattr(String change, Path folder) throws IOException {
            Process process;
            try {
                process = new ProcessBuilder("chattr", change, folder.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                return false; // no chattr here
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running chattr " + change + " " + folder, e);
            }
            return process.exitValue() == 0;
        }

        @Override
        public void close() throws IOException {
            if (how.equals("chattr +i") && !chattr("-i", folder)) {
                throw new IOException("could not run chattr -i " + folder + "; remove the attribute by hand");
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
