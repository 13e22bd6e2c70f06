package dev.patchbay.host.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Judges whether a run will be able to write into a directory, for {@code config check}: it exists and a file
 * can be created in it; or it does not exist and can be created (a run creates it); or it cannot be used. It
 * judges for the user running the check, with {@link WriteProbe}, and leaves nothing behind.
 */
public final class WritableDirectory {

    /** What the judge found. */
    public enum Status {
        /** It exists, and a file could be created in it. */
        WRITABLE(false, false),
        /**
         * It does not exist; its nearest existing folder is writable, so a run will create it. A warning: the
         * permissions it will get are not known yet.
         */
        WILL_BE_CREATED(false, true),
        /** The probe failed for a reason other than permissions (full disk, I/O error); a run may fail. */
        UNSURE(false, true),
        /** It, or the nearest existing folder it would be created in, is not writable. */
        NOT_WRITABLE(true, false),
        /** It, or a folder on its way, is a file. */
        NOT_A_DIRECTORY(true, false);

        private final boolean error;
        private final boolean warning;

        Status(boolean error, boolean warning) {
            this.error = error;
            this.warning = warning;
        }

        /** Whether a run will certainly fail to write there, for the user who ran the check. */
        public boolean error() {
            return error;
        }

        /** Whether the check cannot be sure, and says why. */
        public boolean warning() {
            return warning;
        }
    }

    /**
     * The judgement of one directory.
     *
     * @param status what was found
     * @param message what was found, naming the directory (empty for {@link Status#WRITABLE})
     * @param fix what to do about it (empty for {@link Status#WRITABLE})
     */
    public record Verdict(Status status, String message, String fix) {

        public Verdict {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(fix, "fix");
        }
    }

    private final WriteProbe probe;

    public WritableDirectory(WriteProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /**
     * Judges a directory.
     *
     * @param directory an absolute path
     * @param subject the directory as messages name it, such as {@code the state directory /opt/patchbay/state}
     * @param elsewhere the other way out, for fixes, such as {@code set "state.directory" to another directory}
     */
    public Verdict judge(Path directory, String subject, String elsewhere) {
        Path dir = directory.toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
            return probed(dir, subject, subject, elsewhere, new Verdict(Status.WRITABLE, "", ""));
        }
        if (Files.exists(dir)) {
            return new Verdict(Status.NOT_A_DIRECTORY, subject + " is a file, not a directory",
                    "remove or rename the file, or " + elsewhere);
        }
        Path nearest = dir.getParent();
        while (nearest != null && !Files.exists(nearest)) {
            nearest = nearest.getParent();
        }
        if (nearest == null) {
            return new Verdict(Status.UNSURE, subject + " does not exist and no folder on its way does",
                    "create it, or " + elsewhere);
        }
        if (!Files.isDirectory(nearest)) {
            return new Verdict(Status.NOT_A_DIRECTORY, subject + " cannot be created: " + nearest
                    + " is a file, not a directory", "remove or rename " + nearest + ", or " + elsewhere);
        }
        return probed(nearest, subject, subject + " does not exist and cannot be created: " + nearest, elsewhere,
                new Verdict(Status.WILL_BE_CREATED, subject + " does not exist yet; a run creates it in " + nearest
                        + ", which this user can write",
                        "nothing to do; create it now (`mkdir -p " + dir + "`) to have its own permissions checked"));
    }

    /**
     * @param probed the directory a file is created in: the directory itself, or the nearest existing folder
     * @param subject the directory as messages name it
     * @param denied the start of the message when {@code probed} is not writable
     * @param ok the verdict when it is
     */
    private Verdict probed(Path probed, String subject, String denied, String elsewhere, Verdict ok) {
        try {
            probe.probe(probed);
            return ok;
        } catch (AccessDeniedException e) {
            return notWritable(probed, denied, elsewhere, "permission denied");
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Read-only file system")) {
                return notWritable(probed, denied, elsewhere, "read-only file system");
            }
            return unsure(probed, subject, elsewhere, e);
        } catch (IOException e) {
            return unsure(probed, subject, elsewhere, e);
        }
    }

    private static Verdict notWritable(Path probed, String denied, String elsewhere, String reason) {
        return new Verdict(Status.NOT_WRITABLE, denied + " is not writable by user '"
                + System.getProperty("user.name", "?") + "' (" + reason + ")", "make " + probed + " writable by the "
                        + "user that runs `patchbay run` (with chown or chmod), or " + elsewhere);
    }

    private static Verdict unsure(Path probed, String subject, String elsewhere, IOException e) {
        return new Verdict(Status.UNSURE, subject + ": cannot tell whether a run can write there: creating a test "
                + "file in " + probed + " failed with " + e, "check the file system of " + probed
                        + " (free space, quotas, whether it is mounted), or " + elsewhere);
    }
}
