package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PluginPlatform#startPlugins}: only the plugins asked for and the versions they link start; every other
 * plugin stays RESOLVED and none of its code runs, also across live changes, until it is asked for or linked.
 */
class PluginStartOnDemandTest {

    @TempDir
    Path plugins;

    @TempDir
    Path markers;

    /** A plugin whose processor's static initialiser writes a marker file named after the plugin. */
    private Path marked(String id, String version, String dependencies) {
        String className = "com.example." + id.replace('-', '_') + ".Probe" + version.replace('.', '_');
        Path marker = markers.resolve(id + "-" + version);
        String body = """
                static {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                """.formatted(marker.toAbsolutePath().toString().replace("\\", "\\\\"));
        PluginJarBuilder plugin = PluginJarBuilder.plugin(id).version(version).fileName(id + "-" + version)
                .source(className, Sources.processor(className, "probe", body))
                .service(ProcessorFactory.class, className);
        if (!dependencies.isEmpty()) {
            plugin.dependencies(dependencies);
        }
        plugin.buildJar(plugins);
        return marker;
    }

    private static Map<String, PluginState> states(List<PluginInfo> infos) {
        Map<String, PluginState> states = new LinkedHashMap<>();
        infos.forEach(info -> states.put(info.id() + "@" + info.version(), info.state()));
        return states;
    }

    static Stream<Arguments> asked() {
        return Stream.of(
                Arguments.of("nothing", Set.of(), Set.of()),
                Arguments.of("a plugin without dependencies", Set.of("lib"), Set.of("lib@1.0.0")),
                Arguments.of("a plugin and its required dependency", Set.of("app"), Set.of("app@1.0.0", "lib@1.0.0")),
                Arguments.of("a plugin and its optional dependency, which is installed", Set.of("extra"),
                        Set.of("extra@1.0.0", "lib@1.0.0")),
                Arguments.of("every version of an id", Set.of("multi"), Set.of("multi@1.0.0", "multi@2.0.0")),
                Arguments.of("an id no archive has", Set.of("absent"), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("asked")
    void startsWhatIsAskedForAndWhatItLinksAndNoOtherPluginCodeRuns(String name, Set<String> ids,
            Set<String> expected) {
        Map<String, Path> markersByKey = new LinkedHashMap<>();
        markersByKey.put("lib@1.0.0", marked("lib", "1.0.0", ""));
        markersByKey.put("app@1.0.0", marked("app", "1.0.0", "lib@1.x"));
        markersByKey.put("extra@1.0.0", marked("extra", "1.0.0", "lib?@1.x, missing?@1.x"));
        markersByKey.put("multi@1.0.0", marked("multi", "1.0.0", ""));
        markersByKey.put("multi@2.0.0", marked("multi", "2.0.0", ""));
        markersByKey.put("unused@1.0.0", marked("unused", "1.0.0", ""));
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            Map<String, PluginState> before = states(platform.startPlugins(ids));
            assertThat(before.keySet()).as("only the archives needed are discovered before discoverDeferred")
                    .containsAll(expected).doesNotContain("unused@1.0.0");
            platform.discoverDeferred();
            Map<String, PluginState> states = states(platform.plugins());

            markersByKey.forEach((key, marker) -> {
                boolean wanted = expected.contains(key);
                assertThat(states.get(key)).as(key).isEqualTo(wanted ? PluginState.STARTED : PluginState.RESOLVED);
                // The factory is instantiated at start, so its static initialiser ran exactly when it started.
                assertThat(Files.exists(marker)).as(key + " code ran").isEqualTo(wanted);
            });
            assertThat(platform.extension("unused", ExtensionKind.PROCESSOR, "probe")).isEmpty();
        }
    }

    @Test
    void askingAgainIsIdempotentAndAskingForMoreStartsOnlyThat() {
        marked("lib", "1.0.0", "");
        marked("app", "1.0.0", "lib@1.x");
        Path other = marked("other", "1.0.0", "");
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.startPlugins(Set.of("app"));
            LoadedExtension app = platform.extension("app", ExtensionKind.PROCESSOR, "probe").orElseThrow();
            LoadedExtension lib = platform.extension("lib", ExtensionKind.PROCESSOR, "probe").orElseThrow();

            platform.startPlugins(Set.of("app", "lib"));

            assertThat(platform.extension("app", ExtensionKind.PROCESSOR, "probe").orElseThrow().plugin())
                    .isSameAs(app.plugin());
            assertThat(platform.extension("lib", ExtensionKind.PROCESSOR, "probe").orElseThrow().plugin())
                    .isSameAs(lib.plugin());
            platform.discoverDeferred();
            assertThat(states(platform.plugins())).containsEntry("other@1.0.0", PluginState.RESOLVED);
            assertThat(other).doesNotExist();

            platform.startPlugins(Set.of("other"));

            assertThat(states(platform.plugins())).containsOnly(Map.entry("app@1.0.0", PluginState.STARTED),
                    Map.entry("lib@1.0.0", PluginState.STARTED), Map.entry("other@1.0.0", PluginState.STARTED));
            assertThat(platform.extension("app", ExtensionKind.PROCESSOR, "probe").orElseThrow().plugin())
                    .isSameAs(app.plugin());
            assertThat(other).exists();
        }
    }

    @Test
    void anIdAskedForLaterAmongTheDeferredArchivesIsDiscoveredAndStarted() {
        marked("lib", "1.0.0", "");
        Path other = marked("other", "1.0.0", "");
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.startPlugins(Set.of("lib"));

            assertThat(states(platform.startPlugins(Set.of("other")))).containsOnly(
                    Map.entry("lib@1.0.0", PluginState.STARTED), Map.entry("other@1.0.0", PluginState.STARTED));
            assertThat(other).exists();
        }
    }

    @Test
    void aDeferredArchiveThatFailsDiscoveryIsFailedAndAStartFailureStaysFailedAfterIt() {
        String className = "com.example.bad.Probe";
        PluginJarBuilder.plugin("bad").source(className, Sources.processor(className, "probe",
                "static { if (true) { throw new IllegalStateException(\"bad on purpose\"); } }"))
                .service(ProcessorFactory.class, className).buildJar(plugins);
        // Listed in its service file but absent: discovery finds that without running code.
        PluginJarBuilder.plugin("broken").serviceLines("META-INF/services/" + ProcessorFactory.class.getName(),
                "com.example.broken.Missing").buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.startPlugins(Set.of("bad"));

            PluginChanges changes = platform.discoverDeferred();

            assertThat(changes.failed()).extracting(PluginInfo::id).containsExactly("broken");
            assertThat(states(platform.plugins())).containsOnly(Map.entry("bad@1.0.0", PluginState.FAILED),
                    Map.entry("broken@1.0.0", PluginState.FAILED));
            assertThat(platform.discoverDeferred()).isEqualTo(PluginChanges.NONE);
        }
    }

    @Test
    void startAfterASelectiveStartStartsTheRest() {
        marked("lib", "1.0.0", "");
        Path unused = marked("unused", "1.0.0", "");
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.startPlugins(Set.of("lib"));
            assertThat(unused).doesNotExist();

            assertThat(states(platform.start())).containsOnly(Map.entry("lib@1.0.0", PluginState.STARTED),
                    Map.entry("unused@1.0.0", PluginState.STARTED));
            assertThat(unused).exists();
        }
    }

    @Test
    void aPluginWhoseStartFailedIsNotStartedAgainWhenAskedAgain() throws IOException {
        String className = "com.example.bad.Probe";
        Path attempts = markers.resolve("attempts");
        PluginJarBuilder.plugin("bad").source(className, Sources.processor(className, "probe", """
                static {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "x",
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (true) {
                        throw new IllegalStateException("bad on purpose");
                    }
                }
                """.formatted(attempts.toAbsolutePath().toString().replace("\\", "\\\\"))))
                .service(ProcessorFactory.class, className).buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.startPlugins(Set.of("bad"));
            platform.startPlugins(Set.of("bad"));

            assertThat(platform.plugin("bad").orElseThrow().state()).isEqualTo(PluginState.FAILED);
            assertThat(Files.readString(attempts)).isEqualTo("x");
        }
    }

    @Test
    void aRescanStartsNewVersionsOfWhatWasAskedForAndWhatTheyLinkAndLeavesOtherNewPluginsResolved()
            throws IOException {
        marked("app", "1.0.0", "");
        Path helper = marked("helper", "1.0.0", "");
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.startPlugins(Set.of("app"));
            assertThat(helper).doesNotExist();
            Path app2 = marked("app", "2.0.0", "helper@1.x");
            Path newcomer = marked("newcomer", "1.0.0", "");

            PluginChanges changes = platform.rescan(PluginArchive.list(plugins));

            assertThat(changes.started()).extracting(info -> info.id() + "@" + info.version())
                    .containsExactlyInAnyOrder("app@2.0.0", "helper@1.0.0");
            assertThat(states(platform.plugins())).containsOnly(Map.entry("app@1.0.0", PluginState.STARTED),
                    Map.entry("app@2.0.0", PluginState.STARTED), Map.entry("helper@1.0.0", PluginState.STARTED),
                    Map.entry("newcomer@1.0.0", PluginState.RESOLVED));
            assertThat(platform.extension("app", ExtensionKind.PROCESSOR, "probe").orElseThrow().pluginVersion())
                    .isEqualTo("2.0.0");
            assertThat(app2).exists();
            assertThat(helper).exists();
            assertThat(newcomer).doesNotExist();
        }
    }
}
