package dev.patchbay.host.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes a folder unwritable until closed, in a way that holds for root too: permission bits ({@code chmod 500})
 * stop an ordinary user but not root, so when a file can still be created after them, the folder is made
 * immutable with {@code chattr +i}, which stops root (given {@code CAP_LINUX_IMMUTABLE} and a file system
 * with the attribute, such as ext4). When neither takes effect, the test is skipped, not passed.
 *
 * <p>Files already in the folder stay writable, as they do after {@code chmod 500}; only creating, deleting
 * and renaming entries fails, which is what an atomic replace needs.
 */
public final class UnwritableFolder implements AutoCloseable {

    private static final long CHATTR_SECONDS = 10;

    private final Path folder;
    private final Set<PosixFilePermission> permissions;
    private boolean immutable;

    private UnwritableFolder(Path folder, Set<PosixFilePermission> permissions) {
        this.folder = folder;
        this.permissions = permissions;
    }

    /**
     * Makes {@code folder} unwritable, or skips the test (JUnit assumption) when this process cannot.
     *
     * @throws IOException if the folder's permissions cannot be read or set
     */
    public static UnwritableFolder of(Path folder) throws IOException {
        UnwritableFolder made = new UnwritableFolder(folder, Files.getPosixFilePermissions(folder));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
        if (canCreateAFileIn(folder)) {
            made.immutable = chattr("+i", folder);
        }
        if (canCreateAFileIn(folder)) {
            made.close();
            assumeTrue(false, "cannot make " + folder + " unwritable for this user (root without chattr +i?)");
        }
        return made;
    }

    /** Whether this process can create (and then deletes) a file in the folder. */
    public static boolean canCreateAFileIn(Path folder) throws IOException {
        Path probe = folder.resolve(".unwritable-folder-probe");
        try {
            Files.createFile(probe);
        } catch (FileSystemException e) {
            return false;
        }
        Files.delete(probe);
        return true;
    }

    /** Restores the folder's attribute and permissions. */
    @Override
    public void close() throws IOException {
        if (immutable && !chattr("-i", folder)) {
            throw new IOException("could not run chattr -i " + folder + "; remove the attribute by hand");
        }
        immutable = false;
        Files.setPosixFilePermissions(folder, permissions);
    }

    private static boolean chattr(String change, Path folder) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder("chattr", change, folder.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false; // no chattr on this system
        }
        try {
            if (!process.waitFor(CHATTR_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running chattr " + change + " " + folder, e);
        }
        return process.exitValue() == 0;
    }
}
