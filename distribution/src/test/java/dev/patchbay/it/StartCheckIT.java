package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist/bin/patchbay plugins verify --start} on a plugin whose factory's static initialiser never returns: the
 * launcher's process ends within the time limit, reports the plugin FAILED with PB-PLUGIN-020, and no JVM of the
 * check is left running.
 */
class StartCheckIT {

    private static final String HANG = """
            package com.example.hang;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "hang", description = "Never finishes initialising.")
            public class Hang implements ProcessorFactory {
                static {
                    while (!Boolean.getBoolean("never.set")) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException ignored) {
                            // a hostile plugin drops every interrupt
                        }
                    }
                }

                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    return (record, out) -> out.emit(record);
                }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void verifyStartOnAHangingInitialiserReturnsWithinTheLimit() throws Exception {
        Path jar = hangingPlugin(temp.resolve("hang-1.0.0.jar"));
        Patchbay patchbay = new Patchbay(temp.resolve("home"));
        long limitMillis = 15_000;
        long began = System.nanoTime();
        java.time.Instant since = java.time.Instant.now();

        Patchbay.Result result = patchbay.run("plugins", "verify", "--start", "--start-timeout",
                Long.toString(limitMillis), jar.toString());

        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout()).contains("FAILED  " + jar, "PB-PLUGIN-020",
                "did not report within 15000 ms, so it was killed");
        // The launcher's own JVM start and the kill's aftermath come on top of the limit.
        assertThat(took).isLessThan(Duration.ofMillis(limitMillis).plusSeconds(20));
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains("dev.patchbay.host.plugin.StartProbe")).orElse(false)
                && p.info().startInstant().map(start -> !start.isBefore(since)).orElse(false)).toList())
                .as("a start-check JVM started by this test still runs").isEmpty();
    }

    private Path hangingPlugin(Path jar) throws IOException {
        byte[] hang = PluginArchives.compile(Files.createDirectories(temp.resolve("work")), "com.example.hang.Hang",
                HANG);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "hang");
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("com/example/hang/Hang.class"));
            out.write(hang);
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/dev.patchbay.api.ProcessorFactory"));
            out.write("com.example.hang.Hang\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
