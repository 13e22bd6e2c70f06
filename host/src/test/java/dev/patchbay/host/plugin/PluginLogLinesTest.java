package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Issue 2 section 5: lines about a plugin carry its id in the MDC, including pf4j's own lines. */
class PluginLogLinesTest {

    @TempDir
    Path plugins;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("dev.patchbay.host.plugin"),
            (Logger) LoggerFactory.getLogger("org.pf4j"));

    @BeforeEach
    void captureLogs() {
        appender.start();
        for (Logger logger : loggers) {
            logger.addAppender(appender);
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void releaseLogs() {
        for (Logger logger : loggers) {
            logger.detachAppender(appender);
            logger.setLevel(null);
        }
    }

    @Test
    void everyLineAboutAPluginCarriesItsIdInTheMdcAndTheMdcIsClearedAfterwards() {
        PluginJarBuilder.plugin("good").processor("com.example.good.Factory", "good").buildJar(plugins);
        PluginJarBuilder.plugin("boom").source("com.example.boom.Bomb", Sources.processor("com.example.boom.Bomb",
                "bomb", "static { if (true) { throw new IllegalStateException(\"static boom\"); } }"))
                .service(ProcessorFactory.class, "com.example.boom.Bomb").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
        }

        for (String id : List.of("good", "boom")) {
            List<ILoggingEvent> lines = appender.list.stream()
                    .filter(event -> event.getFormattedMessage().contains("'" + id + "'")
                            || event.getFormattedMessage().contains("'" + id + "@"))
                    .toList();
            assertThat(lines).as("log lines about '%s'", id).isNotEmpty();
            assertThat(lines).allSatisfy(event -> assertThat(event.getMDCPropertyMap())
                    .as("MDC of \"%s\"", event.getFormattedMessage()).containsEntry(PluginScope.MDC_PLUGIN, id));
        }
        assertThat(appender.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("Plugin 'good' 1.0.0 started"));
        assertThat(MDC.get(PluginScope.MDC_PLUGIN)).isNull();
    }

    @Test
    void verifyingAnArchiveLogsNoInfoLineClaimingItStartedBecauseItReportsItResolved() {
        Path archive = PluginJarBuilder.plugin("good").processor("com.example.good.Factory", "good").buildJar(plugins);

        List<PluginInfo> verified = PluginVerifier.startingInProcess().verify(List.of(archive));

        assertThat(verified).singleElement().satisfies(info -> assertThat(info.state()).isEqualTo(PluginState.RESOLVED));
        assertThat(appender.list).noneSatisfy(event -> {
            assertThat(event.getLevel().isGreaterOrEqual(Level.INFO)).isTrue();
            assertThat(event.getFormattedMessage()).contains("started");
        });
    }
}
