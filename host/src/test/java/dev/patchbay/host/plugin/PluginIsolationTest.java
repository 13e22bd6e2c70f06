package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Trino-strict isolation rules, positive and negative, on plugins built once for the whole class:
 * two plugins bundling two versions of one library, a plugin and its dependency, and a stranger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginIsolationTest {

    private static final String GREETING = """
            package com.example.shared;
            public final class Greeting {
                private Greeting() { }
                public static String version() { return "%s"; }
            }
            """;

    @TempDir
    static Path temp;

    private PluginPlatform platform;

    @BeforeAll
    void buildAndStartPlugins() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path libs = Files.createDirectories(temp.resolve("libs"));
        Path greetingV1 = PluginJarBuilder.library("greeting-1").source("com.example.shared.Greeting",
                GREETING.formatted("1")).buildJar(libs);
        Path greetingV2 = PluginJarBuilder.library("greeting-2").source("com.example.shared.Greeting",
                GREETING.formatted("2")).buildJar(libs);
        String usesGreeting = """
                public String greetingVersion() { return com.example.shared.Greeting.version(); }
                """;
        PluginJarBuilder.plugin("one").compileAgainst(greetingV1)
                .source("com.example.one.OneFactory", Sources.processor("com.example.one.OneFactory", "one", usesGreeting))
                .service(ProcessorFactory.class, "com.example.one.OneFactory").lib(greetingV1).buildFolder(plugins);
        PluginJarBuilder.plugin("two").compileAgainst(greetingV2)
                .source("com.example.two.TwoFactory", Sources.processor("com.example.two.TwoFactory", "two", usesGreeting))
                .service(ProcessorFactory.class, "com.example.two.TwoFactory").lib(greetingV2).buildZip(plugins);

        Path base = PluginJarBuilder.plugin("base").source("com.example.base.Util", """
                package com.example.base;
                public final class Util {
                    private Util() { }
                    public static String shout(String text) { return text.toUpperCase(); }
                }
                """).resource("com/example/base/data.txt", "base data").buildJar(plugins);
        String checksTccl = """
                public UserFactory() {
                    if (Thread.currentThread().getContextClassLoader() != UserFactory.class.getClassLoader()) {
                        throw new IllegalStateException("constructor ran with a foreign context class loader");
                    }
                }
                public String tccl() {
                    return Thread.currentThread().getContextClassLoader() == UserFactory.class.getClassLoader()
                            ? "own" : "foreign";
                }
                public String fromBase() { return com.example.base.Util.shout("hi"); }
                """;
        PluginJarBuilder.plugin("user").dependencies("base@>=1.0.0 & <2.0.0").compileAgainst(base)
                .source("com.example.user.UserFactory", Sources.processor("com.example.user.UserFactory", "user", checksTccl))
                .service(ProcessorFactory.class, "com.example.user.UserFactory")
                .resource("own.txt", "user's own").buildJar(plugins);
        PluginJarBuilder.plugin("top").dependencies("user").processor("com.example.top.TopFactory", "top")
                .buildJar(plugins);
        PluginJarBuilder.plugin("stranger").processor("com.example.stranger.StrangerFactory", "stranger")
                .buildJar(plugins);

        platform = new PluginPlatform(plugins, PluginSelection.all());
        platform.start();
        assertThat(platform.plugins()).allSatisfy(info -> assertThat(info.state())
                .as("%s: %s", info.id(), info.problems()).isEqualTo(PluginState.STARTED));
    }

    @AfterAll
    void closePlatform() {
        platform.close();
    }

    private ClassLoader loaderOf(String pluginId) {
        return platform.plugin(pluginId).flatMap(info -> info.extensions().stream().findFirst()
                        .flatMap(d -> platform.extension(pluginId, d.kind(), d.name())))
                .map(extension -> extension.scope().classLoader())
                .orElseGet(() -> classLoaderWithoutExtensions(pluginId));
    }

    private ClassLoader classLoaderWithoutExtensions(String pluginId) {
        // base has no extensions: reach its loader through a class the dependent resolved from it
        try {
            return loaderOf("user").loadClass("com.example.base.Util").getClassLoader();
        } catch (ClassNotFoundException e) {
            throw new AssertionError(pluginId + " has no loader", e);
        }
    }

    private Object factory(String pluginId, String name) {
        return platform.extension(pluginId, ExtensionKind.PROCESSOR, name).orElseThrow().factory();
    }

    private static Object call(Object target, String method) throws Exception {
        return target.getClass().getMethod(method).invoke(target);
    }

    @ParameterizedTest(name = "a plugin cannot load {0}")
    @ValueSource(strings = {
        "org.pf4j.PluginManager",
        "com.fasterxml.jackson.databind.ObjectMapper",
        "ch.qos.logback.classic.Logger",
        "picocli.CommandLine",
        "dev.patchbay.host.plugin.PluginPlatform",
        "dev.patchbay.host.plugin.PatchbayClassLoader",
        "org.slf4j.impl.StaticLoggerBinder",
        "org.junit.jupiter.api.Test",
        "com.example.shared.Greeting"
    })
    void pluginCannotLoadHostOrForeignClasses(String className) {
        assertThatThrownBy(() -> loaderOf("stranger").loadClass(className))
                .isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("plugin 'stranger'");
    }

    @ParameterizedTest(name = "a plugin loads {0} from the host")
    @ValueSource(strings = {
        "dev.patchbay.api.ProcessorFactory",
        "dev.patchbay.api.Row",
        "org.slf4j.Logger",
        "org.slf4j.LoggerFactory",
        "org.slf4j.MDC",
        "org.slf4j.spi.SLF4JServiceProvider",
        "org.slf4j.event.Level",
        "org.slf4j.helpers.MessageFormatter"
    })
    void pluginSharesTheApiAndSlf4jApiClassesOfTheHost(String className) throws Exception {
        assertThat(loaderOf("stranger").loadClass(className)).isSameAs(Class.forName(className));
    }

    @ParameterizedTest(name = "a plugin loads JDK class {0}")
    @ValueSource(strings = {"java.lang.String", "java.util.List", "java.sql.Connection", "java.net.http.HttpClient"})
    void pluginSeesTheJdk(String className) throws Exception {
        assertThat(loaderOf("stranger").loadClass(className)).isSameAs(Class.forName(className));
    }

    @Test
    void factoriesImplementTheHostsApiTypes() {
        assertThat(factory("stranger", "stranger")).isInstanceOf(ProcessorFactory.class)
                .isInstanceOf(ExtensionFactory.class);
    }

    @Test
    void twoPluginsBundlingTwoVersionsOfOneLibraryBothWork() throws Exception {
        assertThat(call(factory("one", "one"), "greetingVersion")).isEqualTo("1");
        assertThat(call(factory("two", "two"), "greetingVersion")).isEqualTo("2");
        Class<?> first = loaderOf("one").loadClass("com.example.shared.Greeting");
        Class<?> second = loaderOf("two").loadClass("com.example.shared.Greeting");
        assertThat(first).isNotSameAs(second);
        assertThat(first.getClassLoader()).isSameAs(loaderOf("one"));
    }

    @Test
    void pluginSeesThePackagesOfItsDeclaredDependency() throws Exception {
        assertThat(call(factory("user", "user"), "fromBase")).isEqualTo("HI");
        Class<?> util = loaderOf("user").loadClass("com.example.base.Util");
        assertThat(util.getClassLoader()).isNotSameAs(loaderOf("user"));
        assertThat(((PatchbayClassLoader) util.getClassLoader()).pluginId()).isEqualTo("base");
        assertThat(loaderOf("user").getResource("com/example/base/data.txt")).isNotNull();
    }

    @Test
    void dependencyPackagesAreNotVisibleToOtherPluginsNorTransitively() {
        assertThatThrownBy(() -> loaderOf("stranger").loadClass("com.example.base.Util"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> loaderOf("top").loadClass("com.example.base.Util"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(loaderOf("stranger").getResource("com/example/base/data.txt")).isNull();
    }

    @Test
    void hostResourcesDoNotLeakIntoPlugins() throws Exception {
        ClassLoader stranger = loaderOf("stranger");
        assertThat(Collections.list(stranger.getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")))
                .isEmpty();
        assertThat(ClassLoader.getSystemClassLoader()
                .getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider").hasMoreElements()).isTrue();
        assertThat(stranger.getResource("logback-test.xml")).isNull();
        assertThat(stranger.getResource("org/pf4j/PluginManager.class")).isNull();
        List<URL> manifests = Collections.list(stranger.getResources("META-INF/MANIFEST.MF"));
        assertThat(manifests).singleElement().asString().contains("stranger.jar");
        assertThat(Collections.list(stranger.getResources("META-INF/services/" + ProcessorFactory.class.getName())))
                .singleElement().asString().contains("stranger.jar");
    }

    @Test
    void pluginReadsItsOwnResources() throws Exception {
        try (var in = loaderOf("user").getResourceAsStream("own.txt")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("user's own");
        }
    }

    @Test
    void contextClassLoaderIsThePluginsOwnWhileHostCodeCallsIntoIt() throws Exception {
        LoadedExtension user = platform.extension("user", ExtensionKind.PROCESSOR, "user").orElseThrow();
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        PluginScope.Entered entered = user.scope().enter();
        try {
            assertThat(call(user.factory(), "tccl")).isEqualTo("own");
            assertThat(org.slf4j.MDC.get(PluginScope.MDC_PLUGIN)).isEqualTo("user");
        } finally {
            entered.close();
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
        assertThat(call(user.factory(), "tccl")).isEqualTo("foreign");
    }

    @Test
    void zipPluginIsExplodedAndItsFolderDeletedOnClose() throws Exception {
        PatchbayClassLoader two = (PatchbayClassLoader) loaderOf("two");
        Path exploded = Path.of(two.getURLs()[0].toURI());
        assertThat(exploded.toString()).contains("patchbay-plugin-two-");
        assertThat(exploded).exists();

        Path plugins = Files.createDirectories(temp.resolve("zip-only"));
        PluginJarBuilder.plugin("zipped").processor("com.example.z.Zipped", "zipped").buildZip(plugins);
        PluginPlatform zipPlatform = new PluginPlatform(plugins, PluginSelection.all());
        zipPlatform.start();
        Path folder = Path.of(((PatchbayClassLoader) zipPlatform.extension("zipped", ExtensionKind.PROCESSOR, "zipped")
                .orElseThrow().scope().classLoader()).getURLs()[0].toURI()).getParent();
        assertThat(folder).exists();
        zipPlatform.close();
        assertThat(folder).doesNotExist();
    }

    @Test
    void settingsOfAFactoryAreReadThroughTheHostsApiTypes() {
        ProcessorFactory factory = (ProcessorFactory) factory("stranger", "stranger");
        List<Setting> settings = factory.settings();
        assertThat(settings).isEmpty();
    }
}
