package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lockfile through the real launcher: {@code plugins lock}, then {@code run} under {@code "lock": "enforce"}
 * before and after a tampered copy of a locked jar is dropped into the plugins folder.
 */
class LockfileIT {

    private static final String CONFIG = """
            {
              "logging": { "level": "WARN" },
              "plugins": { "lock": "enforce" },
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
    void aTamperedJarIsRefusedUnderEnforceAndTheRunFailsNamingIt() throws Exception {
        Patchbay patchbay = new Patchbay(temp.resolve("home"));
        Path plugins = patchbay.copyPlugins();
        patchbay.config(CONFIG);
        Files.writeString(patchbay.home().resolve("data/in.csv"), "name\nAda\n", StandardCharsets.UTF_8);
        Path lockFile = patchbay.home().resolve("config/plugins.lock");

        Patchbay.Result lock = patchbay.run("plugins", "lock");

        assertThat(lock.exitCode()).as(lock.output()).isZero();
        assertThat(lock.stdout()).contains("locked ", " archives in " + lockFile);
        Patchbay.Result locked = patchbay.run("run");
        assertThat(locked.exitCode()).as(locked.output()).isZero();
        assertThat(locked.output()).doesNotContain("PB-PLUGIN-02");

        Path installed = archiveOf(plugins, "hello");
        Path hello = installed.getFileName();
        String services = "META-INF/services/dev.patchbay.api.ProcessorFactory";
        byte[] changed;
        try (JarFile jar = new JarFile(installed.toFile())) {
            changed = (new String(jar.getInputStream(jar.getEntry(services)).readAllBytes(), StandardCharsets.UTF_8)
                    + "\n").getBytes(StandardCharsets.UTF_8);
        }
        String version;
        try (JarFile jar = new JarFile(installed.toFile())) {
            version = jar.getManifest().getMainAttributes().getValue("Plugin-Version");
        }
        // One more blank line in a service file: the plugin still works, only its bytes differ from the lock.
        Path tampered = PluginArchives.rewrite(installed,
                Files.createDirectories(temp.resolve("work/tampered")).resolve(hello),
                version, Map.of(services, changed));
        Files.move(tampered, installed, StandardCopyOption.REPLACE_EXISTING);

        Patchbay.Result refused = patchbay.run("run");

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(EXPECTED_EXIT);
        assertThat(refused.output()).contains("PB-PLUGIN-021", "plugin archive '" + hello
                + "' differs from the lockfile '" + lockFile + "'", "expected SHA-256 ", "actual ");
    }

    /** A pipeline whose stage's plugin FAILED is a configuration error: exit 2, nothing runs. */
    private static final int EXPECTED_EXIT = 2;

    /** The archive in the folder whose manifest declares this plugin id. */
    private static Path archiveOf(Path plugins, String id) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(plugins)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (JarFile jar = new JarFile(file.toFile())) {
                    if (jar.getManifest() != null
                            && id.equals(jar.getManifest().getMainAttributes().getValue("Plugin-Id"))) {
                        return file;
                    }
                }
            }
        }
        throw new AssertionError("no archive of plugin '" + id + "' in " + plugins);
    }
}
