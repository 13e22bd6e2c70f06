package dev.patchbay.host.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds out whether this process can create files in a directory by creating one. {@code Files.isWritable}
 * asks {@code access(2)}, which is always true for root and can be wrong on network file systems and with ACLs;
 * creating a file is what a run will do, so its answer is the file system's own.
 */
@FunctionalInterface
public interface WriteProbe {

    /** The real probe: creates an empty {@code .patchbay-check-*.tmp} in the directory and deletes it at once. */
    WriteProbe TEMPORARY_FILE = directory -> {
        Path file = Files.createTempFile(directory, ".patchbay-check-", ".tmp");
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UndeletableProbe(file, e);
        }
    };

    /**
     * Creates a file in {@code directory} and removes it again.
     *
     * @throws IOException what the file system answered, such as {@link java.nio.file.AccessDeniedException}
     */
    void probe(Path directory) throws IOException;

    /** The probe's file was created but could not be deleted: the directory lets files be made, not replaced. */
    final class UndeletableProbe extends IOException {

        private static final long serialVersionUID = 1L;

        UndeletableProbe(Path file, IOException cause) {
            super("created the test file " + file + " but cannot delete it (" + cause + "); delete it by hand", cause);
        }
    }
}
