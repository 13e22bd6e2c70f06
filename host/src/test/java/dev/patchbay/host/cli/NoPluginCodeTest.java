package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Without {@code --start}, the commands that inspect plugins run none of their code: a factory whose static
 * initialiser writes a marker file leaves no marker, and each command says what it did not read.
 */
class NoPluginCodeTest {

    @TempDir
    Path home;

    @TempDir
    Path downloads;

    private Path marker;
    private Path candidate;

    @BeforeEach
    void homeWithTheMarkerPlugin() throws IOException {
        marker = home.resolve("marker.pid");
        MarkerPlugin.plugin(marker, "").buildJar(Files.createDirectories(home.resolve("plugins")));
        candidate = MarkerPlugin.plugin(marker, "").version("1.1.0").fileName("marker-1.1.0.jar")
                .buildJar(downloads);
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/patchbay.json"), MarkerPlugin.config("{\"threshold\": 5}"));
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("plugins verify FILE", new String[] {"plugins", "verify", "FILE"}, ExitCodes.OK,
                        PluginsVerifyCommand.NOT_STARTED),
                Arguments.of("plugins verify --home", new String[] {"plugins", "verify", "--home"}, ExitCodes.OK,
                        PluginsVerifyCommand.NOT_STARTED),
                Arguments.of("plugins info", new String[] {"plugins", "info", "marker"}, ExitCodes.OK,
                        "settings: not read (plugin code is not run by default; add --start to read them in a "
                                + "separate JVM)"),
                Arguments.of("plugins info --json", new String[] {"plugins", "info", "marker", "--json"}, ExitCodes.OK,
                        "\"settingsRead\": false"),
                Arguments.of("plugins reference", new String[] {"plugins", "reference"}, ExitCodes.OK,
                        "Settings not read"),
                Arguments.of("config check", new String[] {"config", "check"}, ExitCodes.OK,
                        "not checked: the settings of 3 stages ($.pipelines.probed.source, "
                                + "$.pipelines.probed.processors[0], $.pipelines.probed.sink)"),
                Arguments.of("plugins list", new String[] {"plugins", "list"}, ExitCodes.OK, "marker"),
                Arguments.of("plugins install FILE", new String[] {"plugins", "install", "--replace", "FILE"},
                        ExitCodes.OK, "installed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void runsNoPluginCode(String name, String[] args, int exit, String says) {
        String[] resolved = Stream.of(args).map(arg -> arg.equals("FILE") ? candidate.toString() : arg)
                .toArray(String[]::new);

        CliRun result = run(resolved);

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(exit);
        assertThat(result.out() + result.err()).contains(says);
        assertThat(marker).as("the factory's static initialiser ran in this JVM").doesNotExist();
    }

    private CliRun run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(Map.of("PATCHBAY_HOME", home.toString()), Optional.empty(), home,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Main.validators()).run(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
