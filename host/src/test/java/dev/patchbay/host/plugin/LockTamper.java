package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Changes to locked archives, as an attacker or an accident would make them, for the lockfile tests. */
final class LockTamper {

    private LockTamper() {
    }

    /**
     * Changes one byte of a class file in a jar: the last letter of its {@code SourceFile} attribute, so the class
     * still loads and only the bytes differ.
     */
    static void changeOneByteOfClass(Path jar, String entryName) throws IOException {
        rewriteEntry(jar, entryName, bytes -> {
            byte[] marker = ".java".getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(bytes, marker);
            if (at < 0) {
                throw new IllegalArgumentException(entryName + " has no SourceFile name to change");
            }
            byte[] changed = bytes.clone();
            changed[at + marker.length - 1] = 'b';
            return changed;
        });
    }

    /** Replaces one entry of a jar or zip with other bytes, keeping the other entries and their times. */
    static void replaceEntry(Path archive, String entryName, byte[] content) throws IOException {
        rewriteEntry(archive, entryName, bytes -> content);
    }

    private static void rewriteEntry(Path archive, String entryName, UnaryOperator<byte[]> change) throws IOException {
        Path rewritten = archive.resolveSibling(archive.getFileName() + ".tmp");
        boolean found = false;
        try (ZipFile zip = new ZipFile(archive.toFile());
                OutputStream file = Files.newOutputStream(rewritten);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals(entryName)) {
                    bytes = change.apply(bytes);
                    found = true;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (!found) {
            Files.delete(rewritten);
            throw new IllegalArgumentException(archive + " has no entry " + entryName);
        }
        Files.move(rewritten, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
