package dev.patchbay.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ProcessorFactory;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarGeneratorTest {

    @TempDir
    Path root;

    @Test
    void writesEachSetWithManifestServiceFileAndAnnotatedFactoriesOfAFewKilobytes() throws Exception {
        PluginJarGenerator.main(new String[] {root.toString(), "2", "3"});

        assertThat(jars(root.resolve("plugins-2"))).hasSize(2);
        List<Path> jars = jars(root.resolve("plugins-3"));
        assertThat(jars).hasSize(3);
        List<ProcessorFactory> factories = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes manifest = file.getManifest().getMainAttributes();
                assertThat(manifest.getValue("Plugin-Id")).startsWith("gen-");
                assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
                assertThat(file.getEntry(PluginJarGenerator.SERVICE_FILE)).isNotNull();
                assertThat(file.stream().filter(e -> e.getName().endsWith("Factory.class")))
                        .allMatch(e -> e.getSize() > 4000 && e.getSize() < 10000);
            }
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    getClass().getClassLoader())) {
                ServiceLoader.load(ProcessorFactory.class, loader).forEach(factories::add);
            }
        }
        assertThat(factories).hasSize(PluginJarGenerator.extensionCount(3));
        assertThat(factories).allMatch(f -> f.getClass().isAnnotationPresent(Extension.class))
                .allMatch(f -> !f.settings().isEmpty());
    }

    @Test
    void leavesACompleteSetAlone() throws IOException {
        PluginJarGenerator.main(new String[] {root.toString(), "2"});
        Path jar = jars(root.resolve("plugins-2")).get(0);
        long modified = Files.getLastModifiedTime(jar).toMillis();

        PluginJarGenerator.main(new String[] {root.toString(), "2"});

        assertThat(Files.getLastModifiedTime(jar).toMillis()).isEqualTo(modified);
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
