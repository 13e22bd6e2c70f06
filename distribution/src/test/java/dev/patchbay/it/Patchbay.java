package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Drives the real launcher, {@code dist/bin/patchbay}, on a temporary Patchbay home: writes the config,
 * starts the process with {@code PATCHBAY_HOME} pointing at the home, and collects exit code and output.
 */
final class Patchbay {

    private final Path dist;
    private final Path home;
    private int runs;

    Patchbay(Path home) throws IOException {
        this.dist = dist();
        this.home = home.toAbsolutePath();
        Files.createDirectories(this.home.resolve("config"));
        Files.createDirectories(this.home.resolve("data"));
    }

    /** The laid-out distribution; the build creates it in the package phase, before these tests run. */
    static Path dist() {
        Path dist = Path.of(System.getProperty("patchbay.dist", "../dist")).toAbsolutePath().normalize();
        assertThat(dist.resolve("bin/patchbay"))
                .as("the distribution must be built before the integration tests: mvn -q -DskipTests package")
                .isExecutable();
        return dist;
    }

    Path home() {
        return home;
    }

    /** The distribution's plugins folder, with the first-party plugins. */
    Path distPlugins() {
        return dist.resolve("plugins");
    }

    /** Copies the distribution's plugins into the home's own plugins folder, for tests that add bad ones. */
    Path copyPlugins() throws IOException {
        Path target = Files.createDirectories(home.resolve("plugins"));
        try (Stream<Path> files = Files.list(distPlugins())) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        return target;
    }

    void config(String json) throws IOException {
        Files.writeString(home.resolve("config/patchbay.json"), json);
    }

    /** A started launcher process whose output goes to files in the home (never blocks on a full pipe). */
    Started start(String... args) throws IOException {
        return start(false, args);
    }

    /**
     * Starts the launcher.
     *
     * @param pipeStdout when true, standard output is a pipe the test must read (for backpressure tests)
     */
    Started start(boolean pipeStdout, String... args) throws IOException {
        return start(pipeStdout, Map.of(), args);
    }

    /** Starts the launcher with {@code environment} added to the test's own, such as PATCHBAY_ADMIN_PORT. */
    Started start(Map<String, String> environment, String... args) throws IOException {
        return start(false, environment, args);
    }

    private Started start(boolean pipeStdout, Map<String, String> environment, String... args) throws IOException {
        int run = ++runs;
        List<String> command = new ArrayList<>();
        command.add(dist.resolve("bin/patchbay").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.put("PATCHBAY_HOME", home.toString());
        env.remove("PATCHBAY_CONFIG");
        env.putAll(environment);
        Path out = home.resolve("run-" + run + ".out");
        Path err = home.resolve("run-" + run + ".err");
        if (!pipeStdout) {
            builder.redirectOutput(out.toFile());
        }
        builder.redirectError(err.toFile());
        return new Started(LeftRunning.track(builder.start()), out, err);
    }

    /** Runs the launcher to its end. */
    Result run(String... args) throws IOException, InterruptedException {
        return start(args).await(120);
    }

    /** A running launcher. */
    static final class Started {
        final Process process;
        private final Path out;
        private final Path err;

        Started(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /** The JVM running Patchbay: the launcher itself if it execs java, else its java child. */
        ProcessHandle jvm() {
            return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                    .findFirst().orElse(process.toHandle());
        }

        /**
         * Polls until {@code file} holds at least {@code bytes}, failing after {@code seconds}.
         *
         * @return true when it does, false when the run ended first
         */
        boolean awaitSize(Path file, long bytes, long seconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!Files.exists(file) || Files.size(file) < bytes) {
                if (!process.isAlive()) {
                    return false;
                }
                assertThat(System.nanoTime()).as("waiting for %s to reach %d bytes", file, bytes).isLessThan(deadline);
                Thread.sleep(5);
            }
            return true;
        }

        /** Kills the launcher and its JVM if they still run, so that a failed test leaves no Patchbay behind. */
        void killIfAlive() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        /** Sends SIGTERM to the JVM (Process.destroy sends SIGTERM on POSIX systems). */
        void sigterm() {
            jvm().destroy();
        }

        Result await(long seconds) throws IOException, InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("patchbay did not end within " + seconds + " s; stderr:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            String stdout = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            return new Result(process.exitValue(), stdout, Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    /** What a finished run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {

        String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
