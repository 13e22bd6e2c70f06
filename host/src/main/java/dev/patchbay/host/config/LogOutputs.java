package dev.patchbay.host.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where log lines go, from the {@code logging} section: {@code "console"} (standard error) and {@code "file"}, a
 * log file rolled over by size and by day.
 *
 * <pre>{@code
 * "logging": { "console": true,
 *              "file": { "path": "logs/patchbay.log", "maxFileSizeMb": 50, "maxHistoryDays": 14,
 *                        "totalSizeCapMb": 1000 } }
 * }</pre>
 *
 * <p>{@code "file": true} is the file with its defaults; {@code "file": false} declines the file that
 * {@code patchbay serve} otherwise writes by default.
 *
 * @param console {@code logging.console}, default true
 * @param file {@code logging.file}, default none
 * @param fileDeclined whether the section says {@code "file": false}
 */
public record LogOutputs(boolean console, Optional<File> file, boolean fileDeclined) {

    /** Standard error only: the default. */
    public static final LogOutputs CONSOLE = new LogOutputs(true, Optional.empty());

    public LogOutputs {
        Objects.requireNonNull(file, "file");
        if (fileDeclined && file.isPresent()) {
            throw new IllegalArgumentException("logging.file cannot be both declined and " + file.get().path());
        }
    }

    public LogOutputs(boolean console, Optional<File> file) {
        this(console, file, false);
    }

    /**
     * These outputs with the default log file under {@code home} when the section neither names a file nor declines
     * one: what {@code patchbay serve} writes.
     */
    public LogOutputs withDefaultFile(Path home) {
        if (file.isPresent() || fileDeclined) {
            return this;
        }
        return new LogOutputs(console, Optional.of(new File(home.resolve(File.DEFAULT_PATH), File.DEFAULT_MAX_FILE_SIZE_MB,
                File.DEFAULT_MAX_HISTORY_DAYS, File.DEFAULT_TOTAL_SIZE_CAP_MB)));
    }

    /**
     * {@code logging.file}.
     *
     * @param path {@code path}, resolved against the home; default {@code logs/patchbay.log}
     * @param maxFileSizeMb {@code maxFileSizeMb}, default 50: the active file is rolled over at this size
     * @param maxHistoryDays {@code maxHistoryDays}, default 14: older rolled files are deleted
     * @param totalSizeCapMb {@code totalSizeCapMb}, default 1000: the oldest rolled files are deleted beyond it
     */
    public record File(Path path, long maxFileSizeMb, int maxHistoryDays, long totalSizeCapMb) {

        public static final String DEFAULT_PATH = "logs/patchbay.log";
        public static final long DEFAULT_MAX_FILE_SIZE_MB = 50;
        public static final int DEFAULT_MAX_HISTORY_DAYS = 14;
        public static final long DEFAULT_TOTAL_SIZE_CAP_MB = 1000;

        public File {
            Objects.requireNonNull(path, "path");
            if (maxFileSizeMb < 1 || maxHistoryDays < 1 || totalSizeCapMb < maxFileSizeMb) {
                throw new IllegalArgumentException("logging.file: maxFileSizeMb " + maxFileSizeMb
                        + " and maxHistoryDays " + maxHistoryDays + " must be at least 1 and totalSizeCapMb "
                        + totalSizeCapMb + " at least maxFileSizeMb");
            }
        }
    }
}
