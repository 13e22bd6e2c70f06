package dev.patchbay.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Row;
import dev.patchbay.testkit.PluginUnderTest;
import dev.patchbay.testkit.ProcessorTester;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}: the built jar goes through the host's real discovery, verification and
 * class-loader isolation, as it would in a plugins folder, and its processor runs there.
 */
class HelloArchiveIT {

    private static final Path ARCHIVE = Path.of(System.getProperty("plugin.archive"));

    @Test
    void theBuiltJarLoadsInTheHostAndGreets() {
        try (PluginUnderTest plugin = PluginUnderTest.load(ARCHIVE);
                ProcessorTester greet = ProcessorTester.create(plugin.processor("greet"), Map.of())) {
            assertThat(plugin.id()).isEqualTo("hello");
            assertThat(plugin.version()).isEqualTo("1.0.0");
            assertThat(greet.process(Row.of(Map.of("name", "Ada"))))
                    .containsExactly(Row.of(Map.of("name", "Ada", "greeting", "Hello, Ada!")));
        }
    }
}
