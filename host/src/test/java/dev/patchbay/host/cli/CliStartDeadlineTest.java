package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.patchbay.host.config.ConfigLocator;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code config check} on a home with a plugin whose start never returns: the commands' platform takes
 * {@code runtime.timeouts.createMillis} as its start deadline, so the check reports PB-PLUGIN-020 and ends.
 *
 * <p>ConfigReader does not read {@code runtime.timeouts} yet, so the configuration is read from the file and
 * its timeouts replaced before the check runs; the rest is the command's own code.
 */
class CliStartDeadlineTest {

    // The separate JVM of --start takes 4 to 5 s to start and report on a loaded two-core machine.
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path home;

    private final String release = "patchbay.test.release." + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void installPlugins() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("stuck").source("com.example.stuck.Stuck",
                Sources.stuckProcessor("com.example.stuck.Stuck", "stuck", release))
                .service(dev.patchbay.api.ProcessorFactory.class, "com.example.stuck.Stuck").buildJar(plugins);
        PluginJarBuilder.plugin("healthy").processor("com.example.healthy.Healthy", "healthy").buildJar(plugins);
    }

    @AfterEach
    void releaseAndRestoreLogging() {
        System.setProperty(release, "true");
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("patchbay-plugin-start-"))) {
            assertThat(System.nanoTime()).as("the released start thread ends").isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the released start thread", e);
            }
        }
        System.clearProperty(release);
    }

    @ParameterizedTest(name = "used by a pipeline: {0}")
    @ValueSource(booleans = {false, true})
    void configCheckReportsTheStuckPluginWithinTheDeadlineInsteadOfHanging(boolean used) throws IOException {
        String pipeline = "{'pipelines': {'demo': {'source': {'use': 'stuck/stuck'}, 'sink': {'use': 'healthy/healthy'}}}}";
        Path file = Files.createDirectories(home.resolve("config")).resolve("patchbay.json");
        // config check runs plugin code only with --start, in a separate JVM, which applies this deadline.
        String timeouts = "'runtime': {'timeouts': {'createMillis': 300}}";
        Files.writeString(file, (used ? pipeline.replaceFirst("\\{", "{" + timeouts + ", ") : "{" + timeouts + "}")
                .replace('\'', '"'));

        int exit = assertTimeoutPreemptively(BOUND, () -> new Main(Map.of("PATCHBAY_HOME", home.toString()),
                Optional.empty(), home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Main.validators()).run("config", "check", "--start"));

        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        String problem = "PB-PLUGIN-020: plugin 'stuck' 1.0.0 did not start within 300 ms";
        assertThat(stderr).as("the platform's warning, logged to standard error").contains(problem)
                .contains("`patchbay plugins disable stuck`");
        if (used) {
            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(stderr).contains("pipeline 'demo': plugin 'stuck' of \"stuck/stuck\" failed to load: " + problem);
        } else {
            assertThat(exit).as(stderr).isEqualTo(ExitCodes.OK);
            assertThat(stdout).contains("configuration OK").contains("2 plugins installed");
        }
    }

    private CommandContext context() {
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        return new CommandContext(new GlobalOptions(), new ConfigLocator(Map.of("PATCHBAY_HOME", home.toString()),
                Optional.empty(), home), new ConfigReader(), new LogSetup(), err, stdout, stderr);
    }

    private static PatchbayConfig withCreateMillis(PatchbayConfig c, long createMillis) {
        Timeouts timeouts = new Timeouts(c.timeouts().callMillis(), createMillis, c.timeouts().closeMillis());
        return new PatchbayConfig(c.file(), c.home(), c.pluginsDirectory(), c.enabled(), c.disabled(), c.allowExit(),
                c.stateDirectory(), c.logFormat(), c.logLevel(), c.shutdownGraceSeconds(), timeouts, c.pipelines(),
                c.locations());
    }
}
