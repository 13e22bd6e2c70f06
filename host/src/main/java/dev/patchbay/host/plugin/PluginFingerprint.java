package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;

/**
 * What a plugin archive in the plugins folder looks like from outside, without opening it: its size, its last
 * modification and how many files it holds. For a jar or zip that is the file's size and time and one file; for a
 * folder plugin, the total size of its files, the newest time of its files and folders (so a file removed or
 * renamed inside it shows) and its file count. Two equal fingerprints taken a settle time apart mean the archive
 * has stopped changing.
 *
 * @param size bytes, at least 0
 * @param lastModified the newest modification time
 * @param files regular files counted, at least 0
 */
public record PluginFingerprint(long size, Instant lastModified, int files) {

    public PluginFingerprint {
        if (size < 0) {
            throw new IllegalArgumentException("a plugin fingerprint needs a size of 0 or more, not size " + size);
        }
        Objects.requireNonNull(lastModified, "lastModified");
        if (files < 0) {
            throw new IllegalArgumentException("a plugin fingerprint needs a file count of 0 or more, not file count "
                    + files);
        }
    }

    /**
     * Reads the fingerprint of one entry of the plugins folder.
     *
     * @throws java.nio.file.NoSuchFileException if it, or a file inside it, disappeared while it was read
     * @throws IOException if it cannot be read
     */
    static PluginFingerprint of(Path entry) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
        if (!attributes.isDirectory()) {
            return new PluginFingerprint(attributes.size(), attributes.lastModifiedTime().toInstant(), 1);
        }
        Totals totals = new Totals();
        Files.walkFileTree(entry, totals);
        return new PluginFingerprint(totals.size, totals.newest, totals.files);
    }

    private static final class Totals extends SimpleFileVisitor<Path> {
        private long size;
        private Instant newest = Instant.EPOCH;
        private int files;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            touch(attrs);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            touch(attrs);
            if (attrs.isRegularFile()) {
                size += attrs.size();
                files++;
            }
            return FileVisitResult.CONTINUE;
        }

        private void touch(BasicFileAttributes attrs) {
            Instant time = attrs.lastModifiedTime().toInstant();
            if (time.isAfter(newest)) {
                newest = time;
            }
        }
    }
}
