package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.Row;
import dev.patchbay.testkit.PluginUnderTest;
import dev.patchbay.testkit.ProcessorTester;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}: loads the built jar through the host's real discovery, verification and
 * class-loader isolation, as {@code plugins/} would, and runs its processor. A jar the host would reject
 * (no service file, a missing library, a bundled api) fails here, in the plugin's own build.
 */
class PluginArchiveIT {

    private static final Path ARCHIVE = Path.of(System.getProperty("plugin.archive"));

    @Test
    void theBuiltJarLoadsAndRunsInTheHost() throws Exception {
        try (PluginUnderTest plugin = PluginUnderTest.load(ARCHIVE);
                ProcessorTester tester = ProcessorTester.create(plugin.processor("upper-case"),
                        Map.of("fields", List.of("name")))) {
            assertEquals("${pluginId}", plugin.id());
            assertEquals(List.of(Row.of(Map.of("name", "GRACE"))), tester.process(Row.of(Map.of("name", "Grace"))));
        }
    }
}
