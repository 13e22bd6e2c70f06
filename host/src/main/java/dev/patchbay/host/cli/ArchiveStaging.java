package dev.patchbay.host.cli;

import dev.patchbay.host.plugin.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private staging folder for one {@code plugins install}: {@code <state directory>/install-staging/install-N/}.
 * Archives are copied here, verified here, and then moved into the plugins folder with an atomic rename, so the
 * plugins folder only ever holds complete, verified archives. {@link #close} deletes the folder on every path, and
 * {@code install-staging/} too once no other install uses it.
 */
final class ArchiveStaging implements AutoCloseable {

    static final String FOLDER = "install-staging";

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveStaging.class);

    private final Path root;
    private final Path folder;

    private ArchiveStaging(Path root, Path folder) {
        this.root = root;
        this.folder = folder;
    }

    /**
     * Creates the staging folder under the state directory.
     *
     * @throws UncheckedIOException naming the folder when it cannot be created
     */
    static ArchiveStaging open(Path stateDirectory) {
        Path root = stateDirectory.resolve(FOLDER);
        try {
            Files.createDirectories(root);
            return new ArchiveStaging(root, Files.createTempDirectory(root, "install-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging folder under '" + root + "': " + e
                    + "; check that the state directory (state.directory) is writable", e);
        }
    }

    Path folder() {
        return folder;
    }

    /**
     * Copies an archive (a file, or a folder with its whole tree) into the staging folder under its own name.
     *
     * @throws UncheckedIOException naming the archive and the staging folder
     */
    Path stage(Path archive) {
        Path target = folder.resolve(archive.getFileName().toString());
        try {
            if (Files.isDirectory(archive)) {
                copyTree(archive, target);
            } else {
                Files.copy(archive, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy '" + archive + "' to the staging folder '" + folder + "': "
                    + e + "; check that the file is readable and that the disk has room", e);
        }
    }

    /**
     * Moves staged archives into the plugins folder, each with an atomic rename. When one move fails, the archives
     * already moved are moved back, so the plugins folder ends as it was.
     *
     * @return the archives' paths in the plugins folder, in the order given
     * @throws UncheckedIOException naming the archive that could not be moved
     */
    List<Path> moveAll(List<Path> staged, Path pluginsDirectory) {
        List<Path> moved = new ArrayList<>();
        for (Path archive : staged) {
            Path target = pluginsDirectory.resolve(archive.getFileName().toString());
            try {
                // A rename replaces an existing file on POSIX: check just before, so nothing is overwritten.
                if (Files.exists(target)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                Files.move(archive, target, StandardCopyOption.ATOMIC_MOVE);
                moved.add(target);
            } catch (IOException e) {
                String undone = moveBack(moved);
                throw new UncheckedIOException("cannot move '" + archive.getFileName() + "' from '" + folder
                        + "' into the plugins folder '" + pluginsDirectory + "': " + e + "; " + undone
                        + ". The staging folder must be on the same file system as the plugins folder: set"
                        + " state.directory to a folder on it", e);
            }
        }
        return moved;
    }

    private String moveBack(List<Path> moved) {
        List<String> left = new ArrayList<>();
        for (Path target : moved) {
            try {
                Files.move(target, folder.resolve(target.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.error("could not take '{}' out of the plugins folder again", target, e);
                left.add("'" + target + "'");
            }
        }
        return left.isEmpty() ? "nothing was installed" : "these archives were moved in and could not be taken out"
                + " again; delete them: " + String.join(", ", left);
    }

    /** Deletes the staging folder, and {@code install-staging/} when it is empty; a failure is logged, not thrown. */
    @Override
    public void close() {
        try {
            deleteTree(folder);
        } catch (IOException e) {
            LOG.warn("could not delete the staging folder '{}'; delete it by hand", folder, e);
        }
        try {
            Files.deleteIfExists(root);
        } catch (DirectoryNotEmptyException another) {
            // Another install is staging at the same time; the last one out deletes the folder.
        } catch (IOException e) {
            LOG.warn("could not delete the staging folder '{}'; delete it by hand", root, e);
        }
    }

    static void deleteTree(Path path) throws IOException {
        FileTrees.delete(path);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
