package dev.patchbay.host.plugin;

import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.TestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plugin archives for the signature tests, built at test time: a jar plugin, and zip and folder plugins whose code
 * is in {@code lib/} jars, each signed (or not) by a {@link TestSigner}, and tampered with after signing.
 */
final class SignedArchives {

    /** A class file entry of every archive here, the one tampering replaces. */
    static final String FACTORY_ENTRY = "com/acme/signed/Factory.class";

    private SignedArchives() {
    }

    /** A jar plugin with one processor factory, unsigned. */
    static Path jar(Path directory, String id) {
        return PluginJarBuilder.plugin(id).processor("com.acme.signed.Factory", id).buildJar(mkdirs(directory));
    }

    static Path signedJar(Path directory, String id, TestSigner signer) {
        return signer.sign(jar(directory, id));
    }

    /** A library jar holding a processor factory and its service file, for a zip or folder plugin's lib/. */
    static Path libJar(Path directory, String name) {
        return PluginJarBuilder.library(name).processor("com.acme.signed.Factory", name)
                .buildJar(mkdirs(directory.resolve("libs-" + name)));
    }

    /** A zip plugin with no classes/ and these lib/ jars. */
    static Path zip(Path directory, String id, Path... libs) {
        PluginJarBuilder plugin = PluginJarBuilder.plugin(id);
        for (Path lib : libs) {
            plugin.lib(lib);
        }
        return plugin.buildZip(mkdirs(directory));
    }

    static Path zipWithTopFolder(Path directory, String id, Path... libs) {
        PluginJarBuilder plugin = PluginJarBuilder.plugin(id);
        for (Path lib : libs) {
            plugin.lib(lib);
        }
        return plugin.buildZipWithTopFolder(mkdirs(directory));
    }

    /** A folder plugin with no classes/ and these lib/ jars. */
    static Path folder(Path directory, String id, Path... libs) {
        PluginJarBuilder plugin = PluginJarBuilder.plugin(id);
        for (Path lib : libs) {
            plugin.lib(lib);
        }
        return plugin.buildFolder(mkdirs(directory));
    }

    /** A folder plugin whose factory is in classes/, which no signature can cover. */
    static Path folderWithClasses(Path directory, String id) {
        return PluginJarBuilder.plugin(id).processor("com.acme.signed.Factory", id).buildFolder(mkdirs(directory));
    }

    /** A zip plugin whose factory is in classes/, beside a signed lib/ jar. */
    static Path zipWithClasses(Path directory, String id, Path lib) {
        return PluginJarBuilder.plugin(id).processor("com.acme.signed.Other", id + "-other").lib(lib)
                .buildZip(mkdirs(directory));
    }

    /** Adds an entry the signature does not cover, as {@code jar uf} or a zip tool would. */
    static Path withAddedEntry(Path jar, String name) {
        return TestSigner.addEntry(jar, name, "added after signing".getBytes(StandardCharsets.UTF_8));
    }

    /** Changes one byte of the factory's class file, keeping the signature files. */
    static Path withModifiedFactory(Path jar) {
        byte[] bytes;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
                java.io.InputStream in = zip.getInputStream(zip.getEntry(FACTORY_ENTRY))) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes[bytes.length - 1] ^= 1;
        return TestSigner.replaceEntry(jar, FACTORY_ENTRY, bytes);
    }

    /** Edits the signature file, so that its signature block no longer verifies. */
    static Path withEditedSignatureFile(Path jar) {
        String name = "META-INF/SIGNER.SF";
        byte[] bytes;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
                java.io.InputStream in = zip.getInputStream(zip.getEntry(name))) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String edited = new String(bytes, StandardCharsets.UTF_8).replace("Created-By:", "Created-By: someone else,");
        return TestSigner.replaceEntry(jar, name, edited.getBytes(StandardCharsets.UTF_8));
    }

    private static Path mkdirs(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
