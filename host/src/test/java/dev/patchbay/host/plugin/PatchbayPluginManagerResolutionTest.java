package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginAlreadyLoadedException;
import org.pf4j.PluginRuntimeException;

/**
 * pf4j's resolution as the manager does it incrementally: the same outcomes as pf4j's whole-graph
 * resolution for plugins handed over one at a time, and a dependency graph kept current on unload.
 */
class PatchbayPluginManagerResolutionTest {

    @TempDir
    Path dir;

    private PatchbayPluginManager manager;

    @Test
    void pluginsHandedOverDependenciesFirstResolveAndPf4jKnowsTheirDependents() {
        manager = new PatchbayPluginManager(dir, "1.0.0", new Versions());
        load("base", "");
        load("left", "base@>=1.0.0");
        load("right", "base, extra?@*");

        assertThat(manager.getResolvedPlugins()).extracting(org.pf4j.PluginWrapper::getPluginId)
                .containsExactly("base", "left", "right");
        assertThat(manager.getUnresolvedPlugins()).isEmpty();
        assertThat(manager.getPlugin("right").getPluginState()).isEqualTo(org.pf4j.PluginState.RESOLVED);
        assertThat(manager.startPlugin("right")).isEqualTo(org.pf4j.PluginState.STARTED);
        assertThat(manager.getPlugin("base").getPluginState()).isEqualTo(org.pf4j.PluginState.STARTED);
        assertThat(manager.startPlugin("left")).isEqualTo(org.pf4j.PluginState.STARTED);
        // pf4j stops dependents first, found through the dependency graph the manager keeps.
        assertThat(manager.stopPlugin("base")).isEqualTo(org.pf4j.PluginState.STOPPED);
        assertThat(manager.getPlugins()).extracting(org.pf4j.PluginWrapper::getPluginState)
                .containsOnly(org.pf4j.PluginState.STOPPED);
    }

    @Test
    void unloadingADependencyUnloadsItsDependentsThroughPf4jAndUpdatesTheGraph() {
        manager = new PatchbayPluginManager(dir, "1.0.0", new Versions());
        load("base", "");
        load("left", "base");
        load("alone", "");
        manager.startPlugins();

        assertThat(manager.unloadPlugin("base")).isTrue();

        assertThat(manager.getPlugins()).extracting(org.pf4j.PluginWrapper::getPluginId).containsExactly("alone");
        // The same paths can be loaded again once unloaded: the path index forgot them.
        load("base", "");
        assertThat(manager.getPlugin("base").getPluginState()).isEqualTo(org.pf4j.PluginState.RESOLVED);
    }

    @Test
    void aMissingRequiredDependencyLeavesThePluginUnresolvedUntilTheDependencyArrives() {
        manager = new PatchbayPluginManager(dir, "1.0.0", new Versions());

        assertThatThrownBy(() -> load("late", "early"))
                .isInstanceOf(DependencyResolver.DependenciesNotFoundException.class);
        assertThat(manager.getUnresolvedPlugins()).extracting(org.pf4j.PluginWrapper::getPluginId)
                .containsExactly("late");

        load("early", "");

        assertThat(manager.getUnresolvedPlugins()).isEmpty();
        assertThat(manager.getResolvedPlugins()).extracting(org.pf4j.PluginWrapper::getPluginId)
                .containsExactly("early", "late");
    }

    @Test
    void aDependencyOutsideTheRequiredRangeIsRejectedNamingBothPlugins() {
        manager = new PatchbayPluginManager(dir, "1.0.0", new Versions());
        load("base", "");

        assertThatThrownBy(() -> load("picky", "base@>=2.0.0")).isInstanceOf(PluginRuntimeException.class)
                .hasMessageContaining("'picky'").hasMessageContaining("'base'").hasMessageContaining(">=2.0.0");
        assertThat(manager.getPlugin("picky").getPluginState()).isEqualTo(org.pf4j.PluginState.CREATED);
    }

    @Test
    void pluginsThatDependOnEachOtherNeverResolve() {
        manager = new PatchbayPluginManager(dir, "1.0.0", new Versions());

        assertThatThrownBy(() -> load("a", "b")).isInstanceOf(DependencyResolver.DependenciesNotFoundException.class);
        assertThatThrownBy(() -> load("b", "a")).isInstanceOf(DependencyResolver.CyclicDependencyException.class);
        assertThat(manager.getResolvedPlugins()).isEmpty();
    }

    @Test
    void loadingTheSamePathTwiceIsRejectedByPf4j() {
        manager = new PatchbayPluginManager(dir, "1.0.0", new Versions());
        Path jar = load("once", "");
        org.pf4j.PluginDescriptor descriptor = descriptor("once", "");
        manager.prepare(jar, descriptor, new PatchbayClassLoader(manager, descriptor, List.of(jar), List.of()));

        assertThatThrownBy(() -> manager.loadPlugin(jar)).isInstanceOf(PluginAlreadyLoadedException.class);
    }

    private Path load(String id, String dependencies) {
        Path jar = dir.resolve(id + ".jar");
        if (!jar.toFile().exists()) {
            jar = PluginJarBuilder.plugin(id).buildJar(dir);
        }
        org.pf4j.PluginDescriptor descriptor = descriptor(id, dependencies);
        manager.prepare(jar, descriptor, new PatchbayClassLoader(manager, descriptor, List.of(jar), List.of()));
        try {
            manager.loadPlugin(jar);
        } finally {
            manager.forget(jar);
        }
        return jar;
    }

    private static org.pf4j.PluginDescriptor descriptor(String id, String dependencies) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", id);
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        if (!dependencies.isEmpty()) {
            manifest.getMainAttributes().putValue("Plugin-Dependencies", dependencies);
        }
        return PluginManifest.parse(manifest, id + ".jar", new Versions()).toPf4j();
    }
}
