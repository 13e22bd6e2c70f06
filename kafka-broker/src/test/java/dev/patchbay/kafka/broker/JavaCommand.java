package dev.patchbay.kafka.broker;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of this module in a JVM of its own, as a script or another test JVM would. */
final class JavaCommand {

    private JavaCommand() {
    }

    /** The finished command: exit code and everything it printed. */
    record Result(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    static ProcessBuilder builder(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(testClasses() + File.pathSeparator + BrokerClasspath.resolve());
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Runs to the end, killing the JVM past {@code deadline}; output goes through a file, never a full pipe. */
    static Result run(Path outputFile, Duration deadline, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Process process = builder(main, args).redirectOutput(outputFile.toFile()).start();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(main.getSimpleName() + " " + String.join(" ", args) + " did not end within "
                    + deadline.toSeconds() + " s; output:\n" + Files.readString(outputFile, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8));
    }

    private static Path testClasses() {
        try {
            return Path.of(JavaCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the test classes' location is not a path", e);
        }
    }
}
