package dev.patchbay.host.logging;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A log file that Logback rolls over by size and by day ({@code SizeAndTimeBasedRollingPolicy}): the active
 * file is {@code path}; older ones are {@code <name>.<yyyy-MM-dd>.<n>.log} next to it.
 *
 * @param path the active file, absolute
 * @param maxFileSizeBytes a file is rolled over once it reaches this size
 * @param maxHistoryDays rolled files older than this many days are deleted; 0 keeps them all and turns off
 *        Logback's asynchronous clean-up, {@code totalSizeCap} included
 * @param totalSizeCapBytes the oldest rolled files are deleted once all of them together exceed this size
 */
public record LogFile(Path path, long maxFileSizeBytes, int maxHistoryDays, long totalSizeCapBytes) {

    public LogFile {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("log file path '" + path + "' must be absolute");
        }
        if (path.getFileName() == null) {
            throw new IllegalArgumentException("log file path '" + path + "' has no file name");
        }
        if (maxFileSizeBytes < 1 || maxHistoryDays < 0 || totalSizeCapBytes < maxFileSizeBytes) {
            throw new IllegalArgumentException("log file " + path + ": maxFileSize " + maxFileSizeBytes
                    + " must be positive, maxHistoryDays " + maxHistoryDays + " at least 0 and totalSizeCap "
                    + totalSizeCapBytes + " at least maxFileSize");
        }
    }

    /** The rolled files' name pattern: the file name without {@code .log}, then the day and a counter. */
    String fileNamePattern() {
        String name = path.getFileName().toString();
        String stem = name.endsWith(".log") ? name.substring(0, name.length() - ".log".length()) : name;
        return path.resolveSibling(stem + ".%d{yyyy-MM-dd}.%i.log").toString();
    }
}
