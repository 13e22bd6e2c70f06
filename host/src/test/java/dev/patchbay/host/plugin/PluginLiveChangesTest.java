package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rescans and reloads of a started platform: new versions, removed and replaced archives, leases, dependents. */
class PluginLiveChangesTest {

    private static final String FAIL_PROPERTY = "patchbay.test.live.fail";

    @TempDir
    Path plugins;

    private static Path files(Path folder, String version) {
        return PluginJarBuilder.plugin("files").version(version).fileName("files-" + version)
                .processor("com.example.files.Upper", "upper").buildJar(folder);
    }

    private static LoadedExtension upper(PluginPlatform platform) {
        return platform.extension("files", ExtensionKind.PROCESSOR, "upper").orElseThrow();
    }

    private List<Path> archives() throws IOException {
        return PluginArchive.list(plugins);
    }

    @Test
    void aNewHigherVersionStartsNextToTheOldOneAndServesUnpinnedLookups() throws IOException {
        files(plugins, "1.0.0");
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            LoadedExtension before = upper(platform);
            files(plugins, "1.1.0");

            PluginChanges changes = platform.rescan(archives());

            assertThat(changes.started()).extracting(PluginInfo::version).containsExactly("1.1.0");
            assertThat(changes.retired()).isEmpty();
            assertThat(upper(platform).pluginVersion()).isEqualTo("1.1.0");
            assertThat(before.plugin().retired()).isFalse();
            assertThat(platform.plugins()).extracting(PluginInfo::state)
                    .containsExactly(PluginState.STARTED, PluginState.STARTED);
            assertThat(platform.rescan(archives())).isEqualTo(PluginChanges.NONE);
        }
    }

    @Test
    void aRemovedArchiveIsRetiredAndUnloadedOnlyWhenItsLastLeaseCloses() throws IOException {
        Path jar = files(plugins, "1.0.0");
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            LoadedExtension extension = upper(platform);
            PatchbayClassLoader loader = (PatchbayClassLoader) extension.scope().classLoader();
            PluginLease lease = extension.plugin().tryLease("pipeline 'orders'").orElseThrow();
            Files.delete(jar);

            PluginChanges changes = platform.rescan(archives());

            assertThat(changes.removed()).extracting(PluginInfo::path).containsExactly(jar);
            assertThat(changes.retired()).containsExactly(extension.plugin());
            assertThat(platform.plugins()).isEmpty();
            assertThat(platform.extension("files", ExtensionKind.PROCESSOR, "upper")).isEmpty();
            assertThat(extension.plugin().tryLease("another")).isEmpty();
            assertThat(loader.isClosed()).isFalse();

            lease.close();

            assertThat(loader.isClosed()).isTrue();
            assertThat(stagingCopies(loader)).noneMatch(Files::exists);
        }
    }

    @Test
    void theJarInThePluginsFolderIsNeverHeldOpen() throws IOException {
        Path jar = files(plugins, "1.0.0");
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            upper(platform).factory().settings();

            String folder = plugins.toRealPath().toString();
            assertThat(openFiles()).noneMatch(file -> file.startsWith(folder));
            String copy = stagingCopies((PatchbayClassLoader) upper(platform).scope().classLoader()).get(0)
                    .toRealPath().toString();
            assertThat(openFiles()).contains(copy);
            Files.delete(jar);
            platform.rescan(archives());

            assertThat(openFiles()).doesNotContain(copy);
        }
    }

    @Test
    void aReplacedArchiveIsLoadedAgainAndTheOldLoadRetired() throws IOException {
        Path jar = files(plugins, "1.0.0");
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            LoadedExtension old = upper(platform);
            Path built = files(Files.createTempDirectory(plugins.getParent(), "build"), "1.2.0");
            Files.copy(built, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(jar).toMillis() + 2_000));

            PluginChanges changes = platform.rescan(archives());

            assertThat(changes.started()).extracting(PluginInfo::version).containsExactly("1.2.0");
            assertThat(changes.retired()).containsExactly(old.plugin());
            assertThat(upper(platform).pluginVersion()).isEqualTo("1.2.0");
            assertThat(((PatchbayClassLoader) old.scope().classLoader()).isClosed()).isTrue();
        }
    }

    @Test
    void aReloadLoadsTheArchiveAgainUnderANewGeneration() {
        files(plugins, "1.0.0");
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            LoadedExtension old = upper(platform);

            PluginChanges changes = platform.reload("files");

            LoadedExtension fresh = upper(platform);
            assertThat(changes.retired()).containsExactly(old.plugin());
            assertThat(fresh.plugin().generation()).isGreaterThan(old.plugin().generation());
            assertThat(fresh.factory().getClass()).isNotSameAs(old.factory().getClass());
            assertThat(((PatchbayClassLoader) old.scope().classLoader()).isClosed()).isTrue();
            assertThatThrownBy(() -> platform.reload("nobody")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'nobody'").hasMessageContaining("[files]");
        }
    }

    @Test
    void aReloadWhoseNewLoadFailsLeavesThePreviousLoadRunning() {
        PluginJarBuilder.plugin("files").source("com.example.files.Upper", Sources.processor(
                "com.example.files.Upper", "upper", """
                        public Upper() {
                            if (Boolean.getBoolean("%s")) {
                                throw new IllegalStateException("refusing to start");
                            }
                        }
                        """.formatted(FAIL_PROPERTY)))
                .service(dev.patchbay.api.ProcessorFactory.class, "com.example.files.Upper").buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            LoadedExtension old = upper(platform);
            System.setProperty(FAIL_PROPERTY, "true");
            PluginChanges changes;
            try {
                changes = platform.reload("files");
            } finally {
                System.clearProperty(FAIL_PROPERTY);
            }

            assertThat(changes.failed()).singleElement().satisfies(info ->
                    assertThat(info.problems().toString()).contains("refusing to start"));
            assertThat(changes.retired()).isEmpty();
            assertThat(upper(platform)).isSameAs(old);
            assertThat(platform.plugin("files")).map(PluginInfo::state).contains(PluginState.STARTED);
            assertThat(old.plugin().retired()).isFalse();
        }
    }

    @Test
    void theDependentsOfARemovedVersionAreLoadedAgainAgainstAnotherVersionInRange() throws IOException {
        PluginJarBuilder.plugin("lib").version("1.0.0").fileName("lib-1.0.0")
                .processor("com.example.lib.Shared", "shared").buildJar(plugins);
        Path lib11 = PluginJarBuilder.plugin("lib").version("1.1.0").fileName("lib-1.1.0")
                .processor("com.example.lib.Shared", "shared").buildJar(plugins);
        PluginJarBuilder.plugin("app").dependencies("lib@1.x").processor("com.example.app.Upper", "upper")
                .buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            LoadedExtension app = platform.extension("app", ExtensionKind.PROCESSOR, "upper").orElseThrow();
            LoadedExtension lib = platform.extension("lib", ExtensionKind.PROCESSOR, "shared").orElseThrow();
            assertThat(lib.pluginVersion()).isEqualTo("1.1.0");
            PluginLease appLease = app.plugin().tryLease("pipeline 'orders'").orElseThrow();
            Files.delete(lib11);

            PluginChanges changes = platform.rescan(archives());

            assertThat(changes.retired()).containsExactlyInAnyOrder(lib.plugin(), app.plugin());
            LoadedExtension appNow = platform.extension("app", ExtensionKind.PROCESSOR, "upper").orElseThrow();
            LoadedExtension lib10 = platform.extension("lib", ExtensionKind.PROCESSOR, "shared").orElseThrow();
            assertThat(appNow.scope().classLoader().loadClass("com.example.lib.Shared").getClassLoader())
                    .isSameAs(lib10.scope().classLoader());
            // The old app still links lib 1.1.0, so that one stays until the old app is gone.
            assertThat(((PatchbayClassLoader) lib.scope().classLoader()).isClosed()).isFalse();
            appLease.close();
            assertThat(((PatchbayClassLoader) lib.scope().classLoader()).isClosed()).isTrue();
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void liveChangesNeedAStartedPlatform() {
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThatThrownBy(() -> platform.rescan(List.of())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not started");
        }
    }

    private static List<Path> stagingCopies(PatchbayClassLoader loader) {
        return Stream.of(loader.getURLs()).map(url -> Path.of(java.net.URI.create(url.toString()))).toList();
    }

    /** The files this process holds open, from /proc/self/fd. */
    private static List<String> openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    return "";
                }
            }).toList();
        }
    }
}
