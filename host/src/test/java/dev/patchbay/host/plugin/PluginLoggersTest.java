package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class PluginLoggersTest {

    private Logger logback;
    private ListAppender<ILoggingEvent> appender;

    @BeforeEach
    void captureLogger() {
        logback = (Logger) LoggerFactory.getLogger("plugin.csv");
        appender = new ListAppender<>();
        appender.start();
        logback.addAppender(appender);
        logback.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseLogger() {
        logback.detachAppender(appender);
        logback.setLevel(null);
        MDC.clear();
    }

    @Test
    void everyLineCarriesPluginAndStageInTheMdcAndTheMdcIsRestored() {
        MDC.put(PluginScope.MDC_PLUGIN, "outer");
        System.Logger logger = PluginLoggers.forStage("csv", "demo/source");

        logger.log(System.Logger.Level.INFO, "read {0} rows from {1}", 3, "a.csv");
        IllegalStateException failure = new IllegalStateException("bad row");
        logger.log(System.Logger.Level.ERROR, "cannot parse", failure);

        assertThat(logger.getName()).isEqualTo("plugin.csv");
        assertThat(appender.list).hasSize(2);
        ILoggingEvent info = appender.list.get(0);
        assertThat(info.getLevel()).isEqualTo(Level.INFO);
        assertThat(info.getFormattedMessage()).isEqualTo("read 3 rows from a.csv");
        assertThat(info.getMDCPropertyMap()).containsEntry("plugin", "csv").containsEntry("stage", "demo/source");
        ILoggingEvent error = appender.list.get(1);
        assertThat(error.getLevel()).isEqualTo(Level.ERROR);
        assertThat(error.getThrowableProxy().getMessage()).isEqualTo("bad row");
        assertThat(MDC.get(PluginScope.MDC_PLUGIN)).isEqualTo("outer");
        assertThat(MDC.get(PluginLoggers.MDC_STAGE)).isNull();
    }

    @Test
    void levelsMapToSlf4jAndDisabledLevelsAreNotFormatted() {
        System.Logger logger = PluginLoggers.forStage("csv", "demo/sink");
        assertThat(logger.isLoggable(System.Logger.Level.DEBUG)).isFalse();
        assertThat(logger.isLoggable(System.Logger.Level.INFO)).isTrue();
        assertThat(logger.isLoggable(System.Logger.Level.WARNING)).isTrue();
        assertThat(logger.isLoggable(System.Logger.Level.OFF)).isFalse();

        logger.log(System.Logger.Level.DEBUG, () -> {
            throw new AssertionError("a disabled level must not build its message");
        });
        logger.log(System.Logger.Level.WARNING, () -> "slow sink");
        logger.log(System.Logger.Level.TRACE, "hidden");

        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).isEqualTo("slow sink");
        });
    }

    @Test
    void messageWithoutParametersIsWrittenVerbatim() {
        PluginLoggers.forStage("csv", "s").log(System.Logger.Level.INFO, "braces {0} stay", (Object[]) null);
        assertThat(appender.list).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage()).isEqualTo("braces {0} stay"));
    }
}
