package dev.patchbay.bench.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Patchbay hosts started together on one pipeline configuration each ({@code bin/patchbay run}), timed from just
 * before the first start until their outputs together hold the expected number of lines, then stopped with SIGTERM
 * (a graceful stop: the sources stop, the sinks flush, the offsets are committed). A host that exits on its own, or
 * a run past its deadline, fails the run with the host's log; every host is stopped whatever happens.
 */
final class HostGroup {

    /** How often the outputs are looked at; the counting reads only the bytes added since the last look. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long STOP_SECONDS = 60;

    private final Path launcher;
    private final Map<String, String> environment;
    private final boolean jfr;

    /**
     * @param launcher the distribution's {@code bin/patchbay}
     * @param environment extra environment for every host
     * @param jfr whether each host records a JFR profile ({@code settings=profile}) into {@code <home>/host.jfr}
     */
    HostGroup(Path launcher, Map<String, String> environment, boolean jfr) {
        this.launcher = launcher;
        this.environment = Map.copyOf(environment);
        this.jfr = jfr;
    }

    /**
     * The result of one timed run.
     *
     * @param millis from just before the first host started until the outputs held the expected lines
     * @param firstLineMillis from the same start until the first output line appeared
     * @param linesAtStop the lines in all outputs once every host had stopped (more than expected: duplicates)
     * @param peakRssKb the largest peak resident set size of a host, read from /proc before the stop
     * @param cpuMillis the CPU time of all hosts together, from their start until the outputs were complete
     * @param stopProblems empty when every host exited 0 after SIGTERM, else which did not and why
     */
    record Result(double millis, double firstLineMillis, long linesAtStop, long peakRssKb, double cpuMillis,
            String stopProblems) {
    }

    /** Runs the homes' hosts until their outputs hold {@code expected} lines or {@code deadlineSeconds} pass. */
    Result run(List<KafkaHome> homes, long expected, long deadlineSeconds) throws IOException, InterruptedException {
        List<Process> hosts = new ArrayList<>();
        List<LineCounter> counters = homes.stream().map(h -> new LineCounter(h.output())).toList();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        try {
            for (KafkaHome home : homes) {
                hosts.add(start(home));
            }
            long firstLine = -1;
            long lines = 0;
            while (lines < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the hosts' outputs held " + lines + " of " + expected
                            + " lines after " + deadlineSeconds + " s; see the hosts' logs:\n" + logs(homes));
                }
                for (int i = 0; i < hosts.size(); i++) {
                    if (!hosts.get(i).isAlive()) {
                        throw new IllegalStateException("host " + homes.get(i).base() + " exited with "
                                + hosts.get(i).exitValue() + " before the outputs held " + expected + " lines ("
                                + lines + "):\n" + logs(homes));
                    }
                }
                LockSupport.parkNanos(POLL_NANOS);
                lines = 0;
                for (LineCounter counter : counters) {
                    lines += counter.lines();
                }
                if (firstLine < 0 && lines > 0) {
                    firstLine = System.nanoTime();
                }
            }
            long done = System.nanoTime();
            long rss = 0;
            double cpu = 0;
            for (int i = 0; i < hosts.size(); i++) {
                Process host = hosts.get(i);
                rss = Math.max(rss, peakRssKb(host.pid()));
                double hostCpu = host.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                        "the OS reports no CPU time for host pid " + host.pid())).toNanos() / 1e6;
                cpu += hostCpu;
                writeThreads(homes.get(i), host.pid(), hostCpu);
            }
            String stopped = stop(hosts, homes);
            long atStop = 0;
            for (LineCounter counter : counters) {
                atStop += counter.lines();
            }
            return new Result((done - started) / 1e6, (firstLine - started) / 1e6, atStop, rss, cpu, stopped);
        } finally {
            for (Process host : hosts) {
                if (host.isAlive()) {
                    host.destroyForcibly();
                }
            }
        }
    }

    private Process start(KafkaHome home) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "run")
                .redirectOutput(home.base().resolve("run.out").toFile())
                .redirectError(home.base().resolve("run.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PATCHBAY_CONFIG", home.config().toString());
        if (jfr) {
            builder.environment().put("JAVA_OPTS", "-XX:StartFlightRecording=settings=profile,filename="
                    + home.base().resolve("host.jfr"));
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + launcher + " for the home " + home.base() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * SIGTERM to every host, then waits for each; one that outlives the grace is killed. A host that does not stop
     * cleanly does not fail the measurement (its output was complete already), but the returned note says which
     * host exited how and the last cause its log names, and the report prints it.
     */
    private static String stop(List<Process> hosts, List<KafkaHome> homes) throws InterruptedException,
            IOException {
        for (Process host : hosts) {
            host.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            Process host = hosts.get(i);
            String name = homes.get(i).base().getFileName().toString();
            long left = Math.max(0, deadline - System.nanoTime());
            if (!host.waitFor(left, TimeUnit.NANOSECONDS)) {
                host.destroyForcibly();
                problems.add(name + " did not stop within " + STOP_SECONDS + " s of SIGTERM and was killed");
            } else if (host.exitValue() != 0) {
                problems.add(name + " exited " + host.exitValue() + " after SIGTERM (" + lastCause(homes.get(i))
                        + ")");
            }
        }
        return String.join("; ", problems);
    }

    /** The innermost cause the host's log names, the line that says why a stop failed. */
    private static String lastCause(KafkaHome home) throws IOException {
        Path log = home.base().resolve("run.log");
        if (!Files.exists(log)) {
            return "no log";
        }
        String cause = "no 'Caused by' in " + log;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause;
    }

    /** The host's CPU by thread when its output was complete, into {@code <home>/threads.txt} (the last run's). */
    private static void writeThreads(KafkaHome home, long pid, double totalMillis) throws IOException {
        Path file = home.base().resolve("threads.txt");
        String text = String.format(java.util.Locale.ROOT, "process CPU %.0f ms when the outputs were complete;"
                + " by thread:%n", totalMillis) + ThreadCpu.format(ThreadCpu.of(pid), totalMillis);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** VmHWM of a running process, in kB; 0 if /proc does not say. */
    private static long peakRssKb(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new IOException("cannot read the peak resident set size from " + status + ": " + e.getMessage(), e);
        }
    }

    private static String logs(List<KafkaHome> homes) throws IOException {
        StringBuilder text = new StringBuilder();
        for (KafkaHome home : homes) {
            Path log = home.base().resolve("run.log");
            String content = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
            text.append("--- ").append(log).append('\n')
                    .append(content.length() <= 3000 ? content : "..." + content.substring(content.length() - 3000))
                    .append('\n');
        }
        return text.toString();
    }
}
