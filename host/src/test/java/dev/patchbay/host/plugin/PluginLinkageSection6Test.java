package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ApiVersion;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.ScratchApi;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 section 6: a plugin built against a newer api, two plugins bundling two versions of one library (with and
 * without a dependency between them), and a plugin bundling the api, each diagnosed before any of its code runs (its
 * factory's static initialiser would write a marker file).
 */
class PluginLinkageSection6Test {

    private static final String GREETING = """
            package com.example.shared;
            public final class Greeting {
                private final String text;
                public Greeting(String text) { this.text = text; }
                public String text() { return text + "%s"; }
            }
            """;

    @TempDir
    Path temp;

    private Path plugins() throws IOException {
        return Files.createDirectories(temp.resolve("plugins"));
    }

    private Path marker(String id) {
        return temp.resolve("ran-" + id);
    }

    private PluginJarBuilder plugin(String id, String body) {
        String className = "com.acme." + id + ".Factory";
        String initialiser = """
                static {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                """.formatted(marker(id).toString().replace("\\", "\\\\"));
        return PluginJarBuilder.plugin(id).source(className, Sources.processor(className, id, initialiser + body))
                .service(ProcessorFactory.class, className);
    }

    private List<PluginInfo> start() throws IOException {
        try (PluginPlatform platform = new PluginPlatform(plugins(), PluginSelection.all())) {
            return platform.start();
        }
    }

    private static PluginInfo info(List<PluginInfo> plugins, String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aPluginBuiltAgainstANewerApiIsApiMemberMissingNamingClassMethodMemberRequiresAndFix() throws IOException {
        Path newerApi = ScratchApi.copy()
                .addMember("ExtensionContext", "default String telemetryEndpoint() { return \"\"; }")
                .addClass("dev.patchbay.api.Telemetry", """
                        package dev.patchbay.api;
                        public final class Telemetry {
                            private Telemetry() { }
                            public static void count(String name) { }
                        }
                        """).compile(temp);
        plugin("newer", "").source("com.acme.newer.Reporter", """
                package com.acme.newer;
                public final class Reporter {
                    public static String report(dev.patchbay.api.ExtensionContext context) {
                        dev.patchbay.api.Telemetry.count("x");
                        return context.telemetryEndpoint();
                    }
                }
                """).source("com.acme.newer.Factory", Sources.processor("com.acme.newer.Factory", "newer", """
                static {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                public String use(ExtensionContext context) { return Reporter.report(context); }
                """.formatted(marker("newer").toString().replace("\\", "\\\\"))))
                .compileAgainstApi(newerApi).buildJar(plugins());

        PluginInfo newer = info(start(), "newer");

        assertThat(newer.state()).isEqualTo(PluginState.FAILED);
        assertThat(newer.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.API_MEMBER_MISSING);
            assertThat(problem.code().id()).isEqualTo("PB-PLUGIN-026");
            assertThat(problem.message()).startsWith("plugin 'newer' 1.0.0 (newer.jar) uses ")
                    .contains("class dev.patchbay.api.Telemetry in com.acme.newer.Reporter.report("
                            + "dev.patchbay.api.ExtensionContext)",
                            "method java.lang.String dev.patchbay.api.ExtensionContext.telemetryEndpoint() in"
                            + " com.acme.newer.Reporter.report(dev.patchbay.api.ExtensionContext)",
                            "which this host's api " + ApiVersion.current() + " lacks",
                            "Plugin-Requires '>=1.0.0 & <2.0.0'",
                            "install a version of 'newer' built for api " + ApiVersion.current().replaceAll(
                                    "^(\\d+\\.\\d+).*", "$1") + ", or upgrade the host");
        });
        assertThat(marker("newer")).doesNotExist();
    }

    @Test
    void aPluginBundlingTheApiIsBundlesApiBeforeItsCodeRuns() throws IOException {
        plugin("bundler", "").compileAgainst(PluginJarBuilder.apiLocation()).lib(apiJar()).buildZip(plugins());

        PluginInfo bundler = info(start(), "bundler");

        assertThat(bundler.state()).isEqualTo(PluginState.FAILED);
        assertThat(bundler.problems()).extracting(Problem::code).containsExactly(ProblemCode.BUNDLES_API);
        assertThat(marker("bundler")).doesNotExist();
    }

    @Test
    void aDependentBundlingAnotherVersionOfItsDependencysLibraryIsWarnedAndFailsWhenACallCrossesThem()
            throws IOException {
        Path libs = Files.createDirectories(temp.resolve("libs"));
        Path v1 = PluginJarBuilder.library("greeting-1").source("com.example.shared.Greeting", GREETING.formatted("1"))
                .buildJar(libs);
        Path v2dir = Files.createDirectories(temp.resolve("v2"));
        Path v2 = PluginJarBuilder.library("greeting-2").source("com.example.shared.Greeting", GREETING.formatted("2"))
                .buildJar(v2dir);
        PluginJarBuilder.plugin("base").compileAgainst(v1).source("com.acme.base.Hello", """
                package com.acme.base;
                public final class Hello {
                    private Hello() { }
                    public static String text() { return "hello"; }
                    public static String greet(com.example.shared.Greeting greeting) { return greeting.text(); }
                }
                """).lib(v1).buildZip(plugins());
        Path baseClasses = PluginJarBuilder.library("base-api").compileAgainst(v1).source("com.acme.base.Hello", """
                package com.acme.base;
                public final class Hello {
                    private Hello() { }
                    public static String text() { return "hello"; }
                    public static String greet(com.example.shared.Greeting greeting) { return greeting.text(); }
                }
                """).buildJar(libs);
        plugin("shadow", "public String use() { return com.acme.base.Hello.text() + new com.example.shared.Greeting(\"x\").text(); }")
                .compileAgainst(v2, baseClasses).dependencies("base@>=1.0.0").lib(v2).buildZip(plugins());
        plugin("crossing", "public String use() { return com.acme.base.Hello.greet(new com.example.shared.Greeting(\"x\")); }")
                .compileAgainst(v2, baseClasses).dependencies("base@>=1.0.0").lib(v2).buildZip(plugins());

        List<PluginInfo> started = start();

        assertThat(info(started, "base").state()).isEqualTo(PluginState.STARTED);
        PluginInfo shadow = info(started, "shadow");
        assertThat(shadow.state()).as("%s", shadow.problems()).isEqualTo(PluginState.STARTED);
        assertThat(shadow.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.code()).isEqualTo(ProblemCode.PACKAGE_CONFLICT);
            assertThat(warning.message()).contains("bundles the package(s) com.example.shared, which its dependency"
                    + " 'base' 1.0.0 (base.zip) also provides");
        });
        PluginInfo crossing = info(started, "crossing");
        assertThat(crossing.state()).isEqualTo(PluginState.FAILED);
        assertThat(crossing.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.PACKAGE_CONFLICT);
            assertThat(problem.message()).contains("calls method java.lang.String com.acme.base.Hello.greet("
                    + "com.example.shared.Greeting) of plugin 'base' 1.0.0 in com.acme.crossing.Factory.use()",
                    "fails with LinkageError");
        });
        assertThat(marker("crossing")).doesNotExist();
    }

    @Test
    void twoIndependentPluginsBundlingTwoVersionsOfOneLibraryBothStartWithoutWarnings() throws IOException {
        Path libs = Files.createDirectories(temp.resolve("libs"));
        Path v1 = PluginJarBuilder.library("greeting-1").source("com.example.shared.Greeting", GREETING.formatted("1"))
                .buildJar(libs);
        Path v2dir = Files.createDirectories(temp.resolve("v2"));
        Path v2 = PluginJarBuilder.library("greeting-2").source("com.example.shared.Greeting", GREETING.formatted("2"))
                .buildJar(v2dir);
        String uses = "public String use() { return new com.example.shared.Greeting(\"x\").text(); }";
        plugin("one", uses).compileAgainst(v1).lib(v1).buildZip(plugins());
        plugin("two", uses).compileAgainst(v2).lib(v2).buildFolder(plugins());

        List<PluginInfo> started = start();

        assertThat(started).allSatisfy(info -> {
            assertThat(info.state()).as("%s: %s", info.id(), info.problems()).isEqualTo(PluginState.STARTED);
            assertThat(info.warnings()).isEmpty();
        });
        assertThat(marker("one")).exists();
        assertThat(marker("two")).exists();
    }

    private Path apiJar() throws IOException {
        Path api = PluginJarBuilder.apiLocation();
        if (!Files.isDirectory(api)) {
            return api;
        }
        PluginJarBuilder jar = PluginJarBuilder.library("patchbay-api");
        try (var files = Files.walk(api)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String entry = api.relativize(file).toString().replace('\\', '/');
                jar.resource(entry, Files.readAllBytes(file));
            }
        }
        return jar.buildJar(Files.createDirectories(temp.resolve("api-jar")));
    }
}
