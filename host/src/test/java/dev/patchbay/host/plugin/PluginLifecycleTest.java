package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLifecycleTest {

    @TempDir
    Path plugins;

    @Test
    void goodJarIsResolvedByDiscoveryAndStartedByStart() {
        PluginJarBuilder.plugin("good").processor("com.example.good.Upper", "upper").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            List<PluginInfo> discovered = platform.discover();
            assertThat(discovered).singleElement().satisfies(info -> {
                assertThat(info.id()).isEqualTo("good");
                assertThat(info.version()).isEqualTo("1.0.0");
                assertThat(info.provider()).isEqualTo("Patchbay tests");
                assertThat(info.license()).isEqualTo("Apache-2.0");
                assertThat(info.requires()).isEqualTo(">=1.0.0 & <2.0.0");
                assertThat(info.state()).isEqualTo(PluginState.RESOLVED);
                assertThat(info.problems()).isEmpty();
                assertThat(info.extensions()).containsExactly(new ExtensionDescriptor(ExtensionKind.PROCESSOR,
                        "upper", "Test processor upper", "com.example.good.Upper"));
            });
            assertThat(platform.extension("good", ExtensionKind.PROCESSOR, "upper")).isEmpty();

            ClassLoader callerContext = Thread.currentThread().getContextClassLoader();
            assertThat(platform.start()).singleElement()
                    .satisfies(info -> assertThat(info.state()).isEqualTo(PluginState.STARTED));
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callerContext);
            assertThat(org.slf4j.MDC.get(PluginScope.MDC_PLUGIN)).isNull();
            LoadedExtension extension = platform.extension("good", ExtensionKind.PROCESSOR, "upper").orElseThrow();
            assertThat(extension.factory()).isInstanceOf(ProcessorFactory.class);
            assertThat(extension.factory().getClass().getClassLoader()).isInstanceOf(PatchbayClassLoader.class);
            assertThat(extension.scope().classLoader()).isSameAs(extension.factory().getClass().getClassLoader());
            assertThat(platform.plugin("good")).map(PluginInfo::state).contains(PluginState.STARTED);
        }
    }

    @Test
    void discoverAndStartAreIdempotent() {
        PluginJarBuilder.plugin("good").processor("com.example.good.Upper", "upper").buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.discover()).isEqualTo(platform.discover());
            List<PluginInfo> first = platform.start();
            LoadedExtension extension = platform.extension("good", ExtensionKind.PROCESSOR, "upper").orElseThrow();
            assertThat(platform.start()).isEqualTo(first);
            assertThat(platform.extension("good", ExtensionKind.PROCESSOR, "upper")).containsSame(extension);
        }
    }

    @Test
    void closeStopsStartedPluginsAndRefusesFurtherUse() {
        PluginJarBuilder.plugin("good").processor("com.example.good.Upper", "upper").buildJar(plugins);
        PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all());
        platform.start();
        PatchbayClassLoader loader = (PatchbayClassLoader) platform
                .extension("good", ExtensionKind.PROCESSOR, "upper").orElseThrow().scope().classLoader();

        platform.close();
        platform.close();

        assertThat(platform.plugins()).singleElement()
                .satisfies(info -> assertThat(info.state()).isEqualTo(PluginState.STOPPED));
        assertThat(platform.extension("good", ExtensionKind.PROCESSOR, "upper")).isEmpty();
        assertThat(loader.isClosed()).isTrue();
        assertThatThrownBy(platform::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(platform::discover).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingPluginsFolderIsReportedWithItsPath() {
        Path missing = plugins.resolve("nope");
        try (PluginPlatform platform = new PluginPlatform(missing, PluginSelection.all())) {
            assertThatThrownBy(platform::discover).hasMessageContaining(missing.toString())
                    .hasMessageContaining("plugins.directory");
        }
    }

    @Test
    void emptyPluginsFolderHasNoPlugins() {
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.start()).isEmpty();
        }
    }

    @Test
    void unrelatedFilesInThePluginsFolderAreIgnored() throws Exception {
        java.nio.file.Files.writeString(plugins.resolve("README.txt"), "not a plugin");
        java.nio.file.Files.createDirectories(plugins.resolve(".hidden"));
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.discover()).isEmpty();
        }
    }
}
