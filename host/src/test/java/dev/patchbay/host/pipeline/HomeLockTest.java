package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

@SuppressWarnings("try") // locks held in try-with-resources only for their close()
class HomeLockTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:00Z"), ZoneOffset.UTC);
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path home;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(HomeLock.class);
    private final List<Process> holders = new ArrayList<>();

    private Path state() {
        return home.resolve("state");
    }

    private HomeLock.Holder me() {
        return HomeLock.Holder.current(CLOCK, "patchbay run --pipeline people");
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stopHolders() throws InterruptedException {
        logger.detachAppender(logs);
        logger.setLevel(null);
        for (Process holder : holders) {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private List<String> infoLines() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Starts a JVM holding the lock on the state directory and waits, with a deadline, until it holds it. */
    private Process holdInAnotherProcess(String... mode) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), HomeLockHolderMain.class.getName(),
                state().toString()));
        command.addAll(List.of(mode));
        Process process = new ProcessBuilder(command).redirectError(home.resolve("holder.err").toFile()).start();
        holders.add(process);
        // readLine blocks until the holder prints LOCKED or ends; a holder that never gets there is killed by
        // the deadline below.
        Thread deadline = new Thread(() -> {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "home-lock-test-deadline");
        deadline.setDaemon(true);
        deadline.start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as("the holder must report LOCKED; its stderr:\n%s",
                Files.exists(home.resolve("holder.err")) ? Files.readString(home.resolve("holder.err")) : "")
                .isEqualTo("LOCKED");
        return process;
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return gone.pid();
    }

    private void writeLockFile(String content) throws IOException {
        Files.createDirectories(state());
        Files.writeString(state().resolve(HomeLock.FILE_NAME), content);
    }

    @Test
    void acquiringWritesTheHoldersPidStartTimeAndCommandIntoTheLockFile() throws IOException, HomeLock.HeldException {
        try (HomeLock lock = HomeLock.acquire(state(), me())) {
            assertThat(lock.file()).isEqualTo(state().resolve(".patchbay.lock"));
            JsonNode content = new ObjectMapper().readTree(Files.readString(lock.file()));
            assertThat(content.get("pid").asLong()).isEqualTo(PID);
            assertThat(content.get("startedAt").asText()).isEqualTo("2026-12-01T10:15:00Z");
            assertThat(content.get("command").asText()).isEqualTo("patchbay run --pipeline people");
        }
        assertThat(infoLines()).isEmpty();
    }

    @Test
    void closingReleasesTheLockAndEmptiesTheFileSoTheNextRunTakesItQuietly()
            throws IOException, HomeLock.HeldException {
        HomeLock.acquire(state(), me()).close();

        assertThat(Files.size(state().resolve(HomeLock.FILE_NAME))).isZero();
        try (HomeLock again = HomeLock.acquire(state(), me())) {
            assertThat(again.file()).exists();
        }
        assertThat(infoLines()).as("a released lock is not stale").isEmpty();
    }

    @Test
    void aSecondAcquireInTheSameJvmIsRefusedAndDoesNotBreakTheFirst() throws Exception {
        try (HomeLock first = HomeLock.acquire(state(), me())) {
            assertThatThrownBy(() -> HomeLock.acquire(state(), me())).isInstanceOf(HomeLock.HeldException.class)
                    .hasMessage("another run in this process (pid " + PID + ", running since 2026-12-01T10:15:00Z, "
                            + "\"patchbay run --pipeline people\") holds the lock on " + state()
                            + "; stop it first, or use another home");
            // On Linux, closing any channel on the file would drop this JVM's lock on it: another process
            // must still be refused.
            assertThat(lockableByAnotherProcess()).as("the first lock must survive the refused second acquire")
                    .isFalse();
        }
    }

    /** Whether another JVM can take the lock right now (it gives it up at once). */
    private boolean lockableByAnotherProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockProbeMain.class.getName(), state().resolve(HomeLock.FILE_NAME).toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isIn("free", "held");
        return output.equals("free");
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedNamingItsPidStartTimeAndCommand() throws Exception {
        Process holder = holdInAnotherProcess("lock");

        assertThatThrownBy(() -> HomeLock.acquire(state(), me())).isInstanceOf(HomeLock.HeldException.class)
                .hasMessageStartingWith("another Patchbay process (pid " + holder.pid() + ", running since ")
                .hasMessageEndingWith(", \"patchbay run\") holds the lock on " + state()
                        + "; stop it first, or use another home");
        assertThat(Files.readString(state().resolve(HomeLock.FILE_NAME))).as("the holder's file is untouched")
                .contains("\"pid\":" + holder.pid());

        holder.getOutputStream().close();
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (HomeLock lock = HomeLock.acquire(state(), me())) {
            assertThat(infoLines()).as("the holder released it").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty                  | ''                                         | it is empty",
        "not JSON               | 'garbage'                                  | it is not a Patchbay lock file",
        "no pid                 | '{\"startedAt\": \"2026-12-01T10:15:00Z\"}' | it has no positive whole \"pid\""})
    void aHeldLockWhoseFileCannotBeReadIsStillRefusedNamingTheFile(String name, String content, String why)
            throws Exception {
        holdInAnotherProcess("raw", content);
        Path file = state().resolve(HomeLock.FILE_NAME);

        assertThatThrownBy(() -> HomeLock.acquire(state(), me())).isInstanceOf(HomeLock.HeldException.class)
                .hasMessageStartingWith("another process holds the lock on " + state() + ", but its lock file "
                        + file + " does not say which: " + why)
                .hasMessageEndingWith("; find it with `fuser -v " + file + "`, stop it first, or use another home");
    }

    @Test
    void aStaleLockOfAProcessThatIsGoneIsTakenOverAndLoggedAtInfo() throws Exception {
        long dead = deadPid();
        writeLockFile("{\"pid\":" + dead + ",\"startedAt\":\"2026-11-30T08:00:00Z\",\"command\":\"patchbay run\"}");

        try (HomeLock lock = HomeLock.acquire(state(), me())) {
            assertThat(Files.readString(lock.file())).contains("\"pid\":" + PID);
        }

        assertThat(infoLines()).containsExactly("took over a stale lock of pid " + dead
                + " from 2026-11-30T08:00:00Z (\"patchbay run\") in " + state().resolve(HomeLock.FILE_NAME)
                + ": that process is gone (killed or crashed); its pipelines resume from their last checkpoints");
    }

    @Test
    void aStaleLockWhosePidWasReusedByALiveProcessIsTakenOver() throws Exception {
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        writeLockFile("{\"pid\":" + alive + ",\"startedAt\":\"2026-11-30T08:00:00Z\",\"command\":\"patchbay run\"}");

        HomeLock.acquire(state(), me()).close();

        assertThat(infoLines()).singleElement().asString().startsWith("took over a stale lock of pid " + alive
                + " from 2026-11-30T08:00:00Z (\"patchbay run\") in " + state().resolve(HomeLock.FILE_NAME)
                + ": pid " + alive + " is running but does not hold the lock");
    }

    @Test
    void aStaleLockFileThatCannotBeReadIsTakenOverSayingSo() throws Exception {
        writeLockFile("half a lock file");

        HomeLock.acquire(state(), me()).close();

        assertThat(infoLines()).singleElement().asString().startsWith("took over a stale lock in "
                + state().resolve(HomeLock.FILE_NAME) + " that no process held; its content could not be read ("
                + "it is not a Patchbay lock file");
    }

    @Test
    void aStateDirectoryThatCannotBeCreatedIsAnIoErrorNamingIt() throws IOException {
        Path notAFolder = Files.writeString(home.resolve("state"), "a file");

        assertThatThrownBy(() -> HomeLock.acquire(notAFolder, me())).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot create the state directory " + notAFolder)
                .hasMessageContaining("\"state.directory\"");
    }

    @Test
    void aLockFileThatIsAFolderIsAnIoErrorNamingIt() throws IOException {
        Path folder = Files.createDirectories(state().resolve(HomeLock.FILE_NAME));

        assertThatThrownBy(() -> HomeLock.acquire(state(), me())).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot open the lock file " + folder)
                .hasMessageContaining("regular file");
    }

    @Test
    void aLockHeldThroughAnotherChannelOfThisJvmIsRefused() throws Exception {
        Files.createDirectories(state());
        try (FileChannel channel = FileChannel.open(state().resolve(HomeLock.FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            assertThatThrownBy(() -> HomeLock.acquire(state(), me())).isInstanceOf(HomeLock.HeldException.class)
                    .hasMessageContaining("this process (pid " + PID + ") already holds the lock on " + state());
        }
    }
}
