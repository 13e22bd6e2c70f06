package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.VersionUsers.StageUser;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which pipeline stage uses which installed version: the one its pin resolves to. */
class VersionUsersTest {

    private static final Path HOME = Path.of("/opt/patchbay");

    private static PatchbayConfig config(String sourcePin, String sinkPin) {
        String text = ("{'pipelines': {"
                + "'orders': {'source': {'use': 'files/csv-source'" + pin(sourcePin) + "},"
                + "  'sink': {'use': 'files/jsonl-sink'" + pin(sinkPin) + "}},"
                + "'other': {'source': {'use': 'gen/numbers'}, 'sink': {'use': 'files/jsonl-sink'},"
                + "  'errors': {'tolerance': 'all', 'deadLetter': {'use': 'files/jsonl-sink', 'version': '<1.1.0'}}}"
                + "}}").replace('\'', '"');
        return new ConfigReader().parse(new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false), text);
    }

    private static String pin(String pin) {
        return pin == null ? "" : ", 'version': '" + pin + "'";
    }

    private static PluginInfo files(String version, PluginState state, ExtensionDescriptor... extensions) {
        return new PluginInfo("files", version, "", "", "", "*", List.of(), Path.of("files-" + version + ".jar"),
                state, List.of(extensions), List.of());
    }

    private static final ExtensionDescriptor CSV = new ExtensionDescriptor(ExtensionKind.SOURCE, "csv-source", "", "C");
    private static final ExtensionDescriptor JSONL = new ExtensionDescriptor(ExtensionKind.SINK, "jsonl-sink", "", "J");

    private static final List<PluginInfo> INSTALLED = List.of(files("1.0.0", PluginState.STARTED, CSV, JSONL),
            files("1.1.0", PluginState.RESOLVED, CSV, JSONL), files("1.2.0", PluginState.FAILED, CSV, JSONL),
            files("2.0.0", PluginState.STARTED, JSONL));

    static Stream<Arguments> pins() {
        return Stream.of(
                // The highest usable version with the extension: 1.2.0 FAILED, 2.0.0 has no csv-source.
                Arguments.of(null, null, "1.1.0", "2.0.0"),
                Arguments.of("<1.1.0", "1.x", "1.0.0", "1.1.0"),
                Arguments.of("=1.2.0", "=1.1.0", null, "1.1.0"),
                Arguments.of(">=3.0.0", "<1.1.0", null, "1.0.0"));
    }

    @ParameterizedTest(name = "source {0}, sink {1}")
    @MethodSource("pins")
    void eachStageIsTheUserOfTheVersionItsPinResolvesTo(String sourcePin, String sinkPin, String sourceVersion,
            String sinkVersion) {
        VersionUsers users = VersionUsers.of(config(sourcePin, sinkPin), INSTALLED);

        for (PluginInfo plugin : INSTALLED) {
            List<String> stages = users.of(plugin).stream().filter(u -> u.pipeline().equals("orders"))
                    .map(StageUser::stage).toList();
            assertThat(stages.contains("source")).as("source on %s", plugin.version())
                    .isEqualTo(plugin.version().equals(sourceVersion));
            assertThat(stages.contains("sink")).as("sink on %s", plugin.version())
                    .isEqualTo(plugin.version().equals(sinkVersion));
        }
    }

    @Test
    void usersAreListedInConfigurationOrderAndDescribedPerPipeline() {
        VersionUsers users = VersionUsers.of(config(null, "<1.1.0"), INSTALLED);

        assertThat(users.of(INSTALLED.get(0))).containsExactly(
                new StageUser("orders", "sink", "files/jsonl-sink"),
                new StageUser("other", "errors.deadLetter", "files/jsonl-sink"));
        assertThat(VersionUsers.describe(users.of(INSTALLED.get(0)))).containsExactly(
                "pipeline 'orders' (sink files/jsonl-sink)", "pipeline 'other' (errors.deadLetter files/jsonl-sink)");
        assertThat(VersionUsers.describe(users.of(INSTALLED.get(1))))
                .containsExactly("pipeline 'orders' (source files/csv-source)");
        assertThat(users.of(INSTALLED.get(2))).as("a FAILED version has no users").isEmpty();
        assertThat(VersionUsers.describe(users.of(INSTALLED.get(3))))
                .containsExactly("pipeline 'other' (sink files/jsonl-sink)");
    }
}
