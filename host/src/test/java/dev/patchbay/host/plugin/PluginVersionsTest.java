package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several versions of one plugin id installed at once, each in its own class loader. */
class PluginVersionsTest {

    @TempDir
    Path plugins;

    @Test
    void everyVersionStartsAndAnUnpinnedLookupGetsTheHighest() {
        for (String version : List.of("1.0.0", "1.10.0", "1.2.0")) {
            PluginJarBuilder.plugin("files").version(version).fileName("files-" + version)
                    .processor("com.example.files.Upper", "upper").buildJar(plugins);
        }

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            List<PluginInfo> infos = platform.start();

            assertThat(infos).extracting(PluginInfo::version).containsExactly("1.0.0", "1.2.0", "1.10.0");
            assertThat(infos).extracting(PluginInfo::state).containsOnly(PluginState.STARTED);
            LoadedExtension highest = platform.extension("files", ExtensionKind.PROCESSOR, "upper").orElseThrow();
            assertThat(highest.pluginVersion()).isEqualTo("1.10.0");
            LoadedExtension pinned = platform.extension("files", VersionRange.of(">=1.0.0 & <1.5.0"),
                    ExtensionKind.PROCESSOR, "upper").orElseThrow();
            assertThat(pinned.pluginVersion()).isEqualTo("1.2.0");
            assertThat(pinned.factory().getClass()).isNotSameAs(highest.factory().getClass());
            assertThat(platform.extension("files", VersionRange.of(">=2.0.0"), ExtensionKind.PROCESSOR, "upper"))
                    .isEmpty();
            assertThat(platform.plugin("files")).map(PluginInfo::version).contains("1.10.0");
            assertThat(platform.plugin("files", "1.0.0")).map(PluginInfo::state).contains(PluginState.STARTED);
        }
    }

    @Test
    void anUnpinnedLookupSkipsAHigherVersionThatFailed() {
        PluginJarBuilder.plugin("files").version("1.0.0").fileName("files-1.0.0")
                .processor("com.example.files.Upper", "upper").buildJar(plugins);
        PluginJarBuilder.plugin("files").version("2.0.0").fileName("files-2.0.0").requires(">=9.0.0")
                .processor("com.example.files.Upper", "upper").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();

            assertThat(platform.plugin("files", "2.0.0")).map(PluginInfo::state).contains(PluginState.FAILED);
            assertThat(platform.extension("files", ExtensionKind.PROCESSOR, "upper"))
                    .map(LoadedExtension::pluginVersion).contains("1.0.0");
        }
    }

    @Test
    void aDependencyLinksTheHighestVersionInItsRange() throws Exception {
        for (String version : List.of("1.0.0", "1.5.0", "2.0.0")) {
            PluginJarBuilder.plugin("lib").version(version).fileName("lib-" + version)
                    .processor("com.example.lib.Shared", "shared").buildJar(plugins);
        }
        PluginJarBuilder.plugin("app").dependencies("lib@>=1.0.0 & <2.0.0")
                .processor("com.example.app.Upper", "upper").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();

            ClassLoader app = platform.extension("app", ExtensionKind.PROCESSOR, "upper").orElseThrow().scope()
                    .classLoader();
            ClassLoader lib15 = platform.extension("lib", VersionRange.of("1.5.0 & <1.6.0"),
                    ExtensionKind.PROCESSOR, "shared").orElseThrow().scope().classLoader();
            assertThat(app.loadClass("com.example.lib.Shared").getClassLoader()).isSameAs(lib15);
        }
    }

    @Test
    void aDependencyRangeNoInstalledVersionSatisfiesListsTheInstalledVersions() {
        PluginJarBuilder.plugin("lib").version("1.0.0").fileName("lib-1.0.0").buildJar(plugins);
        PluginJarBuilder.plugin("lib").version("1.1.0").fileName("lib-1.1.0").buildJar(plugins);
        PluginJarBuilder.plugin("app").dependencies("lib@>=2.0.0").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            PluginInfo app = platform.start().stream().filter(p -> p.id().equals("app")).findFirst().orElseThrow();

            assertThat(app.state()).isEqualTo(PluginState.FAILED);
            assertThat(app.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.DEPENDENCY_VERSION);
                assertThat(problem.message()).contains("'app'", "'lib' >=2.0.0", "1.0.0, 1.1.0",
                        "install a version of 'lib' in that range");
            });
        }
    }

    @Test
    void aDependentOfAFailedVersionFallsBackToTheNextVersionInRange() {
        PluginJarBuilder.plugin("lib").version("1.0.0").fileName("lib-1.0.0")
                .processor("com.example.lib.Shared", "shared").buildJar(plugins);
        PluginJarBuilder.plugin("lib").version("1.1.0").fileName("lib-1.1.0").dependencies("absent")
                .processor("com.example.lib.Shared", "shared").buildJar(plugins);
        PluginJarBuilder.plugin("app").dependencies("lib@1.x").processor("com.example.app.Upper", "upper")
                .buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();

            assertThat(platform.plugin("lib", "1.1.0")).map(PluginInfo::state).contains(PluginState.FAILED);
            assertThat(platform.plugin("app")).map(PluginInfo::state).contains(PluginState.STARTED);
        }
    }
}
