package dev.patchbay.host.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Configures Logback from an operator's own file and collects what Logback reports as errors about it. */
final class OperatorLogback {

    private OperatorLogback() {
    }

    /**
     * Resets the context and configures it from {@code file}.
     *
     * @return Logback's error messages about the file, with their causes; empty when it configured cleanly
     */
    static List<String> configure(LoggerContext context, Path file) {
        context.reset();
        // Only this file's messages are wanted; earlier ones are diagnostics of set-ups that have been replaced.
        context.getStatusManager().clear();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        List<String> errors = new ArrayList<>();
        try {
            configurator.doConfigure(file.toFile());
        } catch (JoranException e) {
            // Joran usually records the cause as an error status too, which is collected below.
            errors.add(describe(e.getMessage(), e.getCause()));
        }
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            if (status.getLevel() == Status.ERROR) {
                errors.add(describe(status.getMessage(), status.getThrowable()));
            }
        }
        return List.copyOf(errors);
    }

    private static String describe(String message, Throwable cause) {
        StringBuilder text = new StringBuilder(String.valueOf(message));
        for (Throwable c = cause; c != null; c = c.getCause()) {
            text.append(" (caused by ").append(c).append(')');
        }
        return text.toString();
    }
}
