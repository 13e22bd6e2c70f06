package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Discovery reads archives without running plugin code, skips disabled plugins and works in parallel. */
class PluginDiscoveryTest {

    @TempDir
    Path plugins;

    /** Records every class loader the platform asks for. */
    static final class CountingClassLoaders implements PluginClassLoaderFactory {
        final List<String> pluginIds = Collections.synchronizedList(new ArrayList<>());
        final List<PatchbayClassLoader> created = Collections.synchronizedList(new ArrayList<>());

        @Override
        public PatchbayClassLoader create(org.pf4j.PluginManager manager, org.pf4j.PluginDescriptor descriptor,
                List<Path> roots, List<PatchbayClassLoader.DependencyLink> dependencies) {
            pluginIds.add(descriptor.getPluginId());
            PatchbayClassLoader loader = PluginClassLoaderFactory.standard().create(manager, descriptor, roots,
                    dependencies);
            created.add(loader);
            return loader;
        }
    }

    private static PluginPlatform platform(Path dir, PluginSelection selection, PluginClassLoaderFactory loaders,
            ThreadFactory threads) {
        return new PluginPlatform(() -> PluginArchive.list(dir), dir, selection, loaders, threads,
                "the plugin '{id}' to the plugins folder");
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> new Thread(runnable, "test-discovery-" + count.incrementAndGet());
    }

    @Test
    void discoveryCreatesNoClassLoaderAndStartCreatesOnePerEnabledPlugin() {
        PluginJarBuilder.plugin("on").processor("com.example.on.On", "on").buildJar(plugins);
        PluginJarBuilder.plugin("other").processor("com.example.other.Other", "other").buildFolder(plugins);
        CountingClassLoaders loaders = new CountingClassLoaders();

        try (PluginPlatform platform = platform(plugins, PluginSelection.all(), loaders, threads())) {
            platform.discover();
            assertThat(loaders.pluginIds).isEmpty();
            platform.start();
            assertThat(loaders.pluginIds).containsExactlyInAnyOrder("on", "other");
        }
        assertThat(loaders.created).allSatisfy(loader -> assertThat(loader.isClosed()).isTrue());
    }

    @Test
    void pluginFailingOnStartHasItsClassLoaderClosedAtOnce() {
        PluginJarBuilder.plugin("fragile").source("com.example.fr.Fragile", Sources.processor("com.example.fr.Fragile",
                "fragile", "public Fragile() { throw new IllegalStateException(\"no\"); }"))
                .service(ProcessorFactory.class, "com.example.fr.Fragile").buildZip(plugins);
        CountingClassLoaders loaders = new CountingClassLoaders();
        try (PluginPlatform platform = platform(plugins, PluginSelection.all(), loaders, threads())) {
            platform.start();
            assertThat(platform.plugin("fragile")).map(PluginInfo::state).contains(PluginState.FAILED);
            assertThat(loaders.created).singleElement().satisfies(loader -> assertThat(loader.isClosed()).isTrue());
        }
    }

    @Test
    void disabledPluginCostsNoClassLoading() throws Exception {
        String offId = "off-" + UUID.randomUUID().toString().substring(0, 8);
        PluginJarBuilder.plugin("on").processor("com.example.on.On", "on").buildJar(plugins);
        PluginJarBuilder.plugin(offId).processor("com.example.off.Off", "off")
                .service(ProcessorFactory.class, "com.example.off.DoesNotExist").buildZip(plugins);
        PluginJarBuilder.plugin("unlisted").processor("com.example.unlisted.Unlisted", "unlisted").buildJar(plugins);
        CountingClassLoaders loaders = new CountingClassLoaders();
        PluginSelection selection = new PluginSelection(Set.of("on", offId), Set.of(offId));

        try (PluginPlatform platform = platform(plugins, selection, loaders, threads())) {
            platform.start();
            PluginInfo off = platform.plugin(offId).orElseThrow();
            assertThat(off.state()).isEqualTo(PluginState.DISABLED);
            assertThat(off.version()).isEqualTo("1.0.0");
            assertThat(off.extensions()).as("service files and classes of a disabled plugin are not read").isEmpty();
            assertThat(off.problems()).as("its broken service file was never looked at").isEmpty();
            assertThat(platform.plugin("unlisted")).map(PluginInfo::state).contains(PluginState.DISABLED);
            assertThat(platform.plugin("on")).map(PluginInfo::state).contains(PluginState.STARTED);
            assertThat(loaders.pluginIds).containsExactly("on");
            try (var temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertThat(temp.map(p -> p.getFileName().toString()))
                        .as("a disabled zip is not exploded").noneMatch(name -> name.contains(offId));
            }
        }
    }

    @ParameterizedTest(name = "disabled {0}: {1}")
    @CsvSource({"ver@1.0.0, DISABLED", "ver@2.0.0, STARTED", "ver, DISABLED"})
    void aDisabledVersionEntryDisablesThatVersionOnly(String disabled, PluginState expected) {
        PluginJarBuilder.plugin("ver").processor("com.example.ver.Ver", "ver").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, new PluginSelection(Set.of(), Set.of(disabled)))) {
            platform.start();
            assertThat(platform.plugin("ver")).map(PluginInfo::state).contains(expected);
        }
    }

    @Test
    void noExtensionClassIsInitialisedByDiscovery() {
        String property = "patchbay.test.initialised." + UUID.randomUUID();
        PluginJarBuilder.plugin("marker").source("com.example.mk.Marker", Sources.processor("com.example.mk.Marker",
                "marker", "static { System.setProperty(\"" + property + "\", \"yes\"); }"))
                .service(ProcessorFactory.class, "com.example.mk.Marker").buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.discover()).singleElement()
                    .satisfies(info -> assertThat(info.extensions()).hasSize(1));
            assertThat(System.getProperty(property)).isNull();
            platform.start();
            assertThat(System.getProperty(property)).isEqualTo("yes");
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void manyPluginsAreDiscoveredInParallelOnNamedThreadsThatAreStoppedAfterwards() throws Exception {
        PluginJarBuilder template = PluginJarBuilder.plugin("p").processor("com.example.many.Factory", "factory");
        int count = 40;
        for (int i = 0; i < count; i++) {
            PluginJarBuilder copy = template.withId(String.format("p%02d", i));
            if (i % 3 == 0) {
                copy.buildZip(plugins);
            } else if (i % 3 == 1) {
                copy.buildFolder(plugins);
            } else {
                copy.buildJar(plugins);
            }
        }
        List<Thread> created = Collections.synchronizedList(new ArrayList<>());
        ThreadFactory recording = runnable -> {
            Thread thread = new Thread(runnable, "test-discovery-" + created.size());
            created.add(thread);
            return thread;
        };

        try (PluginPlatform platform = platform(plugins, PluginSelection.all(), PluginClassLoaderFactory.standard(),
                recording)) {
            List<PluginInfo> infos = platform.discover();
            assertThat(infos).extracting(PluginInfo::id)
                    .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> String.format("p%02d", i)).toList());
            assertThat(infos).allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.RESOLVED));
            assertThat(created).hasSizeGreaterThan(1);
            for (Thread thread : created) {
                thread.join(10_000);
                assertThat(thread.isAlive()).as("%s stopped", thread.getName()).isFalse();
            }
            assertThat(platform.start()).allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.STARTED));
        }
    }

    @Test
    void productionDiscoveryThreadsAreNamed() {
        ThreadFactory threads = PluginPlatform.discoveryThreads();

        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });

        assertThat(List.of(first.getName(), second.getName()))
                .containsExactly("patchbay-plugin-discovery-1", "patchbay-plugin-discovery-2");
    }

    @Test
    void noThreadStartedByDiscoveryOrStartOutlivesThePlatform() throws Exception {
        PluginJarBuilder template = PluginJarBuilder.plugin("q").processor("com.example.q.Factory", "factory");
        for (int i = 0; i < 8; i++) {
            template.withId("q" + i).buildJar(plugins);
        }
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.discover()).hasSize(8);
            assertThat(platform.start()).allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.STARTED));
        }

        List<String> alive = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread)) {
                thread.join(10_000);
                if (thread.isAlive()) {
                    alive.add(thread.getName());
                }
            }
        }
        assertThat(alive).as("threads left running after close()").isEmpty();
    }

    @Test
    void folderPluginReadsClassesAndLibJars() {
        Path libs = plugins.getParent().resolve("libs-" + UUID.randomUUID());
        Path lib = PluginJarBuilder.library("lib-factory").processor("com.example.fl.InLib", "in-lib")
                .buildJar(createDirectories(libs));
        PluginJarBuilder.plugin("folder").processor("com.example.fl.InClasses", "in-classes").lib(lib)
                .buildFolder(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.discover()).singleElement().satisfies(info -> assertThat(info.extensions())
                    .extracting(ExtensionDescriptor::name).containsExactly("in-classes", "in-lib"));
            platform.start();
            assertThat(platform.extension("folder", ExtensionKind.PROCESSOR, "in-lib")).isPresent();
            assertThat(platform.extension("folder", ExtensionKind.PROCESSOR, "in-classes")).isPresent();
        }
    }

    @Test
    void zipWhoseContentIsInsideOneTopLevelFolderIsAccepted() {
        Path libs = createDirectories(plugins.getParent().resolve("libs-" + UUID.randomUUID()));
        Path lib = PluginJarBuilder.library("helper").processor("com.example.zt.InLib", "in-lib").buildJar(libs);
        PluginJarBuilder.plugin("wrapped").processor("com.example.zt.Wrapped", "wrapped").lib(lib)
                .buildZipWithTopFolder(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.start()).singleElement().satisfies(info -> {
                assertThat(info.state()).as("%s", info.problems()).isEqualTo(PluginState.STARTED);
                assertThat(info.extensions()).extracting(ExtensionDescriptor::name).containsExactly("in-lib", "wrapped");
            });
        }
    }

    @Test
    void factoryExtendingAnAbstractBaseInThePluginIsRecognised() {
        PluginJarBuilder.plugin("layered")
                .source("com.example.ly.Base", """
                        package com.example.ly;
                        public abstract class Base implements Marker { }
                        """)
                .source("com.example.ly.Marker", """
                        package com.example.ly;
                        public interface Marker extends dev.patchbay.api.ProcessorFactory { }
                        """)
                .source("com.example.ly.Concrete", """
                        package com.example.ly;
                        import dev.patchbay.api.*;
                        @Extension(name = "concrete", description = "layered")
                        public class Concrete extends Base {
                            public java.util.List<Setting> settings() { return java.util.List.of(); }
                            public Processor create(Settings s, ExtensionContext c) { return (r, o) -> o.emit(r); }
                        }
                        """)
                .service(ProcessorFactory.class, "com.example.ly.Concrete").buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.start()).singleElement().satisfies(info -> {
                assertThat(info.state()).isEqualTo(PluginState.STARTED);
                assertThat(info.extensions()).extracting(ExtensionDescriptor::description).containsExactly("layered");
            });
        }
    }

    @Test
    void serviceFilesOfOtherInterfacesAreNeitherReadNorLoaded() {
        PluginJarBuilder.plugin("mixed").processor("com.example.mx.Mixed", "mixed")
                .serviceLines("META-INF/services/java.sql.Driver", "com.example.mx.MissingDriver")
                .serviceLines("META-INF/services/org.slf4j.spi.SLF4JServiceProvider", "com.example.mx.MissingProvider")
                .buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.start()).singleElement().satisfies(info -> {
                assertThat(info.state()).as("%s", info.problems()).isEqualTo(PluginState.STARTED);
                assertThat(info.extensions()).extracting(ExtensionDescriptor::className)
                        .containsExactly("com.example.mx.Mixed");
            });
        }
    }

    @Test
    void factoryExtendingABaseClassOfItsDependencyStarts() {
        Path kit = PluginJarBuilder.plugin("kit").source("com.example.kit.BaseFactory", """
                package com.example.kit;
                import dev.patchbay.api.*;
                public abstract class BaseFactory implements ProcessorFactory {
                    public java.util.List<Setting> settings() { return java.util.List.of(); }
                    public Processor create(Settings s, ExtensionContext c) { return (r, o) -> o.emit(r); }
                }
                """).buildJar(plugins);
        PluginJarBuilder.plugin("impl").dependencies("kit").compileAgainst(kit)
                .source("com.example.impl.Impl", """
                        package com.example.impl;
                        @dev.patchbay.api.Extension(name = "impl")
                        public class Impl extends com.example.kit.BaseFactory { }
                        """)
                .service(ProcessorFactory.class, "com.example.impl.Impl").buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.discover()).allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.RESOLVED));
            platform.start();
            assertThat(platform.extension("impl", ExtensionKind.PROCESSOR, "impl")).hasValueSatisfying(extension ->
                    assertThat(extension.factory()).isInstanceOf(ProcessorFactory.class));
        }
    }

    @Test
    void optionalDependencyThatIsPresentIsStartedFirstAndVisible() throws Exception {
        Path geo = PluginJarBuilder.plugin("geo").source("com.example.geo.Geo", """
                package com.example.geo;
                public final class Geo { private Geo() { } public static String where() { return "here"; } }
                """).buildJar(plugins);
        PluginJarBuilder.plugin("maps").dependencies("geo?@>=1.0.0").compileAgainst(geo)
                .source("com.example.maps.Maps", Sources.processor("com.example.maps.Maps", "maps",
                        "public String where() { return com.example.geo.Geo.where(); }"))
                .service(ProcessorFactory.class, "com.example.maps.Maps").buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            Object factory = platform.extension("maps", ExtensionKind.PROCESSOR, "maps").orElseThrow().factory();
            assertThat(factory.getClass().getMethod("where").invoke(factory)).isEqualTo("here");
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
