package dev.patchbay.bench.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One whole-process run: the command runs under GNU time ({@code /usr/bin/time -v}), which reports the peak
 * resident set size; the wall time is taken around the process here.
 *
 * @param wallMillis wall time from start to exit, in milliseconds
 * @param peakRssKb peak resident set size in kilobytes, as GNU time reports it
 * @param stdout what the process printed on standard output
 * @param stderr what the process printed on standard error, minus GNU time's report
 * @param cpuMillis user plus system CPU time of the process and its children, as GNU time reports it
 */
public record ProcessRun(double wallMillis, long peakRssKb, String stdout, String stderr, double cpuMillis) {

    static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern USER = Pattern.compile("User time \\(seconds\\): ([\\d.]+)");
    private static final Pattern SYSTEM = Pattern.compile("System time \\(seconds\\): ([\\d.]+)");
    private static final Pattern EXIT = Pattern.compile("Exit status: (\\d+)");

    /** Runs the command to completion and fails, quoting its output, when it exits non-zero. */
    public static ProcessRun run(List<String> command, Map<String, String> environment, Path scratch)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(GNU_TIME)) {
            throw new IllegalStateException(GNU_TIME + " is missing; install Debian's package: apt-get install -y time");
        }
        Files.createDirectories(scratch);
        Path report = Files.createTempFile(scratch, "time-", ".txt");
        Path out = Files.createTempFile(scratch, "stdout-", ".txt");
        Path err = Files.createTempFile(scratch, "stderr-", ".txt");
        List<String> full = new ArrayList<>(List.of(GNU_TIME.toString(), "-v", "-o", report.toString()));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        int exit = process.waitFor();
        double wall = (System.nanoTime() - started) / 1e6;
        String timeReport = Files.readString(report, StandardCharsets.UTF_8);
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(report);
        Files.delete(out);
        Files.delete(err);
        if (exit != 0) {
            Matcher status = EXIT.matcher(timeReport);
            throw new IllegalStateException("command " + command + " exited with "
                    + (status.find() ? status.group(1) : String.valueOf(exit)) + "\nstdout:\n" + tail(stdout)
                    + "\nstderr:\n" + tail(stderr) + "\n" + tail(timeReport));
        }
        Matcher rss = MAX_RSS.matcher(timeReport);
        if (!rss.find()) {
            throw new IllegalStateException("GNU time printed no maximum resident set size:\n" + timeReport);
        }
        return new ProcessRun(wall, Long.parseLong(rss.group(1)), stdout, stderr,
                (seconds(USER, timeReport) + seconds(SYSTEM, timeReport)) * 1000);
    }

    private static double seconds(Pattern pattern, String timeReport) {
        Matcher m = pattern.matcher(timeReport);
        if (!m.find()) {
            throw new IllegalStateException("GNU time printed no '" + pattern.pattern() + "':\n" + timeReport);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
