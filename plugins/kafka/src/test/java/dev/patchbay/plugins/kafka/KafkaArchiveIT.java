package dev.patchbay.plugins.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Source;
import dev.patchbay.testkit.PluginUnderTest;
import dev.patchbay.testkit.SinkTester;
import dev.patchbay.testkit.SourceTester;
import dev.patchbay.testkit.TestContext;
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
 * Checks the built plugin archive: its layout and bundled jars, and that it loads through the host's real
 * discovery, linkage check and isolated class loaders (the test kit's {@link PluginUnderTest}), where a consumer
 * and a producer can be created. No broker is needed: creating either client does not connect.
 */
class KafkaArchiveIT {

    private final Path archive = Path.of(System.getProperty("plugin.archive"));
    private final String kafkaVersion = System.getProperty("kafka.version");

    @Test
    void archiveHoldsTheManifestClassesAndTheBundledLibrariesButNoSlf4jOrApi() throws IOException {
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(name -> !name.endsWith("/")).forEach(entries::add);
            try (InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
                Manifest manifest = new Manifest(in);
                assertThat(manifest.getMainAttributes().getValue("Plugin-Id")).isEqualTo("kafka");
                assertThat(manifest.getMainAttributes().getValue("Plugin-Version")).isEqualTo("1.0.0");
                assertThat(manifest.getMainAttributes().getValue("Plugin-Requires")).isEqualTo(">=1.3.0 & <2.0.0");
            }
        }
        assertThat(entries).contains(
                "classes/META-INF/services/dev.patchbay.api.SourceFactory",
                "classes/META-INF/services/dev.patchbay.api.SinkFactory",
                "lib/kafka-clients-" + kafkaVersion + "-without-exit.jar");
        assertThat(entries).anyMatch(name -> name.matches("lib/jackson-core-.+\\.jar"));
        assertThat(entries).allSatisfy(
                name -> assertThat(name).matches("META-INF/MANIFEST\\.MF|classes/.+|lib/[^/]+\\.jar"));
        assertThat(entries).noneMatch(name -> name.contains("slf4j") || name.contains("patchbay-api")
                || name.contains("kotlin") || name.contains("dev/patchbay/api/"));
    }

    @Test
    void bothFactoriesAreDiscoveredAndCreateTheirClientsInsideThePluginsClassLoader() throws Exception {
        try (PluginUnderTest plugin = PluginUnderTest.load(archive)) {
            assertThat(plugin.id()).isEqualTo("kafka");
            assertThat(plugin.version()).isEqualTo("1.0.0");
            assertThat(plugin.extensions()).containsExactly("source/source", "sink/sink");
            ClassLoader pluginLoader = plugin.source("source").getClass().getClassLoader();
            assertThat(pluginLoader.loadClass("org.apache.kafka.clients.consumer.KafkaConsumer").getClassLoader())
                    .isSameAs(pluginLoader);

            SourceTester source = SourceTester.create(plugin.source("source"), Map.of(
                    "bootstrapServers", "127.0.0.1:9", "groupId", "archive-test", "topics", List.of("orders")),
                    TestContext.builder().pluginId("kafka").extensionName("source").build());
            try (Source consumer = source.open(source.context())) {
                assertThat(consumer.position().value()).isEmpty();
            }
            try (SinkTester sink = SinkTester.create(plugin.sink("sink"), Map.of(
                    "bootstrapServers", "127.0.0.1:9", "topic", "orders"),
                    TestContext.builder().pluginId("kafka").extensionName("sink").build())) {
                assertThat(sink.sink().getClass().getClassLoader()).isSameAs(pluginLoader);
            }
        }
    }
}
