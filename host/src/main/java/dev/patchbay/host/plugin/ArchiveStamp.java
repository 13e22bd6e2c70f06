package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * What tells one content of an archive from the next without reading it: its size and modification time; for a
 * folder plugin, the total size and newest modification time of its files.
 */
record ArchiveStamp(long size, long modifiedMillis) {

    /** @throws IOException if the archive cannot be read, naming it */
    static ArchiveStamp of(Path archive) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(archive, BasicFileAttributes.class);
        if (!attributes.isDirectory()) {
            return new ArchiveStamp(attributes.size(), attributes.lastModifiedTime().toMillis());
        }
        long size = 0;
        long newest = attributes.lastModifiedTime().toMillis();
        try (Stream<Path> files = Files.walk(archive)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                BasicFileAttributes each = Files.readAttributes(file, BasicFileAttributes.class);
                size += each.isDirectory() ? 0 : each.size();
                newest = Math.max(newest, each.lastModifiedTime().toMillis());
            }
        } catch (java.io.UncheckedIOException e) {
            throw new IOException("cannot read the plugin folder '" + archive + "': " + e.getCause().getMessage(),
                    e.getCause());
        }
        return new ArchiveStamp(size, newest);
    }
}
