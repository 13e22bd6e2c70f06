package dev.patchbay.host.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.patchbay.host.plugin.PluginScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The lines some host loggers write at INFO and above while it is open, each as {@code LEVEL plugin=ID message} (the
 * MDC's {@code plugin} key, empty when absent). Only the formatted text is kept: a logback {@code ListAppender} keeps
 * each event with its arguments, and an argument such as a plugin handle would keep the plugin's class loader, which
 * a leak test must not do itself. The loggers are set to INFO and do not pass their lines to the console while
 * captured; {@link #close()} restores them.
 */
public final class LogLines implements AutoCloseable {

    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final List<Boolean> additive = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String plugin = event.getMDCPropertyMap().getOrDefault(PluginScope.MDC_PLUGIN, "");
            synchronized (lines) {
                lines.add(event.getLevel() + " plugin=" + plugin + " " + event.getFormattedMessage());
            }
        }
    };

    private LogLines(List<String> names) {
        appender.setContext(((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).getLoggerContext());
        appender.start();
        for (String name : names) {
            Logger logger = (Logger) LoggerFactory.getLogger(Objects.requireNonNull(name, "name"));
            loggers.add(logger);
            levels.add(logger.getLevel());
            additive.add(logger.isAdditive());
            logger.setLevel(Level.INFO);
            logger.setAdditive(false);
            logger.addAppender(appender);
        }
    }

    /** Captures the lines of the loggers with these names (a class's logger is named after the class). */
    public static LogLines capture(String... loggerNames) {
        return new LogLines(List.of(loggerNames));
    }

    /** The lines so far, in the order they were logged. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appender);
            loggers.get(i).setLevel(levels.get(i));
            loggers.get(i).setAdditive(additive.get(i));
        }
        appender.stop();
    }
}
