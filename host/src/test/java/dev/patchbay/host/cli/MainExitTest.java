package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit grace a command line hands to the exit guard. */
class MainExitTest {

    @TempDir
    Path home;

    private Main.Exit execute(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Main(Map.of("PATCHBAY_HOME", home.toString()), Optional.empty(), home, sink, sink, List.of())
                .execute(args);
    }

    @Test
    void aCommandThatReadsTheConfigurationHandsOnItsShutdownGrace() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("plugins"));
        Files.writeString(home.resolve("config/patchbay.json"), "{ \"runtime\": { \"shutdownGraceSeconds\": 7 } }");

        Main.Exit exit = execute("plugins", "list");

        assertThat(exit).isEqualTo(new Main.Exit(ExitCodes.OK, Duration.ofSeconds(7)));
    }

    @Test
    void aCommandThatReadsNoConfigurationHandsOnTheDefaultGrace() {
        Main.Exit exit = execute("--version");

        assertThat(exit).isEqualTo(new Main.Exit(ExitCodes.OK, Duration.ofSeconds(30)));
    }
}
