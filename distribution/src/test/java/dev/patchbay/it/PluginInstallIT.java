package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugins install} and {@code plugins remove} through the real launcher: an upgrade of the bundled {@code hello}
 * plugin with {@code --replace}, then a removal that a configured pipeline refuses and {@code --force} carries out.
 */
class PluginInstallIT {

    private static final String CONFIG = """
            {
              "logging": { "level": "WARN" },
              "pipelines": {
                "greetings": {
                  "source": { "use": "files/csv-source", "settings": { "path": "data/in.csv" } },
                  "processors": [ { "use": "hello/greet" } ],
                  "sink": { "use": "console/print" }
                }
              }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void upgradeWithReplaceThenRemoveRefusedThenForced() throws Exception {
        Patchbay patchbay = new Patchbay(temp.resolve("home"));
        Path plugins = patchbay.copyPlugins();
        patchbay.config(CONFIG);
        Path old = archiveOf(plugins, "hello");
        Path upgrade = withVersion(old, "9.9.9", temp.resolve("downloads/hello-9.9.9.jar"));

        Patchbay.Result install = patchbay.run("plugins", "install", "--replace", upgrade.toString());

        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
        assertThat(install.stdout()).contains("OK      " + upgrade, "installed " + plugins.resolve("hello-9.9.9.jar"),
                "removed the older version " + old);
        assertThat(old).doesNotExist();
        assertThat(temp.resolve("home/state/install-staging")).doesNotExist();
        Patchbay.Result list = patchbay.run("plugins", "list");
        assertThat(list.stdout()).contains("hello", "9.9.9");

        Patchbay.Result refused = patchbay.run("plugins", "remove", "hello");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("plugin 'hello' is needed by 1 configured pipeline: pipeline"
                + " 'greetings' (processors[0] hello/greet)", "--force");
        assertThat(plugins.resolve("hello-9.9.9.jar")).exists();

        Patchbay.Result forced = patchbay.run("plugins", "remove", "hello", "--force");

        assertThat(forced.exitCode()).as(forced.stderr()).isZero();
        assertThat(forced.stderr()).contains("that pipeline will not run");
        assertThat(forced.stdout()).contains("removed " + plugins.resolve("hello-9.9.9.jar"));
        assertThat(plugins.resolve("hello-9.9.9.jar")).doesNotExist();
    }

    /** The archive in the folder whose manifest declares this plugin id. */
    private static Path archiveOf(Path plugins, String id) throws IOException {
        try (Stream<Path> files = Files.list(plugins)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (JarFile jar = new JarFile(file.toFile())) {
                    Manifest manifest = jar.getManifest();
                    if (manifest != null && id.equals(manifest.getMainAttributes().getValue("Plugin-Id"))) {
                        return file;
                    }
                }
            }
        }
        throw new AssertionError("no archive of plugin '" + id + "' in " + plugins);
    }

    /** A copy of a plugin jar with another Plugin-Version: a real, verifiable newer version of the same plugin. */
    private static Path withVersion(Path jar, String version, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream file = Files.newInputStream(jar); JarInputStream in = new JarInputStream(file)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Plugin-Version"), version);
            try (OutputStream written = Files.newOutputStream(target);
                    JarOutputStream out = new JarOutputStream(written, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        assertThat(List.of(target)).allMatch(Files::isRegularFile);
        return target;
    }
}
