package dev.patchbay.host.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small plugin archives for CLI tests: real jars with a plugin manifest, or corrupt files. */
final class PluginJars {

    private PluginJars() {
    }

    /** A jar whose manifest declares the plugin, with no extensions. */
    static Path plugin(Path directory, String id, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Provider", "Tests");
        main.putValue("Plugin-License", "Apache-2.0");
        main.putValue("Plugin-Description", "Test plugin " + id);
        main.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        Files.createDirectories(directory);
        Path jar = directory.resolve(id + "-" + version + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
        return jar;
    }

    /** A file named like a jar that is not a zip at all. */
    static Path corrupt(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        return Files.write(directory.resolve(name), "this is not a jar".getBytes());
    }
}
