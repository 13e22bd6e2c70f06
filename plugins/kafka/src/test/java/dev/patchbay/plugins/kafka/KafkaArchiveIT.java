package dev.patchbay.plugins.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Row;
import dev.patchbay.api.Source;
import dev.patchbay.kafka.broker.KafkaBroker;
import dev.patchbay.kafka.broker.SharedKafkaBroker;
import dev.patchbay.testkit.PluginUnderTest;
import dev.patchbay.testkit.SinkTester;
import dev.patchbay.testkit.SourceTester;
import dev.patchbay.testkit.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
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
 * and a producer can be created (creating either client does not connect), and where each compression codec's
 * native library loads and works against a real broker.
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
    void everyCompressionCodecWorksInsideThePluginsClassLoaderAgainstARealBroker() throws Exception {
        KafkaBroker broker = SharedKafkaBroker.get();
        List<String> codecs = List.of("zstd", "lz4", "snappy", "gzip");
        try (PluginUnderTest plugin = PluginUnderTest.load(archive)) {
            ClassLoader pluginLoader = plugin.sink("sink").getClass().getClassLoader();
            for (String codec : codecs) {
                String topic = "archive-codec-" + codec;
                broker.createTopic(topic, 1);
                List<Row> sent = List.of(Row.of(Map.of("codec", codec, "n", 1L)), Row.of(Map.of("codec", codec,
                        "n", 2L)));
                try (SinkTester sink = SinkTester.create(plugin.sink("sink"), Map.of("bootstrapServers",
                        broker.bootstrap(), "topic", topic, "properties", Map.of("compression.type", codec)),
                        TestContext.builder().pluginId("kafka").extensionName("sink").build())) {
                    sink.write(sent);
                    sink.flush();
                }
                TestContext context = TestContext.builder().pluginId("kafka").extensionName("source").build();
                SourceTester source = SourceTester.create(plugin.source("source"), Map.of("bootstrapServers",
                        broker.bootstrap(), "groupId", topic, "topics", List.of(topic), "topicField", "",
                        "partitionField", "", "offsetField", "", "timestampField", "", "headersField", "",
                        "keyField", ""), context);
                List<Row> read = new ArrayList<>();
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(pluginLoader);
                try (Source consumer = source.open(context)) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (read.size() < sent.size()) {
                        assertThat(System.nanoTime()).as("%s records read back within 90 s", codec)
                                .isLessThan(deadline);
                        consumer.poll(read::add);
                    }
                } finally {
                    thread.setContextClassLoader(previous);
                }
                assertThat(read).as(codec).containsExactlyElementsOf(sent);
            }
        }
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
