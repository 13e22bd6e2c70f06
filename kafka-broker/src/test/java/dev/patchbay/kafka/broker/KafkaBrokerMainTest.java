package dev.patchbay.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaBrokerMainTest {

    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Optional<ProcessHandle> detached = Optional.empty();

    @AfterEach
    void killWhatIsLeft() {
        detached.ifPresent(ProcessHandle::destroyForcibly);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "start", "restart DIR", "start DIR extra"})
    void badArgumentsPrintTheUsageAndExitWithTwo(String arguments) {
        String[] args = arguments.isEmpty() ? new String[0] : arguments.split(" ");

        assertThat(run(args)).isEqualTo(KafkaBrokerMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("expected start or stop and a directory")
                .contains("usage: KafkaBrokerMain start|stop DIR");
    }

    @Test
    void stopWhereNothingRunsSaysSoAndSucceeds() {
        assertThat(run("stop", temp.resolve("empty").toString())).isEqualTo(KafkaBrokerMain.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no Kafka broker was running in").contains("nothing to stop");
    }

    @Test
    void aFailedStartExitsWithOneAndSaysWhy() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThat(run("start", file.toString())).isEqualTo(KafkaBrokerMain.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("kafka-broker: start failed:").contains("is a file");
    }

    @Test
    void startDetachesABrokerThatOutlivesTheLauncherAndStopEndsIt() throws Exception {
        Path directory = temp.resolve("detached");

        JavaCommand.Result started = JavaCommand.run(temp.resolve("start.out"), DEADLINE, KafkaBrokerMain.class,
                "start", directory.toString());
        long pid = Long.parseLong(Files.readString(directory.resolve("broker.pid")).strip());
        detached = ProcessHandle.of(pid);

        assertThat(started.exitCode()).as(started.output()).isZero();
        String bootstrap = started.lines().get(started.lines().size() - 1);
        assertThat(bootstrap).matches("bootstrap=127\\.0\\.0\\.1:\\d+");
        assertThat(detached.filter(ProcessHandle::isAlive)).as("the broker after its launcher exited").isPresent();
        try (Admin admin = Clients.admin(bootstrap.substring("bootstrap=".length()))) {
            assertThat(admin.describeCluster().nodes().get(60, TimeUnit.SECONDS)).hasSize(1);
        }

        JavaCommand.Result again = JavaCommand.run(temp.resolve("again.out"), DEADLINE, KafkaBrokerMain.class,
                "start", directory.toString());
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("already running").contains("pid " + pid);
        assertThat(again.lines().get(again.lines().size() - 1)).isEqualTo(bootstrap);

        JavaCommand.Result stopped = JavaCommand.run(temp.resolve("stop.out"), DEADLINE, KafkaBrokerMain.class,
                "stop", directory.toString());
        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        assertThat(stopped.output()).contains("stopped the Kafka broker in " + directory + " (pid " + pid + ")");
        assertThat(detached.get().isAlive()).isFalse();
        assertThat(directory.resolve("broker.pid")).doesNotExist();
    }

    @Test
    void aStalePidFileIsNotTakenForARunningBroker() throws Exception {
        Path directory = temp.resolve("stale");
        Files.createDirectories(directory);
        // This test JVM is alive but is not a broker of that directory, as a reused pid would not be.
        Files.writeString(directory.resolve("broker.pid"), ProcessHandle.current().pid() + "\n");

        assertThat(run("stop", directory.toString())).isEqualTo(KafkaBrokerMain.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing to stop");
        assertThat(directory.resolve("broker.pid")).doesNotExist();
    }

    private int run(String... args) {
        return KafkaBrokerMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
