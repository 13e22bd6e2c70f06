package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --start}: the factories are instantiated in a separate JVM (the marker holds another pid), the commands show
 * what they showed when they started plugins in process, and a hostile initialiser that exits, hangs, throws or
 * prints garbage is reported while this JVM carries on.
 */
class StartInSeparateJvmTest {

    @TempDir
    Path home;

    private Path marker;

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private Path install(String initialiser, String settings) throws IOException {
        marker = home.resolve("marker.pid");
        Path jar = MarkerPlugin.plugin(marker, initialiser).buildJar(Files.createDirectories(home.resolve("plugins")));
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/patchbay.json"), MarkerPlugin.config(settings));
        return jar;
    }

    private long markerPid() throws IOException {
        assertThat(marker).as("the factory's static initialiser ran").exists();
        return Long.parseLong(Files.readString(marker).strip());
    }

    @Test
    void verifyStartRunsTheInitialiserInAnotherProcessAndPasses() throws IOException {
        Path jar = install("", "{\"threshold\": 5}");

        CliRun result = run("plugins", "verify", "--start", jar.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("OK      " + jar, "1 archive verified, no problems")
                .doesNotContain(PluginsVerifyCommand.NOT_STARTED);
        assertThat(markerPid()).as("pid of the JVM that ran the initialiser").isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void infoStartShowsTheSettingsReadInTheOtherProcess() throws IOException {
        install("", "{\"threshold\": 5}");

        CliRun text = run("plugins", "info", "--start", "marker");
        CliRun json = run("plugins", "info", "--start", "marker", "--json");

        assertThat(text.exit()).as(text.out() + text.err()).isEqualTo(ExitCodes.OK);
        assertThat(text.out()).contains("marker 1.0.0  STARTED", "processor marker/probe", "    settings:",
                "      threshold  integer, required", "          Smallest value passed on.", "settings: none");
        assertThat(markerPid()).isNotEqualTo(ProcessHandle.current().pid());
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertThat(document.get("state").asText()).isEqualTo("STARTED");
        assertThat(document.get("settingsRead").asBoolean()).isTrue();
        assertThat(document.get("extensions").get(1).get("settings").get(0).get("key").asText()).isEqualTo("threshold");
    }

    @Test
    void referenceStartRendersTheSettingsTable() throws IOException {
        install("", "{\"threshold\": 5}");

        CliRun result = run("plugins", "reference", "--start");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("#### `marker/probe` (processor, plugin marker 1.0.0)",
                "| `threshold` | integer | yes |  | Smallest value passed on. |", "Takes no settings.");
        assertThat(markerPid()).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void configCheckStartValidatesTheSettings() throws IOException {
        install("", "{\"threshold\": \"high\", \"treshold\": 1}");

        CliRun result = run("config", "check", "--start");

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("$.pipelines.probed.processors[0].settings.threshold",
                "$.pipelines.probed.processors[0].settings.treshold").doesNotContain("not checked");
        assertThat(markerPid()).isNotEqualTo(ProcessHandle.current().pid());
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("exits", "try { System.class.getMethod(\"exit\", int.class).invoke(null, 3); } "
                        + "catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }",
                        60_000, "PB-PLUGIN-030", "exited with code 3 without a report"),
                Arguments.of("hangs", "while (!Boolean.getBoolean(\"never.set\")) { try { Thread.sleep(50); } "
                        + "catch (InterruptedException e) { } }",
                        15_000, "PB-PLUGIN-020", "did not report within 15000 ms, so it was killed"),
                Arguments.of("throws", "if (true) { throw new IllegalStateException(\"hostile\"); }",
                        60_000, "PB-PLUGIN-013", "hostile"),
                Arguments.of("prints garbage", "System.out.println(\"{\\\"version\\\": 1, \\\"plugins\\\": []}\"); "
                        + "System.err.println(\"garbage\"); if (true) { throw new IllegalStateException(\"after print\"); }",
                        60_000, "PB-PLUGIN-013", "after print"));
    }

    @ParameterizedTest(name = "an initialiser that {0}")
    @MethodSource("hostile")
    void aHostileInitialiserIsReportedAndThisJvmCarriesOn(String name, String initialiser, long limitMillis,
            String code, String says) throws IOException {
        Path jar = install(initialiser, "{\"threshold\": 5}");
        long began = System.nanoTime();

        CliRun result = run("plugins", "verify", "--start", "--start-timeout", Long.toString(limitMillis),
                jar.toString());

        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(result.out()).contains("FAILED  " + jar, code, says, "plugin 'marker'");
        // A child JVM takes 4 to 5 s to start and report on this loaded two-core machine; the margin covers a kill.
        assertThat(took).as("within the limit plus a killed JVM's aftermath")
                .isLessThan(Duration.ofMillis(limitMillis).plusSeconds(15));
        long pid = markerPid();
        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("the child JVM %s is gone", pid).isFalse();
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
