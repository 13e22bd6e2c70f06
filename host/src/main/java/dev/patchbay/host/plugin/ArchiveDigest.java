package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 digests of plugin archives, as lower-case hex: of a jar or zip file, of a stream (a {@code lib/} jar
 * inside a zip), and of a folder plugin (its files' relative paths and contents, in path order, so that the
 * digest does not depend on the order the file system lists them in).
 */
final class ArchiveDigest {

    private static final int BUFFER = 64 * 1024;

    private ArchiveDigest() {
    }

    /** @throws IOException naming the file when it cannot be read */
    static String of(Path archive) throws IOException {
        return Files.isDirectory(archive) ? ofFolder(archive) : ofFile(archive);
    }

    static String ofFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (IOException e) {
            throw new IOException("cannot read '" + file + "' to compute its SHA-256: " + e.getMessage(), e);
        }
    }

    /** Reads the stream to its end; the caller closes it. */
    static String of(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String ofFolder(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IOException("cannot list the folder plugin '" + folder + "' to compute its SHA-256: "
                    + e.getMessage(), e);
        }
        MessageDigest digest = sha256();
        for (Path file : files) {
            // Each path and content digest is length-prefixed by construction (fixed-size digest, path then NUL),
            // so two different trees cannot feed the same bytes.
            digest.update(folder.relativize(file).toString().replace('\\', '/').getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(HexFormat.of().parseHex(ofFile(file)));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java SE platform must provide", e);
        }
    }
}
