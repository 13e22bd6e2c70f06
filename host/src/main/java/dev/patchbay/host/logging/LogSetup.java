package dev.patchbay.host.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback for the host: an appender on the given stream (standard error, so standard output
 * stays free for command results), a rolling log file, or both, in human-readable text or JSON lines. Both
 * formats carry the MDC keys {@code plugin} and {@code stage}, so every line written by or about a plugin
 * names it. An operator's own Logback file replaces all of this when it exists and is valid.
 *
 * <p>Text lines look like
 * {@code 2026-11-22T10:15:30.123Z INFO  [pipeline-demo-source] plugin.files [pipeline=demo] [plugin=files]
 * [stage=demo/source] - message}; a key that is not set, or empty, is left out.
 * JSON lines are Logback's {@link JsonEncoder} objects with {@code timestamp}, {@code level},
 * {@code threadName}, {@code loggerName}, {@code mdc}, {@code formattedMessage} and, for errors,
 * {@code throwable}.
 *
 * <p>pf4j's own INFO lines are suppressed unless the level is DEBUG or TRACE.
 */
public final class LogSetup {

    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36}"
            + "%replace( [pipeline=%X{pipeline}]){' \\[pipeline=\\]', ''}"
            + "%replace( [plugin=%X{plugin}]){' \\[plugin=\\]', ''}"
            + "%replace( [stage=%X{stage}]){' \\[stage=\\]', ''}"
            + " - %msg%n%ex";

    private static final String APPENDER = "patchbay";

    static final String PF4J_LOGGER = "org.pf4j";

    /**
     * Replaces the whole Logback configuration with a console appender on {@code target}.
     *
     * @param level a Logback level name: TRACE, DEBUG, INFO, WARN, ERROR or OFF (any case)
     * @param target where lines go; the caller owns the stream and it is never closed here
     * @throws IllegalStateException if SLF4J is not bound to Logback
     * @throws IllegalArgumentException if the level is not a level name
     */
    public void configure(LogFormat format, String level, OutputStream target) {
        configure(LogSettings.console(format, level), target);
    }

    /**
     * Replaces the whole Logback configuration with Patchbay's built-in one.
     *
     * @param console where console lines go when {@link LogSettings#console()} is set; never closed here
     * @throws IllegalStateException if SLF4J is not bound to Logback
     */
    public void configure(LogSettings settings, OutputStream console) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(console, "console");
        Level parsed = parseLevel(settings.level());
        LoggerContext context = context();
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(parsed);
        if (settings.console()) {
            OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
            appender.setContext(context);
            appender.setName(APPENDER);
            appender.setEncoder(encoder(settings.format(), context));
            appender.setImmediateFlush(true);
            appender.setOutputStream(new NonClosingOutputStream(console));
            appender.start();
            root.addAppender(appender);
        }
        settings.file().ifPresent(file -> root.addAppender(
                RollingFileAppenders.start(file, encoder(settings.format(), context), context)));
        // pf4j narrates every resolve, start, stop and unload at INFO; the platform logs what operators
        // need, so pf4j's own lines appear only at DEBUG and below.
        if (parsed.isGreaterOrEqual(Level.INFO)) {
            context.getLogger(PF4J_LOGGER).setLevel(parsed.isGreaterOrEqual(Level.WARN) ? parsed : Level.WARN);
        }
    }

    /**
     * Configures Logback from the operator's own file when {@code operatorFile} exists, else with the built-in
     * set-up. A file Logback reports errors for is not used: the built-in set-up is, and its first line is an
     * ERROR that names the file and quotes Logback's messages.
     *
     * @param rootLevel a level the operator chose for this invocation (option or environment); it overrides the
     *                  root level of the operator's file
     * @param fallback the built-in settings, used when the file does not exist or is not valid
     * @return whether the operator's file is in use
     */
    public boolean configure(Path operatorFile, Optional<String> rootLevel, LogSettings fallback,
            OutputStream console) {
        Objects.requireNonNull(operatorFile, "operatorFile");
        Objects.requireNonNull(rootLevel, "rootLevel");
        if (!Files.exists(operatorFile)) {
            configure(fallback, console);
            return false;
        }
        Optional<Level> level = rootLevel.map(LogSetup::parseLevel);
        LoggerContext context = context();
        List<String> errors = OperatorLogback.configure(context, operatorFile);
        if (errors.isEmpty()) {
            level.ifPresent(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)::setLevel);
            return true;
        }
        configure(fallback, console);
        LoggerFactory.getLogger(LogSetup.class).error("the Logback configuration {} is not valid, so Patchbay's "
                + "built-in logging is used instead: {}; correct the file, or remove it to use the logging section "
                + "of the configuration", operatorFile, String.join("; ", errors));
        return false;
    }

    private static LoggerContext context() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName()
                    + " instead of Logback; remove the other SLF4J provider from lib/");
        }
        return context;
    }

    private static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
        return format == LogFormat.JSON ? jsonEncoder(context) : textEncoder(context);
    }

    static Level parseLevel(String level) {
        Objects.requireNonNull(level, "level");
        String upper = level.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF" -> Level.toLevel(upper);
            default -> throw new IllegalArgumentException("log level '" + level
                    + "' is not valid; use TRACE, DEBUG, INFO, WARN, ERROR or OFF");
        };
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    /** Logback closes its stream on reset; standard error must survive that. */
    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {

        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
