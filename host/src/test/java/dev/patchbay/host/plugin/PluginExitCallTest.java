package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8 section 5, "Exit calls": a plugin whose bytecode calls {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt} is FAILED at discovery with EXIT_CALL (PB-PLUGIN-019), before any of its code runs,
 * unless the operator allows it by id. Every archive is built at test time.
 */
class PluginExitCallTest {

    @TempDir
    Path plugins;

    /** A helper class (not a factory) whose body contains {@code statement}. */
    private static String helper(String className, String statement) {
        int dot = className.lastIndexOf('.');
        return "package " + className.substring(0, dot) + ";\n\npublic final class " + className.substring(dot + 1)
                + " {\n    public static void run() {\n        " + statement + "\n    }\n}\n";
    }

    private static PluginJarBuilder pluginWith(String id, String helperClass, String statement) {
        return PluginJarBuilder.plugin(id).version("1.2.0").processor("com.acme." + id + ".Factory", id)
                .source(helperClass, helper(helperClass, statement));
    }

    /** One way of calling a method that ends the JVM, and how the message names it. */
    record Call(String name, String statement, String display) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Call> calls() {
        return Stream.of(
                new Call("System.exit", "System.exit(3);", "java.lang.System.exit"),
                new Call("Runtime.exit", "Runtime.getRuntime().exit(3);", "java.lang.Runtime.exit"),
                new Call("Runtime.halt", "Runtime.getRuntime().halt(3);", "java.lang.Runtime.halt"),
                new Call("method reference System::exit (invokedynamic, MethodHandle constant)",
                        "java.util.function.IntConsumer exit = System::exit; exit.accept(3);",
                        "java.lang.System.exit"),
                new Call("method reference Runtime::halt on an instance",
                        "java.util.function.IntConsumer halt = Runtime.getRuntime()::halt; halt.accept(3);",
                        "java.lang.Runtime.halt"),
                new Call("System.exit inside a lambda body",
                        "Runnable r = () -> System.exit(3); r.run();", "java.lang.System.exit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void aPluginThatCallsAnExitMethodIsFailedAtDiscoveryNamingTheClassAndTheCall(Call call) {
        pluginWith("geo", "com.acme.geo.Cli", call.statement()).buildJar(plugins);
        PluginJarBuilder.plugin("good").processor("com.example.good.Good", "good").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            List<PluginInfo> started = platform.start();

            assertThat(info(started, "good").state()).isEqualTo(PluginState.STARTED);
            PluginInfo geo = info(started, "geo");
            assertThat(geo.state()).isEqualTo(PluginState.FAILED);
            assertThat(geo.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.EXIT_CALL);
                assertThat(problem.code().id()).isEqualTo("PB-PLUGIN-019");
                assertThat(problem.message()).isEqualTo("plugin 'geo' 1.2.0 (geo.jar) calls " + call.display()
                        + " in class com.acme.geo.Cli; a plugin that ends the JVM takes every pipeline down with it;"
                        + " remove the call, or, if you trust it, allow it with \"plugins\": {\"allowExit\":"
                        + " [\"geo\"]} in the configuration");
            });
            assertThat(platform.extension("geo", ExtensionKind.PROCESSOR, "geo")).isEmpty();
        }
    }

    /** Writes a plugin with a bundled library that calls System.exit, in a folder or zip layout. */
    static Stream<Layout> libraryLayouts() {
        return Stream.of(new Layout("folder", PluginJarBuilder::buildFolder, "geo"),
                new Layout("zip", PluginJarBuilder::buildZip, "geo.zip"),
                new Layout("zip with a top folder", PluginJarBuilder::buildZipWithTopFolder, "geo.zip"));
    }

    record Layout(String name, BiFunction<PluginJarBuilder, Path, Path> write, String file) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraryLayouts")
    void aCallInABundledLibraryJarIsFoundAndTheJarIsNamed(Layout layout) throws Exception {
        Path libs = Files.createDirectories(plugins.resolveSibling("libs"));
        Path lib = PluginJarBuilder.library("acme-cli").source("com.acme.geo.Cli", helper("com.acme.geo.Cli",
                "System.exit(2);")).buildJar(libs);
        layout.write().apply(PluginJarBuilder.plugin("geo").version("1.2.0").processor("com.acme.geo.Factory", "geo")
                .lib(lib), plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            PluginInfo geo = info(platform.discover(), "geo");

            assertThat(geo.state()).isEqualTo(PluginState.FAILED);
            assertThat(geo.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.EXIT_CALL);
                assertThat(problem.message()).startsWith("plugin 'geo' 1.2.0 (" + layout.file() + ") calls"
                        + " java.lang.System.exit in class com.acme.geo.Cli (lib/acme-cli.jar); a plugin that ends");
            });
        }
    }

    @Test
    void aPluginThatOnlyMentionsTheCallsInStringsStartsBesideOneThatCallsThem() {
        pluginWith("geo", "com.acme.geo.Cli", "System.exit(3);").buildJar(plugins);
        PluginJarBuilder.plugin("docs").processor("com.acme.docs.Factory", "docs")
                .source("com.acme.docs.Help", helper("com.acme.docs.Help",
                        "String[] words = {\"System.exit\", \"java/lang/System\", \"java/lang/Runtime\", \"exit\","
                                + " \"halt\", \"(I)V\", \"Runtime.halt(3)\"}; System.out.println(words.length);"))
                .buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            List<PluginInfo> started = platform.start();

            assertThat(info(started, "docs").state()).isEqualTo(PluginState.STARTED);
            assertThat(info(started, "geo").state()).isEqualTo(PluginState.FAILED);
        }
    }

    @Test
    void everyOffendingClassIsCountedAndTheFirstFiveAreNamed() {
        PluginJarBuilder builder = PluginJarBuilder.plugin("many").processor("com.acme.many.Factory", "many");
        IntStream.rangeClosed(1, 7).forEach(i -> builder.source("com.acme.many.Exit" + i,
                helper("com.acme.many.Exit" + i, i == 4 ? "System.exit(1); Runtime.getRuntime().halt(1);"
                        : "System.exit(1);")));
        builder.buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            PluginInfo many = info(platform.discover(), "many");

            assertThat(many.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                    .contains("calls java.lang.System.exit in class com.acme.many.Exit1, java.lang.System.exit in"
                            + " class com.acme.many.Exit2, java.lang.System.exit in class com.acme.many.Exit3,"
                            + " java.lang.System.exit and java.lang.Runtime.halt in class com.acme.many.Exit4,"
                            + " java.lang.System.exit in class com.acme.many.Exit5, and 2 more classes (7 in all);")
                    .doesNotContain("Exit6").doesNotContain("Exit7"));
        }
    }

    @Test
    void anAllowedPluginStartsAndTheAllowanceDoesNotLeakToAnotherPlugin() {
        pluginWith("geo", "com.acme.geo.Cli", "System.exit(3);").buildJar(plugins);
        pluginWith("other", "com.acme.other.Cli", "Runtime.getRuntime().halt(3);").buildJar(plugins);
        pluginWith("off", "com.acme.off.Cli", "System.exit(3);").buildJar(plugins);
        PluginSelection selection = new PluginSelection(Set.of(), Set.of("off"), Set.of("geo"));

        try (PluginPlatform platform = new PluginPlatform(plugins, selection)) {
            List<PluginInfo> started = platform.start();

            assertThat(info(started, "geo").state()).isEqualTo(PluginState.STARTED);
            assertThat(platform.extension("geo", ExtensionKind.PROCESSOR, "geo")).isPresent();
            assertThat(info(started, "other").state()).isEqualTo(PluginState.FAILED);
            assertThat(info(started, "other").problems()).extracting(Problem::code)
                    .containsExactly(ProblemCode.EXIT_CALL);
            assertThat(info(started, "other").problems().get(0).message()).contains("\"allowExit\": [\"other\"]");
            assertThat(info(started, "off").state()).isEqualTo(PluginState.DISABLED);
            assertThat(info(started, "off").problems()).isEmpty();
        }
    }

    @Test
    void verifyReportsTheCallWithTheWayToAllowIt() {
        Path jar = pluginWith("geo", "com.acme.geo.Cli", "System.exit(3);").buildJar(plugins);

        PluginInfo verified = PluginVerifier.startingInProcess().verify(List.of(jar)).get(0);

        assertThat(verified.state()).isEqualTo(PluginState.FAILED);
        assertThat(verified.problems()).extracting(Problem::code).containsExactly(ProblemCode.EXIT_CALL);
        assertThat(verified.problems().get(0).message())
                .contains("allow it with \"plugins\": {\"allowExit\": [\"geo\"]}");
    }

    private static PluginInfo info(List<PluginInfo> infos, String id) {
        return infos.stream().filter(info -> info.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin '" + id + "' in " + infos));
    }
}
