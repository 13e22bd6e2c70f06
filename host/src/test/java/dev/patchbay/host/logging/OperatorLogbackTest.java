package dev.patchbay.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class OperatorLogbackTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Logger log = LoggerFactory.getLogger("plugin.files");
    private final LogSettings builtIn = LogSettings.console(LogFormat.TEXT, "INFO");

    @AfterEach
    void restoreDefaults() {
        MDC.clear();
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private Path operatorFile(String xml) throws Exception {
        Path file = home.resolve("config/logback.xml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml);
        return file;
    }

    private String fileAppenderConfig(Path out, String rootLevel) {
        return """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>CUSTOM %%level plugin=%%X{plugin} stage=%%X{stage} pipeline=%%X{pipeline} %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="%s"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(out, rootLevel);
    }

    private List<String> consoleLines() {
        return console.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theOperatorsFileIsUsedWithItsPatternAndTheMdcKeys() throws Exception {
        Path out = home.resolve("custom.log");
        Path file = operatorFile(fileAppenderConfig(out, "INFO"));

        boolean used = new LogSetup().configure(file, Optional.empty(), builtIn, console);
        MDC.put("plugin", "files");
        MDC.put("stage", "people/source");
        MDC.put("pipeline", "people");
        log.info("read 3 records");
        log.debug("hidden at INFO");
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);

        assertThat(used).isTrue();
        assertThat(Files.readAllLines(out))
                .containsExactly("CUSTOM INFO plugin=files stage=people/source pipeline=people read 3 records");
        assertThat(console.size()).isZero();
    }

    @Test
    void aLevelChosenForTheInvocationOverridesTheFilesRootLevel() throws Exception {
        Path out = home.resolve("custom.log");
        Path file = operatorFile(fileAppenderConfig(out, "WARN"));

        new LogSetup().configure(file, Optional.of("debug"), builtIn, console);
        log.debug("shown at DEBUG");
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);

        assertThat(Files.readAllLines(out)).singleElement().asString().endsWith("shown at DEBUG");
    }

    @Test
    void withoutTheFileTheBuiltInSetUpIsUsed() {
        boolean used = new LogSetup().configure(home.resolve("config/logback.xml"), Optional.empty(), builtIn,
                console);
        log.info("built in");

        assertThat(used).isFalse();
        assertThat(consoleLines()).singleElement().asString().endsWith("plugin.files - built in");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not well-formed XML | <configuration><root level='INFO'> | XML document structures must start and end",
        "unknown appender class | <configuration><appender name='A' class='no.such.Appender'/>"
                + "<root><appender-ref ref='A'/></root></configuration> | Failed to instantiate type no.such.Appender",
        "unknown conversion word | <configuration><appender name='A' class='ch.qos.logback.core.ConsoleAppender'>"
                + "<encoder><pattern>%nosuchword %msg</pattern></encoder></appender>"
                + "<root><appender-ref ref='A'/></root></configuration> | [nosuchword] is not a valid conversion word",
    })
    void anInvalidFileIsReportedByNameAndTheBuiltInSetUpLogs(String name, String xml, String cause)
            throws Exception {
        Path file = operatorFile(xml.replace('\'', '"'));

        boolean used = new LogSetup().configure(file, Optional.empty(), builtIn, console);
        log.info("still logging");

        assertThat(used).isFalse();
        assertThat(consoleLines()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(consoleLines().get(0)).contains("ERROR", "the Logback configuration " + file + " is not valid",
                "correct the file, or remove it").contains(cause);
        assertThat(consoleLines()).last().asString().endsWith("plugin.files - still logging");
    }
}
