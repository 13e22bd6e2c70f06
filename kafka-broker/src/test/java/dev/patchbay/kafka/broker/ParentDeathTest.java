package dev.patchbay.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker never outlives the JVM that started it, even one killed with SIGKILL (no shutdown hook runs). */
class ParentDeathTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    private Process parent;
    private Optional<ProcessHandle> child = Optional.empty();

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        child.ifPresent(ProcessHandle::destroyForcibly);
        if (parent != null) {
            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theBrokerEndsWhenItsParentIsKilled() throws Exception {
        ProcessHandle broker = startParent("wait");

        parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        broker.onExit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(broker.isAlive()).isFalse();
    }

    @Test
    void aParentThatExitsNormallyStopsTheBrokerBeforeItEnds() throws Exception {
        ProcessHandle broker = startParent("exit");

        assertThat(parent.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // The parent's shutdown hook waited for the broker to end; its input watch alone would leave it running a
        // moment longer, shutting down.
        assertThat(broker.isAlive()).isFalse();
    }

    private ProcessHandle startParent(String mode) throws Exception {
        parent = JavaCommand.builder(StartsABroker.class, temp.resolve("broker").toString(), mode).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> firstLineStartingWith(output, "child="))
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        child = ProcessHandle.of(Long.parseLong(line.substring("child=".length())));
        assertThat(child).as("the broker JVM " + line).isPresent();
        return child.get();
    }

    private static String firstLineStartingWith(BufferedReader output, String prefix) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("the parent JVM ended without printing " + prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
