package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The three shapes a plugin takes in the plugins folder, and how each is read.
 *
 * <ul>
 *   <li>{@code name.jar}: a self-contained plugin jar. Its manifest is the descriptor, its classes and
 *       service files are at the jar's root. Libraries cannot be nested in a jar; use a zip or folder. When
 *       the plugin is enabled, its classes are loaded from a private copy in a temporary folder, deleted when it
 *       is unloaded, so that the jar in the plugins folder is never held open.</li>
 *   <li>{@code name/}: a folder plugin: {@code META-INF/MANIFEST.MF} (the descriptor),
 *       {@code classes/} (optional: class files and {@code META-INF/services}) and {@code lib/*.jar}
 *       (the plugin's own jars and the libraries it bundles; their service files count as the plugin's).</li>
 *   <li>{@code name.zip}: a folder plugin zipped, with the folder's content at the root of the zip, or
 *       inside one top-level folder (as zipping a folder usually produces). When the plugin is enabled it
 *       is exploded into a private temporary folder, deleted on close.</li>
 * </ul>
 * Anything else in the plugins folder (other files, hidden entries) is ignored. A folder plugin, the developer's
 * shape, is loaded in place.
 */
enum PluginArchive {
    JAR, ZIP, FOLDER;

    static final String MANIFEST = JarFile.MANIFEST_NAME;

    /** A failure to read an archive, as the problem it means. */
    static final class ArchiveException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        ArchiveException(Problem problem, Throwable cause) {
            super(problem.message(), cause);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    /** The shape of a path in the plugins folder, or empty if it is not a plugin. */
    static Optional<PluginArchive> of(Path path) {
        String name = path.getFileName().toString();
        if (name.startsWith(".")) {
            return Optional.empty();
        }
        if (Files.isDirectory(path)) {
            return Optional.of(FOLDER);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jar")) {
            return Optional.of(JAR);
        }
        if (lower.endsWith(".zip")) {
            return Optional.of(ZIP);
        }
        return Optional.empty();
    }

    /** The plugins in a folder, in file name order. */
    static List<Path> list(Path directory) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (of(entry).isPresent()) {
                    found.add(entry);
                }
            }
        }
        found.sort(null);
        return found;
    }

    /**
     * Reads the manifest, opening the archive only for that.
     *
     * @throws ArchiveException with CORRUPT_ARCHIVE or MISSING_DESCRIPTOR
     */
    Manifest readManifest(Path path) throws ArchiveException {
        String file = path.getFileName().toString();
        if (this == FOLDER) {
            Path manifest = path.resolve(MANIFEST);
            if (!Files.isRegularFile(manifest)) {
                throw new ArchiveException(missingManifest(file, "folder"), null);
            }
            try (InputStream in = Files.newInputStream(manifest)) {
                return new Manifest(in);
            } catch (IOException e) {
                throw new ArchiveException(unreadableManifest(file, e), e);
            }
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            if (zip.size() == 0) {
                throw new ArchiveException(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin archive '" + file
                        + "' is empty (no entries); rebuild the plugin or remove the file"), null);
            }
            ZipEntry entry = zip.getEntry(MANIFEST);
            if (entry == null && this == ZIP) {
                entry = singleTopFolder(zip).map(folder -> zip.getEntry(folder + MANIFEST)).orElse(null);
            }
            if (entry == null) {
                throw new ArchiveException(missingManifest(file, this == JAR ? "jar" : "zip"), null);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new Manifest(in);
            } catch (IOException e) {
                throw new ArchiveException(unreadableManifest(file, e), e);
            }
        } catch (ZipException e) {
            throw new ArchiveException(corrupt(file, e), e);
        } catch (IOException e) {
            throw new ArchiveException(corrupt(file, e), e);
        }
    }

    /**
     * The class path roots of an enabled plugin, exploding a zip into {@code tempParent} first.
     *
     * @return the roots and the temporary folder to delete on close, if any
     */
    Layout layout(Path path, String pluginId) throws ArchiveException {
        return switch (this) {
            case JAR -> stage(path, pluginId);
            case FOLDER -> new Layout(folderRoots(path), Optional.empty());
            case ZIP -> explode(path, pluginId);
        };
    }

    /** Where an enabled plugin's classes come from, and what to delete when it is unloaded. */
    record Layout(List<Path> roots, Optional<Path> tempDirectory) {
        Layout {
            roots = List.copyOf(roots);
        }
    }

    /**
     * Copies a jar into a private temporary folder, so that the class loader holds the copy open, never the file in
     * the plugins folder: that one can be replaced or deleted at any moment, and no handle to it outlives discovery.
     */
    private static Layout stage(Path jarPath, String pluginId) throws ArchiveException {
        String file = jarPath.getFileName().toString();
        Path target;
        try {
            target = Files.createTempDirectory("patchbay-plugin-" + pluginId + "-");
        } catch (IOException e) {
            throw new ArchiveException(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin '" + pluginId
                    + "' (" + file + ") cannot be staged: no temporary folder (" + e.getMessage()
                    + "); check java.io.tmpdir is writable"), e);
        }
        Path copy = target.resolve(file);
        try {
            Files.copy(jarPath, copy);
            return new Layout(List.of(copy), Optional.of(target));
        } catch (IOException e) {
            ArchiveException failure = new ArchiveException(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin '"
                    + pluginId + "' (" + file + ") cannot be copied to its staging folder '" + target + "': "
                    + e.getMessage() + "; check the file is readable and java.io.tmpdir has space"), e);
            try {
                deleteTree(target);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    private static Layout explode(Path zipPath, String pluginId) throws ArchiveException {
        String file = zipPath.getFileName().toString();
        Path target;
        try {
            target = Files.createTempDirectory("patchbay-plugin-" + pluginId + "-");
        } catch (IOException e) {
            throw new ArchiveException(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin '" + pluginId
                    + "' (" + file + ") cannot be exploded: no temporary folder (" + e.getMessage()
                    + "); check java.io.tmpdir is writable"), e);
        }
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("entry '" + entry.getName() + "' points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, destination);
                    }
                }
            }
            Path root = target;
            if (!Files.isRegularFile(target.resolve(MANIFEST))) {
                Optional<String> folder = singleTopFolder(zip);
                if (folder.isPresent()) {
                    root = target.resolve(folder.get());
                }
            }
            return new Layout(folderRoots(root), Optional.of(target));
        } catch (IOException e) {
            ArchiveException failure = new ArchiveException(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin '"
                    + pluginId + "' (" + file + ") cannot be exploded: " + e.getMessage()
                    + "; rebuild the zip with the folder layout at its root"), e);
            try {
                deleteTree(target);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** The one folder, such as {@code csv-1.0.0/}, that every entry of a zip lives in, if there is one. */
    static Optional<String> singleTopFolder(ZipFile zip) {
        String folder = null;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash <= 0) {
                return Optional.empty();
            }
            String top = name.substring(0, slash + 1);
            if (folder == null) {
                folder = top;
            } else if (!folder.equals(top)) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(folder);
    }

    private static List<Path> folderRoots(Path folder) throws ArchiveException {
        List<Path> roots = new ArrayList<>();
        Path classes = folder.resolve("classes");
        if (Files.isDirectory(classes)) {
            roots.add(classes);
        }
        Path lib = folder.resolve("lib");
        if (Files.isDirectory(lib)) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(lib, "*.jar")) {
                entries.forEach(jars::add);
            } catch (IOException e) {
                throw new ArchiveException(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin folder '"
                        + folder.getFileName() + "' has an unreadable lib/ folder: " + e.getMessage()), e);
            }
            jars.sort(null);
            roots.addAll(jars);
        }
        return roots;
    }

    /** Deletes a folder and everything in it. */
    static void deleteTree(Path root) throws IOException {
        FileTrees.delete(root);
    }

    private static Problem missingManifest(String file, String shape) {
        return new Problem(ProblemCode.MISSING_DESCRIPTOR, "plugin " + shape + " '" + file + "' has no "
                + MANIFEST + "; add a manifest with Plugin-Id, Plugin-Version and Plugin-Requires");
    }

    private static Problem unreadableManifest(String file, IOException e) {
        return new Problem(ProblemCode.MISSING_DESCRIPTOR, "plugin archive '" + file + "' has an unreadable "
                + MANIFEST + " (" + e.getMessage() + "); rewrite it as 'Name: value' lines ending in a newline");
    }

    private static Problem corrupt(String file, IOException e) {
        return new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin archive '" + file + "' is not a readable jar or zip ("
                + e.getMessage() + "); rebuild the plugin or remove the file");
    }
}
