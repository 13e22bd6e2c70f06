package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code PATCHBAY_ADMIN_*} variables reach the configuration through the real command line. */
class CliAdminEnvironmentTest {

    @TempDir
    Path home;

    @ParameterizedTest(name = "config file: {0}")
    @CsvSource({"true", "false"})
    void aBadPortVariableIsAConfigurationErrorNamingItWithOrWithoutAFile(boolean file) throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        if (file) {
            Files.createDirectories(home.resolve("config"));
            Files.writeString(home.resolve("config/patchbay.json"), "{\"admin\": {\"port\": 9000}}");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new Main(Map.of("PATCHBAY_HOME", home.toString(), "PATCHBAY_ADMIN_PORT", "80a"), Optional.empty(),
                home, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), List.of()).run("config", "check");

        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(2);
        assertThat(printed).contains("$.admin.port").contains("PATCHBAY_ADMIN_PORT is '80a'");
    }

    @Test
    void aGoodVariableIsAccepted() throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = new Main(Map.of("PATCHBAY_HOME", home.toString(), "PATCHBAY_ADMIN_PORT", "0"), Optional.empty(),
                home, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8), List.of()).run("config", "check");

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }
}
