package dev.patchbay.bench.firstrecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One timed {@code patchbay run}: from just before the process is started to the first complete line in the
 * pipeline's output, and to the process's exit.
 *
 * @param firstRecordMillis from process start to the first complete line at the sink
 * @param exitMillis from process start to exit
 */
public record FirstRecordRun(double firstRecordMillis, double exitMillis) {

    /** How long one run may take before the benchmark gives up on it. */
    private static final long DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(5);

    /**
     * Runs the launcher on the home and watches the output file. Fails, quoting the process's output, when it exits
     * non-zero, exits before writing a line, or passes the deadline.
     */
    public static FirstRecordRun of(Path launcher, Path dist, FirstRecordHome home)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(home.state().getParent(), "run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "run").redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("PATCHBAY_HOME", dist.toString());
        builder.environment().put("PATCHBAY_CONFIG", home.config().toString());
        long started = System.nanoTime();
        Process process = builder.start();
        long deadline = started + DEADLINE_NANOS;
        long firstLine = -1;
        while (firstLine < 0) {
            if (hasCompleteLine(home.output())) {
                firstLine = System.nanoTime();
            } else if (!process.isAlive()) {
                break;
            } else if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("patchbay run wrote no line to " + home.output() + " within 5 "
                        + "minutes:\n" + Files.readString(log, StandardCharsets.UTF_8));
            } else {
                // Polling the file: a benchmark's sampling interval, 1 ms against runs of hundreds of ms.
                Thread.sleep(1);
            }
        }
        if (!process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("patchbay run did not exit within 5 minutes");
        }
        long exited = System.nanoTime();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("patchbay run exited with " + process.exitValue() + ":\n" + output);
        }
        if (firstLine < 0) {
            if (!hasCompleteLine(home.output())) {
                throw new IllegalStateException("patchbay run exited without writing a line to " + home.output()
                        + ":\n" + output);
            }
            // Written and exited between two polls: the exit bounds the first line.
            firstLine = exited;
        }
        return new FirstRecordRun((firstLine - started) / 1e6, (exited - started) / 1e6);
    }

    private static boolean hasCompleteLine(Path file) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == '\n') {
                    return true;
                }
            }
            return false;
        } catch (java.nio.file.NoSuchFileException notYet) {
            return false;
        }
    }
}
