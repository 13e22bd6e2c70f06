package dev.patchbay.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogFileTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Logger log = LoggerFactory.getLogger("plugin.files");

    @AfterEach
    void restoreDefaults() {
        MDC.clear();
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private LogFile file(long maxFileSizeBytes) {
        return new LogFile(home.resolve("logs/patchbay.log"), maxFileSizeBytes, 14, 1_000_000);
    }

    private List<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("logs"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * History 0: with a rollover every few lines, Logback's asynchronous clean-up tasks overlap and were seen to
     * delete rolled files of the current day ("deleting historically stale"), see design/TODO.md.
     */
    @Test
    void theFileRollsOverBySizeIntoDatedNumberedFiles() throws Exception {
        LogFile file = new LogFile(home.resolve("logs/patchbay.log"), 1024, 0, 1_000_000);
        new LogSetup().configure(new LogSettings(LogFormat.TEXT, "INFO", false, Optional.of(file)), console);

        String padding = "x".repeat(100);
        for (int i = 0; i < 60; i++) {
            log.info("line {} {}", i, padding);
        }
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);

        assertThat(fileNames()).contains("patchbay.log")
                .anySatisfy(name -> assertThat(name).matches("patchbay\\.\\d{4}-\\d\\d-\\d\\d\\.0\\.log"))
                .allSatisfy(name -> assertThat(name).matches("patchbay(\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+)?\\.log"));
        assertThat(fileNames().size()).isGreaterThan(2);
        assertThat(console.size()).isZero();
        long total = 0;
        for (String name : fileNames()) {
            total += Files.readAllLines(home.resolve("logs").resolve(name)).size();
        }
        assertThat(total).isEqualTo(60);
    }

    @Test
    void jsonLinesGoToTheFileAndTheConsoleWhenBothAreOn() throws Exception {
        new LogSetup().configure(new LogSettings(LogFormat.JSON, "INFO", true, Optional.of(file(1_000_000))),
                console);

        MDC.put("plugin", "files");
        log.info("to both");
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);

        List<String> lines = Files.readAllLines(home.resolve("logs/patchbay.log"));
        assertThat(lines).singleElement().satisfies(line -> {
            var event = new ObjectMapper().readTree(line);
            assertThat(event.get("formattedMessage").asText()).isEqualTo("to both");
            assertThat(event.get("mdc").get("plugin").asText()).isEqualTo("files");
        });
        assertThat(console.toString(StandardCharsets.UTF_8).strip()).isEqualTo(lines.get(0));
    }

    @Test
    void theHistoryAndTheCapReachLogbacksPolicy() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = RollingFileAppenders.start(
                new LogFile(home.resolve("logs/patchbay.log"), 50L << 20, 14, 1000L << 20), encoder, context);
        appender.stop();

        SizeAndTimeBasedRollingPolicy<?> policy = (SizeAndTimeBasedRollingPolicy<?>) appender.getRollingPolicy();
        assertThat(policy.getMaxHistory()).isEqualTo(14);
        assertThat(policy.getFileNamePattern()).endsWith("logs/patchbay.%d{yyyy-MM-dd}.%i.log");
        assertThat(policy.isCleanHistoryOnStart()).isFalse();
    }

    @Test
    void theFolderOfTheFileIsCreated() throws Exception {
        LogFile nested = new LogFile(home.resolve("var/log/patchbay/host.log"), 1024, 1, 4096);
        new LogSetup().configure(new LogSettings(LogFormat.TEXT, "INFO", false, Optional.of(nested)), console);

        log.info("created");
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);

        assertThat(Files.readString(nested.path())).contains("plugin.files - created");
        assertThat(nested.fileNamePattern()).endsWith("host.%d{yyyy-MM-dd}.%i.log");
    }
}
