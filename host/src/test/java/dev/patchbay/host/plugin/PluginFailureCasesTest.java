package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ApiVersion;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure case of issue 2 section 3: each leaves the bad plugin FAILED with a stable code and an
 * actionable message, while a good plugin next to it starts.
 */
class PluginFailureCasesTest {

    @TempDir
    Path plugins;

    /** A bad archive written next to a good plugin, and what the bad plugin's problem must say. */
    record Case(String name, String pluginId, Consumer<Path> write, ProblemCode code, List<String> fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> discoveryFailures() {
        return Stream.of(
                new Case("corrupt jar", "corrupt.jar", dir -> write(dir.resolve("corrupt.jar"), "not a zip at all"),
                        ProblemCode.CORRUPT_ARCHIVE, List.of("'corrupt.jar'", "not a readable jar", "rebuild")),
                new Case("zero-byte jar", "zero.jar", dir -> write(dir.resolve("zero.jar"), ""),
                        ProblemCode.CORRUPT_ARCHIVE, List.of("'zero.jar'")),
                new Case("jar without entries", "empty.jar", dir -> PluginJarBuilder.library("empty").withoutManifest()
                        .buildJar(dir),
                        ProblemCode.CORRUPT_ARCHIVE, List.of("'empty.jar'", "is empty")),
                new Case("corrupt zip", "broken.zip", dir -> write(dir.resolve("broken.zip"), "PK garbage"),
                        ProblemCode.CORRUPT_ARCHIVE, List.of("'broken.zip'")),
                new Case("missing manifest", "nomanifest.jar", dir -> PluginJarBuilder.plugin("x")
                        .fileName("nomanifest").withoutManifest().resource("readme.txt", "hi").buildJar(dir),
                        ProblemCode.MISSING_DESCRIPTOR, List.of("'nomanifest.jar'", "META-INF/MANIFEST.MF")),
                new Case("folder without manifest", "nomanifest", dir -> PluginJarBuilder.plugin("x")
                        .fileName("nomanifest").withoutManifest().resource("a.txt", "a").buildFolder(dir),
                        ProblemCode.MISSING_DESCRIPTOR, List.of("'nomanifest'")),
                new Case("missing id", "noid.jar", dir -> PluginJarBuilder.plugin("x").fileName("noid")
                        .withoutAttribute("Plugin-Id").buildJar(dir),
                        ProblemCode.MISSING_DESCRIPTOR, List.of("'noid.jar'", "Plugin-Id")),
                new Case("invalid id", "badid.jar", dir -> PluginJarBuilder.plugin("bad id!").fileName("badid")
                        .buildJar(dir), ProblemCode.INVALID_DESCRIPTOR, List.of("'bad id!'", "Plugin-Id")),
                new Case("invalid version", "badversion", dir -> PluginJarBuilder.plugin("badversion")
                        .version("1.banana").buildJar(dir),
                        ProblemCode.INVALID_DESCRIPTOR, List.of("plugin 'badversion'", "'1.banana'", "1.0.0")),
                new Case("missing version", "noversion", dir -> PluginJarBuilder.plugin("noversion")
                        .withoutAttribute("Plugin-Version").buildJar(dir),
                        ProblemCode.INVALID_DESCRIPTOR, List.of("plugin 'noversion'", "Plugin-Version")),
                new Case("invalid api range", "badrange", dir -> PluginJarBuilder.plugin("badrange")
                        .requires(">=> banana").buildJar(dir),
                        ProblemCode.INVALID_DESCRIPTOR, List.of("'>=> banana'", ">=1.0.0 & <2.0.0")),
                new Case("invalid dependency list", "baddeps", dir -> PluginJarBuilder.plugin("baddeps")
                        .dependencies("csv@>=> x").buildJar(dir),
                        ProblemCode.INVALID_DESCRIPTOR, List.of("plugin 'baddeps'", "'csv@>=> x'")),
                new Case("api range that excludes the running api", "csv", dir -> PluginJarBuilder.plugin("csv")
                        .version("1.2.0").requires(">=2.0.0 & <3.0.0").processor("com.example.csv.Csv", "csv")
                        .buildJar(dir), ProblemCode.API_INCOMPATIBLE,
                        List.of("plugin 'csv' 1.2.0", "requires api >=2.0.0 & <3.0.0 but this host provides api "
                                + ApiVersion.current() + ";"
                                + " install a csv version built for api 1.x or upgrade the host")),
                new Case("service file naming a missing class", "ghost", dir -> PluginJarBuilder.plugin("ghost")
                        .service(ProcessorFactory.class, "com.example.ghost.Missing").buildJar(dir),
                        ProblemCode.EXTENSION_CLASS_MISSING,
                        List.of("plugin 'ghost'", "'com.example.ghost.Missing'", ProcessorFactory.class.getName())),
                new Case("service file naming a class of the wrong type", "wrongtype", dir -> PluginJarBuilder
                        .plugin("wrongtype").source("com.example.wt.NotAFactory", """
                                package com.example.wt;
                                @dev.patchbay.api.Extension(name = "nope")
                                public class NotAFactory { public NotAFactory() { } }
                                """).service(ProcessorFactory.class, "com.example.wt.NotAFactory").buildJar(dir),
                        ProblemCode.EXTENSION_WRONG_TYPE,
                        List.of("plugin 'wrongtype'", "'com.example.wt.NotAFactory'", "does not implement "
                                + ProcessorFactory.class.getName())),
                new Case("processor listed as a source", "wrongfile", dir -> PluginJarBuilder.plugin("wrongfile")
                        .source("com.example.wf.Proc", Sources.processor("com.example.wf.Proc", "proc", ""))
                        .service(SourceFactory.class, "com.example.wf.Proc").buildJar(dir),
                        ProblemCode.EXTENSION_WRONG_TYPE, List.of("does not implement " + SourceFactory.class.getName())),
                new Case("factory without a public no-arg constructor", "noctor", dir -> PluginJarBuilder
                        .plugin("noctor").source("com.example.nc.Factory", Sources.processor("com.example.nc.Factory",
                                "factory", "public Factory(String needed) { }"))
                        .service(ProcessorFactory.class, "com.example.nc.Factory").buildJar(dir),
                        ProblemCode.EXTENSION_NOT_INSTANTIABLE,
                        List.of("plugin 'noctor'", "'com.example.nc.Factory'", "no-argument constructor")),
                new Case("abstract factory", "abstractfactory", dir -> PluginJarBuilder.plugin("abstractfactory")
                        .source("com.example.af.Factory", Sources.processor("com.example.af.Factory", "factory", "")
                                .replace("public class", "public abstract class"))
                        .service(ProcessorFactory.class, "com.example.af.Factory").buildJar(dir),
                        ProblemCode.EXTENSION_NOT_INSTANTIABLE, List.of("abstract")),
                new Case("package-private factory", "hidden", dir -> PluginJarBuilder.plugin("hidden")
                        .source("com.example.hidden.Factory", Sources.processor("com.example.hidden.Factory", "factory",
                                "").replace("public class", "class"))
                        .service(ProcessorFactory.class, "com.example.hidden.Factory").buildJar(dir),
                        ProblemCode.EXTENSION_NOT_INSTANTIABLE, List.of("not public")),
                new Case("factory without @Extension", "unnamed", dir -> PluginJarBuilder.plugin("unnamed")
                        .source("com.example.un.Factory", Sources.processor("com.example.un.Factory", "x", "")
                                .replace("@Extension(name = \"x\", description = \"Test processor x\")", ""))
                        .service(ProcessorFactory.class, "com.example.un.Factory").buildJar(dir),
                        ProblemCode.EXTENSION_DESCRIPTOR, List.of("plugin 'unnamed'", "@dev.patchbay.api.Extension")),
                new Case("invalid extension name", "badname", dir -> PluginJarBuilder.plugin("badname")
                        .processor("com.example.bn.Factory", "Bad Name").buildJar(dir),
                        ProblemCode.EXTENSION_DESCRIPTOR, List.of("'Bad Name'")),
                new Case("two extensions of a kind with one name", "twins", dir -> PluginJarBuilder.plugin("twins")
                        .processor("com.example.tw.One", "same").processor("com.example.tw.Two", "same").buildJar(dir),
                        ProblemCode.EXTENSION_DESCRIPTOR, List.of("'same'", "'com.example.tw.Two'")),
                new Case("jar bundling the api classes", "bundler", dir -> PluginJarBuilder.plugin("bundler")
                        .processor("com.example.bu.Factory", "factory")
                        .classFile(ExtensionFactory.class.getName(), apiClassBytes()).buildJar(dir),
                        ProblemCode.BUNDLES_API,
                        List.of("plugin 'bundler'", "mark patchbay-api as <scope>provided</scope>")),
                new Case("folder bundling the api in lib/", "libbundler", dir -> {
                    Path lib = PluginJarBuilder.library("api-copy")
                            .classFile(ExtensionFactory.class.getName(), apiClassBytes()).buildJar(dir.getParent());
                    PluginJarBuilder.plugin("libbundler").processor("com.example.lb.Factory", "factory").lib(lib)
                            .buildFolder(dir);
                }, ProblemCode.BUNDLES_API, List.of("'api-copy.jar'", "<scope>provided</scope>")),
                new Case("service-listed class file that is corrupt", "badclass", dir -> PluginJarBuilder
                        .plugin("badclass").classFile("com.example.bc.Factory", new byte[] {(byte) 0xCA, (byte) 0xFE,
                                (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9})
                        .service(ProcessorFactory.class, "com.example.bc.Factory").buildJar(dir),
                        ProblemCode.CORRUPT_ARCHIVE, List.of("plugin 'badclass'", "'com.example.bc.Factory'",
                                "unreadable")),
                new Case("service file line that is not a class name", "badline", dir -> PluginJarBuilder
                        .plugin("badline").service(ProcessorFactory.class, "com.example.not a class").buildJar(dir),
                        ProblemCode.EXTENSION_CLASS_MISSING, List.of("'com.example.not a class'", "not a class name")),
                new Case("folder with a corrupt lib jar", "badlib", dir -> {
                    Path lib = dir.getParent().resolve("broken-lib.jar");
                    write(lib, "garbage");
                    PluginJarBuilder.plugin("badlib").processor("com.example.bl.Factory", "factory").lib(lib)
                            .buildZip(dir);
                }, ProblemCode.CORRUPT_ARCHIVE, List.of("plugin 'badlib'", "'broken-lib.jar'")),
                new Case("missing dependency", "needy", dir -> PluginJarBuilder.plugin("needy")
                        .dependencies("absent@>=1.0.0 & <2.0.0").buildJar(dir), ProblemCode.DEPENDENCY_MISSING,
                        List.of("plugin 'needy' requires plugin 'absent' >=1.0.0 & <2.0.0", "not installed",
                                "plugins folder")),
                new Case("dependency in the wrong version", "picky", dir -> {
                    PluginJarBuilder.plugin("base").version("1.5.0").buildJar(dir);
                    PluginJarBuilder.plugin("picky").dependencies("base@>=2.0.0").buildJar(dir);
                }, ProblemCode.DEPENDENCY_VERSION, List.of("plugin 'picky'", "'base' >=2.0.0", "'base' 1.5.0")),
                new Case("dependency that failed", "dependent", dir -> {
                    PluginJarBuilder.plugin("broken").version("oops").buildJar(dir);
                    PluginJarBuilder.plugin("dependent").dependencies("broken").buildJar(dir);
                }, ProblemCode.DEPENDENCY_FAILED,
                        List.of("plugin 'dependent' requires plugin 'broken'", "PB-PLUGIN-003", "fix 'broken' first")),
                new Case("dependency of a dependency that failed", "top", dir -> {
                    PluginJarBuilder.plugin("bottom").requires(">=9.0.0").buildJar(dir);
                    PluginJarBuilder.plugin("middle").dependencies("bottom").buildJar(dir);
                    PluginJarBuilder.plugin("top").dependencies("middle@*").buildJar(dir);
                }, ProblemCode.DEPENDENCY_FAILED, List.of("plugin 'top' requires plugin 'middle'", "PB-PLUGIN-008")),
                new Case("dependency cycle", "cycle-a", dir -> {
                    PluginJarBuilder.plugin("cycle-a").dependencies("cycle-b").buildJar(dir);
                    PluginJarBuilder.plugin("cycle-b").dependencies("cycle-c").buildJar(dir);
                    PluginJarBuilder.plugin("cycle-c").dependencies("cycle-a").buildJar(dir);
                }, ProblemCode.DEPENDENCY_CYCLE, List.of("'cycle-a', 'cycle-b', 'cycle-c'", "remove")),
                new Case("plugin depending on itself", "narcissus", dir -> PluginJarBuilder.plugin("narcissus")
                        .dependencies("narcissus").buildJar(dir), ProblemCode.DEPENDENCY_CYCLE,
                        List.of("'narcissus'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discoveryFailures")
    void badArchiveFailsAloneWithCodeAndActionableMessage(Case failure) throws IOException {
        Path dir = Files.createDirectories(plugins.resolve("plugins"));
        failure.write().accept(dir);
        writeGoodPlugin(dir);

        try (PluginPlatform platform = new PluginPlatform(dir, PluginSelection.all())) {
            assertBadAndGood(platform.discover(), failure, PluginState.RESOLVED);
            assertBadAndGood(platform.start(), failure, PluginState.STARTED);
            assertThat(platform.extension("good", ExtensionKind.PROCESSOR, "good")).isPresent();
        }
    }

    private static void assertBadAndGood(List<PluginInfo> infos, Case failure, PluginState goodState) {
        PluginInfo bad = infos.stream().filter(info -> info.id().equals(failure.pluginId())).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin '" + failure.pluginId() + "' in " + infos));
        assertThat(bad.state()).isEqualTo(PluginState.FAILED);
        assertThat(bad.problems()).as("problems of %s", bad.id()).anySatisfy(problem -> {
            assertThat(problem.code()).isEqualTo(failure.code());
            for (String fragment : failure.fragments()) {
                assertThat(problem.message()).contains(fragment);
            }
        });
        assertThat(infos).filteredOn(info -> info.id().equals("good")).singleElement()
                .satisfies(good -> assertThat(good.state()).isEqualTo(goodState));
    }

    @Test
    void sameIdAndVersionFailBothArchivesNamingBothFiles() {
        PluginJarBuilder.plugin("twin").fileName("twin-1").buildJar(plugins);
        PluginJarBuilder.plugin("twin").fileName("twin-2").buildJar(plugins);
        writeGoodPlugin(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            List<PluginInfo> infos = platform.start();
            assertThat(infos).filteredOn(info -> info.id().equals("twin")).hasSize(2).allSatisfy(info -> {
                assertThat(info.state()).isEqualTo(PluginState.FAILED);
                assertThat(info.problems()).singleElement().satisfies(problem -> {
                    assertThat(problem.code()).isEqualTo(ProblemCode.DUPLICATE_ID);
                    assertThat(problem.message()).contains("'twin' 1.0.0", "'twin-1.jar'", "'twin-2.jar'", "remove");
                });
            });
            assertThat(platform.plugin("good")).map(PluginInfo::state).contains(PluginState.STARTED);
        }
    }

    @Test
    void cycleFailsOnlyItsMembersAndTheirDependents() {
        PluginJarBuilder.plugin("a").dependencies("b").buildJar(plugins);
        PluginJarBuilder.plugin("b").dependencies("a").buildJar(plugins);
        PluginJarBuilder.plugin("c").dependencies("a").buildJar(plugins);
        PluginJarBuilder.plugin("d").buildJar(plugins);
        PluginJarBuilder.plugin("e").dependencies("d").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            assertThat(platform.plugin("a").orElseThrow().problems()).extracting(Problem::code)
                    .containsExactly(ProblemCode.DEPENDENCY_CYCLE);
            assertThat(platform.plugin("b").orElseThrow().problems()).extracting(Problem::message)
                    .singleElement().asString().contains("'a', 'b'");
            assertThat(platform.plugin("c").orElseThrow().problems()).extracting(Problem::code)
                    .containsExactly(ProblemCode.DEPENDENCY_FAILED);
            assertThat(platform.plugin("d")).map(PluginInfo::state).contains(PluginState.STARTED);
            assertThat(platform.plugin("e")).map(PluginInfo::state).contains(PluginState.STARTED);
        }
    }

    @Test
    void dependencyOnADisabledPluginFailsTheDependent() {
        PluginJarBuilder.plugin("base").buildJar(plugins);
        PluginJarBuilder.plugin("user").dependencies("base").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, new PluginSelection(Set.of(), Set.of("base")))) {
            platform.start();
            assertThat(platform.plugin("base")).map(PluginInfo::state).contains(PluginState.DISABLED);
            assertThat(platform.plugin("user").orElseThrow().problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.DEPENDENCY_FAILED);
                assertThat(problem.message()).contains("'base'", "disabled", "enable 'base'");
            });
        }
    }

    @Test
    void missingOptionalDependencyDoesNotFailThePlugin() {
        PluginJarBuilder.plugin("relaxed").dependencies("geo?@*, maps?@>=1.0.0").buildJar(plugins);
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.start()).singleElement()
                    .satisfies(info -> assertThat(info.state()).isEqualTo(PluginState.STARTED));
        }
    }

    @Test
    void failingStaticInitialiserIsNotRunByDiscoveryButFailsThePluginOnStart() {
        PluginJarBuilder.plugin("explosive").source("com.example.ex.Bomb", Sources.processor("com.example.ex.Bomb",
                "bomb", "static { if (true) { throw new IllegalStateException(\"static boom\"); } }"))
                .service(ProcessorFactory.class, "com.example.ex.Bomb").buildJar(plugins);
        PluginJarBuilder.plugin("after").dependencies("explosive").buildJar(plugins);
        writeGoodPlugin(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.discover()).allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.RESOLVED));

            platform.start();

            PluginInfo explosive = platform.plugin("explosive").orElseThrow();
            assertThat(explosive.state()).isEqualTo(PluginState.FAILED);
            assertThat(explosive.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.EXTENSION_INIT_FAILED);
                assertThat(problem.message()).contains("plugin 'explosive'", "'com.example.ex.Bomb'", "static boom",
                        "static initialiser or constructor");
            });
            PluginInfo after = platform.plugin("after").orElseThrow();
            assertThat(after.state()).isEqualTo(PluginState.FAILED);
            assertThat(after.problems()).extracting(Problem::code).containsExactly(ProblemCode.DEPENDENCY_FAILED);
            assertThat(after.problems().get(0).message()).contains("'explosive'", "PB-PLUGIN-013");
            assertThat(platform.plugin("good")).map(PluginInfo::state).contains(PluginState.STARTED);
            assertThat(platform.extension("explosive", ExtensionKind.PROCESSOR, "bomb")).isEmpty();
        }
    }

    @Test
    void throwingConstructorFailsThePluginOnStartAndOtherFactoriesAreStillTried() {
        PluginJarBuilder.plugin("grumpy")
                .source("com.example.gr.Angry", Sources.processor("com.example.gr.Angry", "angry",
                        "public Angry() { throw new UnsupportedOperationException(\"ctor boom\"); }"))
                .service(ProcessorFactory.class, "com.example.gr.Angry")
                .processor("com.example.gr.Calm", "calm")
                .buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.start();
            PluginInfo grumpy = platform.plugin("grumpy").orElseThrow();
            assertThat(grumpy.state()).isEqualTo(PluginState.FAILED);
            assertThat(grumpy.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.EXTENSION_INIT_FAILED);
                assertThat(problem.message()).contains("'com.example.gr.Angry'", "ctor boom");
            });
            assertThat(platform.extension("grumpy", ExtensionKind.PROCESSOR, "calm")).isEmpty();
        }
    }

    @Test
    void wrongTypeHiddenBehindADependencysBaseClassIsCaughtOnStart() {
        Path kit = PluginJarBuilder.plugin("kit").source("com.example.kit.NotAFactoryBase", """
                package com.example.kit;
                public abstract class NotAFactoryBase { }
                """).buildJar(plugins);
        PluginJarBuilder.plugin("sneaky").dependencies("kit").compileAgainst(kit)
                .source("com.example.sneaky.Sneaky", """
                        package com.example.sneaky;
                        @dev.patchbay.api.Extension(name = "sneaky")
                        public class Sneaky extends com.example.kit.NotAFactoryBase { }
                        """)
                .service(ProcessorFactory.class, "com.example.sneaky.Sneaky").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.discover()).allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.RESOLVED));
            platform.start();
            assertThat(platform.plugin("sneaky").orElseThrow().problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.EXTENSION_WRONG_TYPE);
                assertThat(problem.message()).contains("'com.example.sneaky.Sneaky'", ProcessorFactory.class.getName());
            });
            assertThat(platform.plugin("kit")).map(PluginInfo::state).contains(PluginState.STARTED);
        }
    }

    static void writeGoodPlugin(Path dir) {
        PluginJarBuilder.plugin("good").processor("com.example.good.Good", "good").buildJar(dir);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] apiClassBytes() {
        try (InputStream in = ExtensionFactory.class.getResourceAsStream("ExtensionFactory.class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
