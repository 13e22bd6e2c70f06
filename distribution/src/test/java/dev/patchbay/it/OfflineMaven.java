package dev.patchbay.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Maven the way a plugin author outside this repository would, offline, against the author artifacts
 * of {@code dist/sdk} and nothing else of this build.
 *
 * <p>Each instance has a local repository of its own, empty at the start, so no Patchbay artifact installed
 * earlier on this machine can stand in for the one under test. Two file repositories feed it: first
 * {@code dist/sdk} (the Patchbay artifacts), then, as a mirror of Maven Central, the local repository of
 * the build running this test, which already holds the Maven plugins a plugin project uses. Maven runs
 * with {@code -o}; {@code aether.offline.protocols=file} lets the offline resolver read those two folders,
 * so nothing can come from the network.
 */
final class OfflineMaven {

    private static final Pattern SUMMARY =
            Pattern.compile("(?m)^\\[INFO\\] Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)$");
    private static final long DEADLINE_SECONDS = 600;

    private final Path settings;
    private final Path localRepository;

    OfflineMaven(Path work, Path sdk) throws IOException {
        this.localRepository = Files.createDirectories(work.resolve("repository"));
        Path cache = Path.of(System.getProperty("patchbay.maven.repo",
                System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath();
        this.settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>build-cache</id><mirrorOf>central</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>patchbay-sdk</id>
                      <repositories>
                        <repository><id>patchbay-sdk</id><url>%s</url></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>patchbay-sdk</id><url>%s</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>patchbay-sdk</activeProfile></activeProfiles>
                </settings>
                """.formatted(localRepository, cache.toUri(), sdk.toUri(), sdk.toUri()), StandardCharsets.UTF_8);
    }

    Path localRepository() {
        return localRepository;
    }

    /** Runs Maven in {@code directory} to its end, within a deadline; fails the test on a non-zero exit. */
    Result run(Path directory, String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable().toString(), "-B", "-o", "-s", settings.toString(),
                "-Daether.offline.protocols=file"));
        command.addAll(List.of(goals));
        Path log = Files.createTempFile(directory.getParent(), "maven-", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long started = System.nanoTime();
        if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " in " + directory + " did not end within "
                    + DEADLINE_SECONDS + " s; log " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("offline mvn " + String.join(" ", goals) + " in " + directory.getFileName() + ": exit "
                + process.exitValue() + " in " + millis + " ms");
        if (process.exitValue() != 0) {
            throw new AssertionError("mvn " + String.join(" ", goals) + " failed in " + directory + " (exit "
                    + process.exitValue() + "):\n" + output);
        }
        return new Result(output);
    }

    private static Path executable() {
        String home = System.getProperty("patchbay.maven.home", System.getProperty("maven.home"));
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn");
        }
        return Path.of("mvn");
    }

    /** What a Maven run printed. */
    record Result(String output) {

        /** The test counts of every Surefire and Failsafe summary, in the order they ran. */
        List<Integer> testsRun() {
            List<Integer> counts = new ArrayList<>();
            Matcher matcher = SUMMARY.matcher(output);
            while (matcher.find()) {
                counts.add(Integer.parseInt(matcher.group(1)));
            }
            return counts;
        }
    }
}
