package dev.patchbay.host.cli;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Real plugin jars for the install, remove and verify --home tests, and a fingerprint of a plugins folder. */
final class PluginInstallFixture {

    private PluginInstallFixture() {
    }

    /** A plugin with one processor, {@code <id>/p}, as {@code <id>-<version>.jar}; it passes verify. */
    static PluginJarBuilder plugin(String id, String version) {
        String className = "t." + id.replace('-', '_') + ".Proc";
        return PluginJarBuilder.plugin(id).version(version).fileName(id + "-" + version).processor(className, "p");
    }

    static Path jar(Path directory, String id, String version) {
        return plugin(id, version).buildJar(directory);
    }

    /** Every file under the folder, by relative path, with a SHA-256 of its content: equal means unchanged. */
    static Map<String, String> fingerprint(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(folder.relativize(file).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
