package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.WriteProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A run's state directory ({@code state.directory}), checked and locked before any plugin starts, so that a
 * state directory the run could never commit a checkpoint to is refused before any record is read, rather
 * than at the first commit, one batch of output later.
 *
 * <p>{@link #lock} refuses, naming the path, what is wrong and the fix:
 * <ul>
 *   <li>a path that is a file (or anything but a folder), or a symbolic link to nothing;</li>
 *   <li>a folder in which this process cannot create a file: one file is created and deleted, so the answer
 *       is the file system's, right for root (whom permission bits do not stop), read-only mounts and ACLs
 *       alike, where checking permission bits would be wrong;</li>
 *   <li>a folder where one of the run's checkpoint files should be, which no commit can replace.</li>
 * </ul>
 * A missing directory is created, as before. What is inside a checkpoint file is not checked here: a damaged
 * checkpoint fails its own pipeline when it resumes ({@link CheckpointStore#load}), and the others run.
 */
public final class StateDirectory {

    private final Path directory;
    private final CheckpointStore checkpoints;

    /** The state directory at {@code directory}, whose checkpoint files {@code checkpoints} names. */
    public StateDirectory(Path directory, CheckpointStore checkpoints) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    }

    /** The state directory at {@code directory}, with its checkpoint files in it. */
    public StateDirectory(Path directory) {
        this(directory, new CheckpointStore(directory));
    }

    /**
     * Checks that the run can commit the checkpoints of {@code pipelines} here, then takes the home lock.
     *
     * @param pipelines the names of the pipelines the run will commit checkpoints for
     * @throws IOException if the directory cannot hold them (nothing is locked then), or the lock cannot be
     *                     taken, naming the path, the problem and the fix
     * @throws HomeLock.HeldException if another run holds the lock
     */
    public HomeLock lock(List<String> pipelines, HomeLock.Holder holder) throws IOException, HomeLock.HeldException {
        Objects.requireNonNull(holder, "holder");
        check(pipelines);
        return HomeLock.acquire(directory, holder);
    }

    /**
     * The checks of {@link #lock} without the lock: the directory exists afterwards (it is created if missing),
     * and no file is left behind.
     *
     * @throws IOException if the directory cannot hold them, naming the path, the problem and the fix
     */
    public void check(List<String> pipelines) throws IOException {
        Objects.requireNonNull(pipelines, "pipelines");
        usableFolder();
        writable();
        for (String pipeline : pipelines) {
            checkpoints.requireFileOrNothing(pipeline);
        }
    }

    private void usableFolder() throws IOException {
        String fix = "; move it away, or set \"state.directory\" in the configuration to a folder this user can "
                + "write";
        if (Files.isSymbolicLink(directory) && !Files.exists(directory)) {
            String target;
            try {
                target = directory.resolveSibling(Files.readSymbolicLink(directory)).normalize().toString();
            } catch (IOException e) {
                target = "a path that cannot be read (" + e + ")";
            }
            throw new IOException("the state directory " + directory + " is a symbolic link to "
                    + target + ", which does not exist; create that folder (or mount what should be there)" + fix,
                    null);
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            String kind = Files.isRegularFile(directory) ? "a file" : "neither a folder nor a file";
            throw new IOException("the state directory " + directory + " is " + kind + ", not a folder"
                    + fix);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("the state directory " + directory + " cannot be created (" + e
                    + "); create it by hand, or set \"state.directory\" in the configuration to a folder this user "
                    + "can write", e);
        }
    }

    // One create and one delete: a checkpoint commit creates a temporary file next to the checkpoint and renames
    // it, so being able to create a file is exactly what a commit needs first. The probe is config check's.
    private void writable() throws IOException {
        try {
            WriteProbe.TEMPORARY_FILE.probe(directory);
        } catch (WriteProbe.UndeletableProbe e) {
            throw new IOException("the state directory " + directory + " lets a file be created but "
                    + "not deleted (" + e.getMessage() + "), so no checkpoint could be replaced; make the folder "
                    + "writable for this user", e);
        } catch (IOException e) {
            throw new IOException("the state directory " + directory + " is not writable: a file cannot "
                    + "be created in it (" + e + "), so no checkpoint could be committed; make it writable for this "
                    + "user (for example chmod u+rwx " + directory + ", or remount its file system read-write), "
                    + "or set \"state.directory\" in the configuration to a folder this user can write", e);
        }
    }
}
