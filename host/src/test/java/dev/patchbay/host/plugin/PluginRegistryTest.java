package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.patchbay.api.ProcessorFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry's indexed lookups answer exactly what a scan of the sorted plugins answered before. */
class PluginRegistryTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("registries")
    void indexedLookupsAnswerLikeAScanOfTheSortedPlugins(String name, List<PluginInfo> infos) {
        PluginRegistry registry = new PluginRegistry();
        registry.replaceAll(infos);
        List<PluginInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparing(PluginInfo::id).thenComparing(PluginInfo::path));

        assertThat(registry.plugins()).containsExactlyElementsOf(sorted);
        for (String id : List.of("a", "b", "c", "dup", "z", "missing", "")) {
            assertThat(registry.plugin(id)).as("plugin(%s)", id).isEqualTo(scan(sorted, id));
        }
    }

    static Stream<Arguments> registries() {
        return Stream.of(
                Arguments.of("empty", List.of()),
                Arguments.of("one plugin", List.of(info("a", "a.jar", PluginState.RESOLVED))),
                Arguments.of("listed out of order", List.of(info("c", "c.jar", PluginState.RESOLVED),
                        info("a", "a.jar", PluginState.DISABLED), info("b", "b.jar", PluginState.FAILED))),
                Arguments.of("a duplicate id: the first in path order wins", List.of(
                        info("dup", "z-dup.jar", PluginState.FAILED), info("dup", "a-dup.jar", PluginState.FAILED),
                        info("a", "m.jar", PluginState.RESOLVED))));
    }

    @Test
    void publishingSeveralChangesShowsAllOfThemInOneSnapshotAndLeavesEarlierSnapshotsAlone() {
        PluginRegistry registry = new PluginRegistry();
        registry.replaceAll(List.of(info("b", "b.jar", PluginState.RESOLVED), info("a", "a.jar", PluginState.RESOLVED),
                info("c", "c.jar", PluginState.RESOLVED)));
        List<PluginInfo> before = registry.plugins();
        LoadedExtension extension = extension("a", "up");

        registry.publish(List.of(
                new PluginRegistry.Change(before.get(0).withState(PluginState.STARTED, List.of()), List.of(extension)),
                new PluginRegistry.Change(before.get(2).withState(PluginState.FAILED,
                        List.of(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "boom"))), List.of())));

        assertThat(before).extracting(PluginInfo::state).containsOnly(PluginState.RESOLVED);
        assertThat(registry.plugins()).extracting(PluginInfo::id).containsExactly("a", "b", "c");
        assertThat(registry.plugins()).extracting(PluginInfo::state)
                .containsExactly(PluginState.STARTED, PluginState.RESOLVED, PluginState.FAILED);
        assertThat(registry.extension("a", ExtensionKind.PROCESSOR, "up")).containsSame(extension);
        assertThat(registry.extension("a", ExtensionKind.SINK, "up")).isEmpty();
        assertThat(registry.extension("b", ExtensionKind.PROCESSOR, "up")).isEmpty();
        assertThat(registry.extension("nobody", ExtensionKind.PROCESSOR, "up")).isEmpty();
    }

    @Test
    void extensionsOfOneVersionAreServedByTheFirstStartedArchiveInPathOrder() {
        PluginRegistry registry = new PluginRegistry();
        PluginInfo first = info("dup", "a.jar", PluginState.RESOLVED);
        PluginInfo second = info("dup", "b.jar", PluginState.RESOLVED);
        registry.replaceAll(List.of(second, first));
        LoadedExtension fromFirst = extension("dup", "x");
        LoadedExtension fromSecond = extension("dup", "x");

        registry.update(second.withState(PluginState.STARTED, List.of()), List.of(fromSecond));
        assertThat(registry.extension("dup", ExtensionKind.PROCESSOR, "x")).containsSame(fromSecond);
        registry.update(first.withState(PluginState.STARTED, List.of()), List.of(fromFirst));

        assertThat(registry.extension("dup", ExtensionKind.PROCESSOR, "x")).containsSame(fromFirst);
        assertThat(registry.plugin("dup")).map(PluginInfo::path).contains(Path.of("a.jar"));
    }

    @Test
    void aChangeForAPathNotYetKnownIsAddedInSortedOrder() {
        PluginRegistry registry = new PluginRegistry();
        registry.replaceAll(List.of(info("b", "b.jar", PluginState.RESOLVED), info("d", "d.jar", PluginState.RESOLVED)));

        registry.update(info("c", "c.jar", PluginState.FAILED), List.of());
        registry.update(info("a", "a.jar", PluginState.FAILED), List.of());

        assertThat(registry.plugins()).extracting(PluginInfo::id).containsExactly("a", "b", "c", "d");
        assertThat(registry.plugin("c")).map(PluginInfo::state).contains(PluginState.FAILED);
        assertThat(registry.plugin("d")).map(PluginInfo::state).contains(PluginState.RESOLVED);
    }

    @Test
    void publishingNothingKeepsTheSnapshot() {
        PluginRegistry registry = new PluginRegistry();
        registry.replaceAll(List.of(info("a", "a.jar", PluginState.RESOLVED)));
        List<PluginInfo> before = registry.plugins();

        registry.publish(List.of());

        assertThat(registry.plugins()).isSameAs(before);
    }

    private static Optional<PluginInfo> scan(List<PluginInfo> sorted, String id) {
        return sorted.stream().filter(info -> info.id().equals(id)).findFirst();
    }

    private static PluginInfo info(String id, String path, PluginState state) {
        return new PluginInfo(id, "1.0.0", "", "", "", "*", List.of(), Path.of(path), state,
                List.of(new ExtensionDescriptor(ExtensionKind.PROCESSOR, "up", "", "com.example.Up")), List.of());
    }

    private static LoadedExtension extension(String pluginId, String name) {
        return new LoadedExtension(PluginHandle.standalone(pluginId, "1.0.0", new PluginScope(pluginId,
                PluginRegistryTest.class.getClassLoader())), new ExtensionDescriptor(ExtensionKind.PROCESSOR, name, "",
                "com.example.Up"), mock(ProcessorFactory.class));
    }
}
