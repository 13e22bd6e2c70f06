package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.cli.RunCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real signal path: a separate JVM running {@code run}, stopped with SIGTERM. */
class RunCommandProcessTest {

    @TempDir
    Path home;

    private Process start(String... extra) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String[] command = new String[4 + extra.length];
        command[0] = java.toString();
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = SignalledRunMain.class.getName();
        System.arraycopy(extra, 0, command, 4, extra.length);
        return new ProcessBuilder(command).redirectOutput(home.resolve("stdout.txt").toFile()).start();
    }

    private static String awaitReady(Process process) throws IOException {
        StringBuilder seen = new StringBuilder();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.equals("READY")) {
                return seen.toString();
            }
        }
        throw new AssertionError("the run ended before it was ready:\n" + seen);
    }

    private static String drain(Process process) throws IOException {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void sigtermStopsAContinuousRunGracefullyAndTheProcessExitsZero() throws Exception {
        Process process = start(home.toString());
        awaitReady(process);

        process.toHandle().destroy();
        String err = drain(process);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err).contains("received SIGTERM, stopping gracefully");
        assertThat(Files.readString(home.resolve("stdout.txt"))).contains("follow", "STOPPED");
        assertThat(Files.readString(home.resolve("state/follow.json"))).contains("\"position\" : \"25\"");
    }

    @Test
    void aSignalAfterTheRunEndedIsAcknowledgedAndTheExitCodeStaysTheOneReported() throws Exception {
        Process process = start(home.toString(), "until-exit");
        awaitReady(process);
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();

        process.toHandle().destroy();
        String line;
        while ((line = err.readLine()) != null && !line.equals("ENDED 0")) {
            seen.append(line).append('\n');
        }
        assertThat(line).as("the run ended with 0; stderr:%n%s", seen).isEqualTo("ENDED 0");
        process.toHandle().destroy();
        while ((line = err.readLine()) != null && !line.contains("after the run ended")) {
            seen.append(line).append('\n');
        }
        assertThat(line).as("the second signal was acknowledged; stderr:%n%s", seen)
                .isEqualTo("patchbay: received SIGTERM after the run ended; it exits with code 0 as reported");
        process.getOutputStream().close();
        seen.append(drain(process));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(seen.toString()).isZero();
    }

    @Test
    void aSecondSigtermForcesTheExitAndReportsWhatIsUncommitted() throws Exception {
        Process process = start(home.toString(), "stuck");
        awaitReady(process);

        process.toHandle().destroy();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = err.readLine()) != null && !line.contains("stopping gracefully")) {
            seen.append(line).append('\n');
        }
        process.toHandle().destroy();
        seen.append(drain(process));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(seen.toString()).isEqualTo(1);
        assertThat(seen.toString()).contains("received SIGTERM again, forcing the exit",
                "left uncommitted: pipeline 'follow' ABORTED: last committed position none");
        assertThat(Files.readString(home.resolve("stdout.txt"))).contains("forced stop: a second signal (SIGTERM)");
    }
}
