package dev.patchbay.plugins.files;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * An I/O error of the files plugin, described by the one rule every file operation's {@link IOException}
 * passes through ({@link #describe}): the message names the operation and the file, then gives the reason and
 * the fix, as in
 *
 * <pre>
 * cannot write '/srv/patchbay/out/data.jsonl' (flush of 500 records): No space left on device; free space on
 * that file system or point "path" elsewhere
 * </pre>
 *
 * <p>The JDK's exception is the cause. {@link FileInput} and {@link FileOutput} route every operation through
 * the rule, so no other class builds an I/O message of its own.
 */
final class FileIOException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What the plugin was doing with the file. */
    enum Operation {
        OPEN_INPUT(true, "open %s for reading"),
        READ(true, "read %s"),
        CREATE_DIRECTORIES(false, "create the parent directories of %s"),
        OPEN_OUTPUT(false, "open %s for writing"),
        CHECK_TAIL(false, "read %s to check it for a torn tail"),
        TRUNCATE(false, "truncate %s"),
        WRITE(false, "write %s"),
        FLUSH(false, "write %s"),
        CLOSE(false, "close %s");

        private final boolean input;
        private final String action;

        Operation(boolean input, String action) {
            this.input = input;
            this.action = action;
        }
    }

    /** For a problem found in a file's content rather than thrown by the JDK; the message says it all. */
    FileIOException(String message) {
        super(message);
    }

    private FileIOException(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * Describes an I/O error: the operation, the file, the JDK's reason and what the operator can do.
     *
     * @param detail what the operation was for, shown in parentheses ("flush of 500 records"); empty for none
     * @return {@code cause} itself when it is already described, so that layers do not wrap twice
     */
    static IOException describe(Operation operation, Path path, String detail, IOException cause) {
        if (cause instanceof FileIOException) {
            return cause;
        }
        String what = "cannot " + String.format(Locale.ROOT, operation.action, "'" + path + "'")
                + (detail.isEmpty() ? "" : " (" + detail + ")");
        return new FileIOException(what + ": " + reason(path, cause) + "; " + fix(operation, cause), cause);
    }

    /** The JDK's reason, without the path it repeats; another file it names (a parent directory) is kept. */
    private static String reason(Path path, IOException e) {
        if (e instanceof FileSystemException fs) {
            String text = fs.getReason() != null ? fs.getReason()
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException
                            ? "exists and is not a directory" : e.getClass().getSimpleName();
            String file = fs.getFile();
            if (file != null && !file.equals(path.toString())) {
                return "'" + file + "'" + (text.startsWith("exists") ? " " : ": ") + text;
            }
            return text;
        }
        String text = e.getMessage();
        return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
    }

    private static String fix(Operation operation, IOException e) {
        String text = String.valueOf(e instanceof FileSystemException fs ? fs.getReason() : e.getMessage())
                .toLowerCase(Locale.ROOT);
        if (text.contains("no space left")) {
            return "free space on that file system or point \"path\" elsewhere";
        }
        if (text.contains("quota")) {
            return "free space or raise the disk quota, or point \"path\" elsewhere";
        }
        if (text.contains("read-only file system")) {
            return "the file system is mounted read-only: point \"path\" to a writable one";
        }
        if (text.contains("is a directory")) {
            return "set \"path\" to a file, not a directory";
        }
        if (e instanceof AccessDeniedException || text.contains("permission denied")
                || text.contains("operation not permitted")) {
            return operation.input ? "give the user running Patchbay read access to the file, or point \"path\""
                    + " elsewhere" : "give the user running Patchbay write access to the file and its directory, or"
                    + " point \"path\" elsewhere";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException
                || text.contains("not a directory")) {
            return "a part of \"path\" is a file, not a directory: correct \"path\" or move that file";
        }
        if (e instanceof NoSuchFileException) {
            return operation.input ? "check the \"path\" setting (a relative path is resolved against the Patchbay"
                    + " home)" : "check that the file's directory still exists and that \"path\" is right";
        }
        if (text.contains("not in gzip format")) {
            return "the file is not gzip: set \"compression\" to \"none\", or to \"auto\" with a path that does not"
                    + " end in .gz";
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return "the gzip data is damaged or cut short: restore the file, or cut it back to its last complete"
                    + " member (gzip -t tells whether it is damaged); if it is not gzip at all, set \"compression\""
                    + " to \"none\"";
        }
        if (text.contains("input/output error")) {
            return "the device reported an error: check the disk and the system log";
        }
        return operation.input ? "check the file and the file system that holds it"
                : "check the file system that holds it, or point \"path\" elsewhere";
    }
}
