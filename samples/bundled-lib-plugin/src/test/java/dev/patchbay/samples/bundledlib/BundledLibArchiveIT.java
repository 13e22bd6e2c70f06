package dev.patchbay.samples.bundledlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.testkit.PluginUnderTest;
import dev.patchbay.testkit.ProcessorTester;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Checks the built plugin archive: its layout, and that it loads through the host's real discovery, verification
 * and isolated class loaders (the test kit's {@link PluginUnderTest}) and runs on the Jackson it bundles.
 */
class BundledLibArchiveIT {

    private final Path archive = Path.of(System.getProperty("plugin.archive"));
    private final String bundledVersion = System.getProperty("bundled.jackson.version");

    @Test
    void archiveHasTheManifestAtTheRootClassesAndLibraries() throws IOException {
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(name -> !name.endsWith("/")).forEach(entries::add);
            try (InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
                Manifest manifest = new Manifest(in);
                assertThat(manifest.getMainAttributes().getValue("Plugin-Id")).isEqualTo("bundled-lib");
                assertThat(manifest.getMainAttributes().getValue("Plugin-Version")).isEqualTo("1.0.0");
                assertThat(manifest.getMainAttributes().getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            }
        }
        assertThat(entries).contains(
                "META-INF/MANIFEST.MF",
                "classes/META-INF/services/dev.patchbay.api.ProcessorFactory",
                "classes/dev/patchbay/samples/bundledlib/JsonFieldProcessorFactory.class",
                "lib/jackson-core-" + bundledVersion + ".jar");
        assertThat(entries).allSatisfy(
                name -> assertThat(name).matches("META-INF/MANIFEST\\.MF|classes/.+|lib/[^/]+\\.jar"));
        assertThat(entries).noneMatch(name -> name.contains("dev/patchbay/api/") || name.contains("patchbay-api"));
    }

    @Test
    void pluginLoadsThroughTheRealHostAndRunsOnItsOwnJackson() throws Exception {
        try (PluginUnderTest plugin = PluginUnderTest.load(archive)) {
            assertThat(plugin.id()).isEqualTo("bundled-lib");
            assertThat(plugin.version()).isEqualTo("1.0.0");
            assertThat(plugin.extensions()).containsExactly("processor/json-field");
            ProcessorFactory factory = plugin.processor("json-field");
            ClassLoader pluginLoader = factory.getClass().getClassLoader();
            assertThat(pluginLoader).hasToString("PatchbayClassLoader[bundled-lib]");
            assertThat(pluginLoader.loadClass("com.fasterxml.jackson.core.JsonFactory").getClassLoader())
                    .isSameAs(pluginLoader);

            try (ProcessorTester jsonField = ProcessorTester.create(factory, Map.of("field", "p"))) {
                assertThat(jsonField.process(Row.of(Map.of("p", "{\"n\":[1,2]}"))))
                        .containsExactly(Row.of(Map.of("p", Map.of("n", List.of(1L, 2L)),
                                "jacksonVersion", bundledVersion)));
            }
        }
    }
}
