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
 * @param console {@code logging.console}, default true
 * @param file {@code logging.file}, default none
 */
public record LogOutputs(boolean console, Optional<File> file) {

    /** Standard error only: the default. */
    public static final LogOutputs CONSOLE = new LogOutputs(true, Optional.empty());

    public LogOutputs {
        Objects.requireNonNull(file, "file");
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
