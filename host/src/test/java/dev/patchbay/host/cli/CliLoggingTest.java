package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.config.ConfigValidator;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logging set up by a real command line: the environment variables, the log file of the configuration and the
 * home's own {@code config/logback.xml}. A validator stands in for plugin code and logs one WARN line with the MDC
 * keys set.
 */
class CliLoggingTest {

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();
    private final List<ConfigValidator> validators = List.of((reading, platform) -> {
        MDC.put("plugin", "probe");
        MDC.put("stage", "demo/source");
        try {
            LoggerFactory.getLogger("probe").warn("validator ran");
        } finally {
            MDC.remove("plugin");
            MDC.remove("stage");
        }
        return List.of();
    });

    record Result(int exit, String out, String err) {
        String probeLine() {
            return err.lines().filter(l -> l.contains("validator ran")).findFirst()
                    .orElseThrow(() -> new AssertionError("no probe line on standard error:\n" + err));
        }
    }

    @BeforeEach
    void home() throws IOException {
        environment.put("PATCHBAY_HOME", home.toString());
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(home.resolve("config"));
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private Result check(String config) throws IOException {
        Files.writeString(home.resolve("config/patchbay.json"), config.replace('\'', '"'));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(environment, Optional.empty(), home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), validators).run("config", "check");
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFormatVariableBeatsTheFileAndTheLevelVariableFiltersLines() throws IOException {
        environment.put("PATCHBAY_LOG_FORMAT", "json");

        Result json = check("{'logging': {'format': 'text'}}");
        environment.put("PATCHBAY_LOG_LEVEL", "ERROR");
        Result quiet = check("{'logging': {'level': 'DEBUG'}}");

        assertThat(json.exit()).isZero();
        assertThat(new ObjectMapper().readTree(json.probeLine()).get("mdc").get("plugin").asText()).isEqualTo("probe");
        assertThat(quiet.exit()).isZero();
        assertThat(quiet.err()).doesNotContain("validator ran");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"PATCHBAY_LOG_FORMAT, yaml", "PATCHBAY_LOG_LEVEL, chatty"})
    void anInvalidVariableIsAUsageError(String variable, String value) throws IOException {
        environment.put(variable, value);

        Result result = check("{}");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("patchbay config check: the environment variable " + variable + " is '"
                + value + "', which is not one of ");
    }

    @Test
    void theLogFileOfTheConfigurationReceivesTheLinesAndTheConsoleCanBeOff() throws IOException {
        Result result = check("{'logging': {'console': false, 'file': {'path': 'logs/patchbay.log'}}}");

        assertThat(result.exit()).isZero();
        assertThat(result.err()).doesNotContain("validator ran");
        assertThat(Files.readString(home.resolve("logs/patchbay.log")))
                .contains("WARN  [", "probe [plugin=probe] [stage=demo/source] - validator ran");
    }

    @Test
    void theHomesLogbackXmlIsUsedWithTheMdcKeys() throws IOException {
        Path custom = home.resolve("custom.log");
        Files.writeString(home.resolve("config/logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>OPERATOR %%level %%X{plugin} %%X{stage} %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(custom));

        Result result = check("{'logging': {'format': 'json'}}");

        assertThat(result.exit()).isZero();
        assertThat(result.err()).doesNotContain("validator ran");
        assertThat(Files.readAllLines(custom)).contains("OPERATOR WARN probe demo/source validator ran");
    }

    @Test
    void aMalformedLogbackXmlIsReportedAndTheBuiltInSetUpLogs() throws IOException {
        Path file = home.resolve("config/logback.xml");
        Files.writeString(file, "<configuration><appender name=\"A\" class=\"no.such.Appender\"/>"
                + "<root><appender-ref ref=\"A\"/></root></configuration>");

        Result result = check("{}");

        assertThat(result.exit()).isZero();
        assertThat(result.err()).contains("ERROR", "the Logback configuration " + file + " is not valid",
                "Failed to instantiate type no.such.Appender");
        assertThat(result.probeLine()).contains("probe [plugin=probe] [stage=demo/source] - validator ran");
    }
}
