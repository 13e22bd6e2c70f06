package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Computes lockfile entries from archives: the archive's SHA-256, its id and version from the manifest, and the
 * SHA-256 of each {@code lib/*.jar} of a zip or folder plugin (the jars {@link PluginArchive} puts on the class
 * path). Reads bytes only; runs no plugin code. Stateless and thread-safe.
 */
public final class ArchiveLocking {

    private static final String LIB = "lib/";

    private final Versions versions = new Versions();

    /** Every archive of a plugins folder, as discovery lists them: enabled, disabled and broken ones alike. */
    public LockFile lock(Path pluginsDirectory) throws IOException {
        List<LockFile.Entry> entries = new ArrayList<>();
        for (Path archive : PluginArchive.list(pluginsDirectory)) {
            entries.add(entry(archive));
        }
        return new LockFile(entries);
    }

    /**
     * The entry of one archive. An archive without a readable manifest is locked with an empty id and version: the
     * lock covers what is in the folder, and discovery reports what is wrong with it.
     *
     * @throws IOException naming the archive when its bytes cannot be read
     */
    public LockFile.Entry entry(Path archive) throws IOException {
        String file = archive.getFileName().toString();
        String id = "";
        String version = "";
        PluginArchive shape = PluginArchive.of(archive).orElse(PluginArchive.JAR);
        try {
            Manifest manifest = shape.readManifest(archive);
            PluginManifest descriptor = PluginManifest.parse(manifest, file, versions);
            id = descriptor.hasId() ? descriptor.id() : "";
            version = descriptor.version();
        } catch (PluginArchive.ArchiveException unreadable) {
            // Locked all the same, see above.
        }
        return new LockFile.Entry(file, id, version, ArchiveDigest.of(archive), libs(archive));
    }

    /**
     * The {@code lib/*.jar} of a zip or folder plugin with their digests; none for a jar, and none for a zip that is
     * not a readable zip (its archive digest covers it).
     */
    static List<LockFile.Lib> libs(Path archive) throws IOException {
        PluginArchive shape = PluginArchive.of(archive).orElse(PluginArchive.JAR);
        return switch (shape) {
            case JAR -> List.of();
            case FOLDER -> folderLibs(archive);
            case ZIP -> zipLibs(archive);
        };
    }

    private static List<LockFile.Lib> folderLibs(Path folder) throws IOException {
        List<LockFile.Lib> libs = new ArrayList<>();
        Path lib = folder.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return libs;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : jars) {
                if (Files.isRegularFile(jar)) {
                    libs.add(new LockFile.Lib(LIB + jar.getFileName(), ArchiveDigest.ofFile(jar)));
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot list the lib/ folder of the folder plugin '" + folder + "': " + e, e);
        }
        return libs;
    }

    private static List<LockFile.Lib> zipLibs(Path zipPath) throws IOException {
        List<LockFile.Lib> libs = new ArrayList<>();
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            String root = zip.getEntry(PluginArchive.MANIFEST) != null ? ""
                    : PluginArchive.singleTopFolder(zip).orElse("");
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(root + LIB)) {
                    continue;
                }
                String inLib = name.substring(root.length() + LIB.length());
                if (inLib.endsWith(".jar") && inLib.indexOf('/') < 0) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        libs.add(new LockFile.Lib(LIB + inLib, ArchiveDigest.of(in)));
                    }
                }
            }
        } catch (java.util.zip.ZipException notAZip) {
            return List.of();
        } catch (IOException e) {
            throw new IOException("cannot read the lib/ jars of the zip plugin '" + zipPath + "': " + e, e);
        }
        return libs;
    }
}
