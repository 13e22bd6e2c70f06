package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The manifest pass of a start of a few plugins: every readable manifest, on threads that end before it returns. */
class ManifestPassTest {

    @TempDir
    Path plugins;

    @ParameterizedTest(name = "{0} archives")
    @ValueSource(ints = {0, 1, 7})
    void readsEveryReadableManifestAndItsThreadsEndBeforeItReturns(int count) throws IOException {
        List<Path> archives = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            archives.add(PluginJarBuilder.plugin("p" + i).processor("com.example.p" + i + ".Probe", "probe")
                    .buildJar(plugins));
        }
        Path notAJar = Files.writeString(plugins.resolve("broken.jar"), "not a zip");
        archives.add(notAJar);

        Map<Path, PluginManifest> manifests = new ManifestPass<>(new PluginDiscovery()::manifest,
                PlatformThreads.named("patchbay-plugin-manifest-")).read(archives);

        assertThat(manifests).hasSize(count).doesNotContainKey(notAJar);
        manifests.forEach((path, manifest) -> assertThat(path.getFileName().toString()).startsWith(manifest.id()));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName()
                .startsWith("patchbay-plugin-manifest-"));
    }
}
