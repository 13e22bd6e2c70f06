package dev.patchbay.host.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;

/** Builds the appender of a {@link LogFile}: Logback's {@link SizeAndTimeBasedRollingPolicy}, uncompressed. */
final class RollingFileAppenders {

    static final String APPENDER = "patchbay-file";

    private RollingFileAppenders() {
    }

    static RollingFileAppender<ILoggingEvent> start(LogFile file, Encoder<ILoggingEvent> encoder,
            LoggerContext context) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.path().toString());
        appender.setEncoder(encoder);
        // Rolled files stay uncompressed: Logback compresses on a thread of its own that a reset does not wait
        // for, and an operator's log shipper reads plain files.
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file.fileNamePattern());
        policy.setMaxFileSize(new FileSize(file.maxFileSizeBytes()));
        if (file.maxHistoryDays() > 0) {
            policy.setMaxHistory(file.maxHistoryDays());
            policy.setTotalSizeCap(new FileSize(file.totalSizeCapBytes()));
        }
        policy.start();
        appender.setRollingPolicy(policy);
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("cannot open the log file " + file.path()
                    + "; check that its folder can be created and written by this user");
        }
        return appender;
    }
}
