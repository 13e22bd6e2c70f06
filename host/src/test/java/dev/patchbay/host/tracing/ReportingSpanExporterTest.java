package dev.patchbay.host.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Export failures are logged once per outage at WARN, and the recovery once at INFO; nothing is thrown. */
class ReportingSpanExporterTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private final Logger logger = (Logger) LoggerFactory.getLogger(ReportingSpanExporter.class);
    private Level levelBefore;

    @BeforeEach
    void captureLog() {
        logged.start();
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
        logger.setLevel(levelBefore);
    }

    /** Answers each export with the next result: {@code ok}, or {@code down} (a refused connection). */
    private static final class Scripted implements SpanExporter {
        private final Deque<String> results;

        Scripted(List<String> results) {
            this.results = new ArrayDeque<>(results);
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return results.removeFirst().equals("ok") ? CompletableResultCode.ofSuccess()
                    : CompletableResultCode.ofExceptionalFailure(
                            new IllegalStateException("export failed", new ConnectException("Connection refused")));
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "always up | ok ok ok | ''",
        "down from the start | down down down | WARN",
        "down, then up | down down ok ok | WARN INFO",
        "up, down, up, down | ok down ok down down | WARN INFO WARN",
    })
    void eachOutageIsLoggedOnce(String name, String results, String levels) {
        SpanExporter exporter = new ReportingSpanExporter(new Scripted(List.of(results.split(" "))),
                "http://collector:4318/v1/traces");

        for (int i = 0; i < results.split(" ").length; i++) {
            exporter.export(List.of());
        }

        assertThat(logged.list).extracting(e -> e.getLevel().toString())
                .containsExactlyElementsOf(levels.isEmpty() ? List.of() : List.of(levels.split(" ")));
        logged.list.stream().filter(e -> e.getLevel() == Level.WARN).forEach(warning -> {
            assertThat(warning.getFormattedMessage()).contains("http://collector:4318/v1/traces")
                    .contains("Connection refused").contains("pipelines carry on");
        });
    }
}
