package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pf4j's lifecycle as the platform drives it: one prepared plugin at a time, system version = api version. */
class PatchbayPluginManagerTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "Plugin-Requires {0} gives pf4j state {1}")
    @CsvSource(delimiter = '|', value = {">=1.0.0 & <2.0.0 | RESOLVED", ">=2.0.0 | DISABLED", "* | RESOLVED"})
    void pf4jChecksPluginRequiresAgainstTheApiVersion(String requires, org.pf4j.PluginState expected)
            throws java.io.IOException {
        Path jar = PluginJarBuilder.plugin("p").requires(requires).buildJar(dir);
        PatchbayPluginManager manager = new PatchbayPluginManager(dir, "1.0.0", new Versions());
        assertThat(manager.getSystemVersion()).isEqualTo("1.0.0");
        org.pf4j.PluginDescriptor descriptor = descriptor("p", requires);
        PatchbayClassLoader loader = new PatchbayClassLoader(manager, descriptor, List.of(jar), List.of());
        manager.prepare(jar, descriptor, loader);

        manager.loadPlugin(jar);
        manager.forget(jar);

        assertThat(manager.getPlugin("p").getPluginState()).isEqualTo(expected);
        assertThat(manager.getPluginClassLoader("p")).isSameAs(loader);
        manager.unloadPlugin("p");
        assertThat(loader.isClosed()).as("the platform closes each loader itself, and not one that a thread"
                + " abandoned at its start deadline still runs in").isFalse();
        assertThat(manager.getPlugins()).isEmpty();
        loader.close();
    }

    @Test
    void startAndStopGoThroughPf4jsLifecycle() {
        Path jar = PluginJarBuilder.plugin("q").buildJar(dir);
        PatchbayPluginManager manager = new PatchbayPluginManager(dir, "1.0.0", new Versions());
        org.pf4j.PluginDescriptor descriptor = descriptor("q", ">=1.0.0");
        manager.prepare(jar, descriptor, new PatchbayClassLoader(manager, descriptor, List.of(jar), List.of()));
        manager.loadPlugin(jar);

        assertThat(manager.startPlugin("q")).isEqualTo(org.pf4j.PluginState.STARTED);
        assertThat(manager.stopPlugin("q")).isEqualTo(org.pf4j.PluginState.STOPPED);
        assertThat(manager.unloadPlugin("q")).isTrue();
    }

    private static org.pf4j.PluginDescriptor descriptor(String id, String requires) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", id);
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Plugin-Requires", requires);
        return PluginManifest.parse(manifest, id + ".jar", new Versions()).toPf4j();
    }
}
