package dev.patchbay.host.logging;

import java.util.Objects;
import java.util.Optional;

/**
 * What Patchbay's built-in Logback set-up writes: the line format, the root level, and where lines go (the
 * console stream, a rolling file, or both).
 *
 * @param level a Logback level name: TRACE, DEBUG, INFO, WARN, ERROR or OFF (any case)
 * @param console whether lines go to the console stream (standard error)
 * @param file a rolling log file, if any
 */
public record LogSettings(LogFormat format, String level, boolean console, Optional<LogFile> file) {

    public LogSettings {
        Objects.requireNonNull(format, "format");
        LogSetup.parseLevel(level);
        Objects.requireNonNull(file, "file");
    }

    /** Console only: what every command had before log files existed. */
    public static LogSettings console(LogFormat format, String level) {
        return new LogSettings(format, level, true, Optional.empty());
    }
}
