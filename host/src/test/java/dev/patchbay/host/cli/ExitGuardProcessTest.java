package dev.patchbay.host.cli;

import dev.patchbay.api.ApiVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.config.ConfigLocator;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real exit path in a separate JVM: {@code patchbay plugins info hooky} starts a plugin whose factory
 * registers a shutdown hook that never ends. Without the exit guard that JVM would never exit; with it, the
 * JVM halts by itself once the grace ({@code runtime.shutdownGraceSeconds}) has passed, with the command's own
 * exit code, and standard error names the plugin and its hook thread.
 */
class ExitGuardProcessTest {

    private static final long GRACE_SECONDS = 2;
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private static final String HOOK_FACTORY = """
            public Hook() {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    while (true) {
                        LockSupport.park();
                    }
                }, "hooky-flush"));
            }
            """;

    @TempDir
    Path home;

    /**
     * One run.
     *
     * @param addOpens whether the JVM may read the JDK's hook list (the launcher passes the option)
     * @param failingFactory whether the plugin also has a factory that fails, so {@code run} exits 2
     */
    record Case(String label, boolean addOpens, boolean failingFactory, int exitCode, List<String> stderr) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("hooks listed, command succeeded", true, false, ExitCodes.OK, List.of(
                        "plugin 'hooky' registered shutdown hook 'hooky-flush'; it runs at exit and is given at most "
                                + GRACE_SECONDS + " s",
                        "shutdown hook 'hooky-flush' of plugin 'hooky' at com.example.hooky.Hook.lambda$",
                        "halting with exit code 0")),
                new Case("hooks listed, command found problems", true, true, ExitCodes.USAGE, List.of(
                        "plugin 'hooky' registered shutdown hook 'hooky-flush'",
                        "shutdown hook 'hooky-flush' of plugin 'hooky'",
                        "halting with exit code 2")),
                new Case("hooks cannot be listed", false, false, ExitCodes.OK, List.of(
                        "thread 'hooky-flush' of plugin 'hooky' at com.example.hooky.Hook.lambda$",
                        "--add-opens java.base/java.lang=ALL-UNNAMED",
                        "halting with exit code 0")));
    }

    @Test
    void withoutHooksTheJvmExitsAtOnceAndTheGuardWritesNothing() throws Exception {
        // No --add-opens: the hooks cannot be listed, which must stay a DEBUG line that the default level hides.
        Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--version").redirectError(home.resolve("stderr.txt").toFile())
                .redirectOutput(home.resolve("stdout.txt").toFile()).start();

        assertThat(process.waitFor(ConfigReader.DEFAULT_SHUTDOWN_GRACE_SECONDS - 5, TimeUnit.SECONDS))
                .as("exited before the default grace").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(home.resolve("stderr.txt"))).isEmpty();
        assertThat(Files.readAllLines(home.resolve("stdout.txt"))).hasSize(2).last().isEqualTo("plugin api " + ApiVersion.current());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aShutdownHookThatNeverEndsIsCutOffAfterTheGraceWithTheCommandsExitCode(Case c) throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder plugin = PluginJarBuilder.plugin("hooky")
                .source("com.example.hooky.Hook", Sources.processor("com.example.hooky.Hook", "hook", HOOK_FACTORY,
                        "import java.util.concurrent.locks.LockSupport;"))
                .service(ProcessorFactory.class, "com.example.hooky.Hook");
        if (c.failingFactory()) {
            plugin.source("com.example.hooky.Broken", Sources.processor("com.example.hooky.Broken", "broken",
                    "public Broken() { throw new IllegalStateException(\"broken on purpose\"); }"))
                    .service(ProcessorFactory.class, "com.example.hooky.Broken");
        }
        plugin.buildJar(plugins);
        Files.createDirectories(home.resolve("config"));
        // The commands that inspect plugins no longer start them in process; `plugins list --start` and `run` do.
        // With the failing factory, `run` starts the plugins, finds the pipeline unrunnable and exits 2.
        Files.writeString(home.resolve("config/patchbay.json"),
                "{ \"runtime\": { \"shutdownGraceSeconds\": " + GRACE_SECONDS + " }"
                        + (c.failingFactory() ? ", \"pipelines\": {\"demo\": {\"source\": {\"use\": \"hooky/broken\"}, "
                                + "\"sink\": {\"use\": \"hooky/hook\"}}}" : "") + " }");

        List<String> command = new ArrayList<>();
        command.add(java());
        if (c.addOpens()) {
            command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        }
        command.addAll(List.of("-D" + ConfigLocator.HOME_PROPERTY + "=" + home, "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(c.failingFactory() ? List.of("run") : List.of("plugins", "list", "--start"));
        Path err = home.resolve("stderr.txt");
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(home.resolve("stdout.txt").toFile())
                .redirectError(err.toFile()).start();
        boolean ended = process.waitFor(GRACE_SECONDS + MARGIN.toSeconds(), TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        if (!ended) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        String stderr = Files.readString(err);
        assertThat(ended).as("the JVM exited by itself within the grace and a margin; stderr:%n%s", stderr).isTrue();
        assertThat(process.exitValue()).as(stderr).isEqualTo(c.exitCode());
        assertThat(took).as("the hook was given the whole grace").isGreaterThanOrEqualTo(
                Duration.ofSeconds(GRACE_SECONDS));
        assertThat(stderr).contains(c.stderr());
        // `plugins list` prints the plugin; `run`, refusing the pipeline, names it in its error on standard error.
        assertThat(c.failingFactory() ? stderr : Files.readString(home.resolve("stdout.txt"))).contains("hooky");
    }
}
