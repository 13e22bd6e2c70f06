package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 section 3, the linkage check: references that would fail with NoClassDefFoundError or NoSuchMethodError
 * are reported at discovery, before any code of the plugin runs. Each plugin's factory writes a marker file from
 * its static initialiser, and every test asserts that it did not run. Every archive is built at test time.
 */
class PluginLinkageTest {

    @TempDir
    Path temp;

    private Path plugins() throws IOException {
        return Files.createDirectories(temp.resolve("plugins"));
    }

    private Path libs() throws IOException {
        return Files.createDirectories(temp.resolve("libs"));
    }

    private Path marker(String id) {
        return temp.resolve("ran-" + id);
    }

    /** A factory whose static initialiser writes the marker file, with extra members. */
    private String factory(String className, String id, String body) {
        String initialiser = """
                static {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                """.formatted(marker(id).toString().replace("\\", "\\\\"));
        return Sources.processor(className, id, initialiser + body);
    }

    private PluginJarBuilder plugin(String id, String body) {
        String className = "com.acme." + id + ".Factory";
        return PluginJarBuilder.plugin(id).source(className, factory(className, id, body))
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

    private static Path library(Path dir, String name, Map<String, String> sources) {
        PluginJarBuilder builder = PluginJarBuilder.library(name);
        sources.forEach(builder::source);
        return builder.buildJar(dir);
    }

    private static final String THING_V1 = """
            package com.example.lib;
            public final class Thing {
                public static String name() { return "thing"; }
            }
            """;

    private static final String THING_V2 = """
            package com.example.lib;
            public final class Thing {
                public static String name() { return "thing"; }
                public static int size() { return 2; }
            }
            """;

    @Test
    void aLibraryTheAuthorForgotToBundleIsClassNotVisibleNamingTheClassAndMethod() throws IOException {
        Path lib = library(libs(), "thing-1", Map.of("com.example.lib.Thing", THING_V1));
        plugin("forgot", "public String use() { return com.example.lib.Thing.name(); }").compileAgainst(lib)
                .buildJar(plugins());

        PluginInfo forgot = info(start(), "forgot");

        assertThat(forgot.state()).isEqualTo(PluginState.FAILED);
        assertThat(forgot.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CLASS_NOT_VISIBLE);
            assertThat(problem.code().id()).isEqualTo("PB-PLUGIN-027");
            assertThat(problem.message()).startsWith("plugin 'forgot' 1.0.0 (forgot.jar) references class"
                    + " com.example.lib.Thing in com.acme.forgot.Factory.use(), which no class loader visible to it"
                    + " provides")
                    .contains("bundle the missing library in the plugin (lib/ of a zip or folder plugin");
        });
        assertThat(marker("forgot")).doesNotExist();
    }

    @Test
    void aBundledLibraryOfAnotherVersionThanCompiledAgainstIsMemberMissingNamingTheLibJar() throws IOException {
        Path v1 = library(libs(), "thing-1", Map.of("com.example.lib.Thing", THING_V1));
        Path v2 = library(Files.createDirectories(temp.resolve("v2")), "thing-2",
                Map.of("com.example.lib.Thing", THING_V2));
        plugin("skew", "public int use() { return com.example.lib.Thing.size(); }").compileAgainst(v2).lib(v1)
                .buildZip(plugins());

        PluginInfo skew = info(start(), "skew");

        assertThat(skew.state()).isEqualTo(PluginState.FAILED);
        assertThat(skew.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.MEMBER_MISSING);
            assertThat(problem.message()).startsWith("plugin 'skew' 1.0.0 (skew.zip) uses method int"
                    + " com.example.lib.Thing.size() of lib/thing-1.jar in com.acme.skew.Factory.use(), which the"
                    + " class it sees lacks");
        });
        assertThat(marker("skew")).doesNotExist();
    }

    @Test
    void referencingHostClassesIsClassNotVisibleSayingTheHostDoesNotExportThem() throws IOException {
        plugin("hosty", """
                public Object use() {
                    return new com.fasterxml.jackson.databind.ObjectMapper().toString()
                            + dev.patchbay.host.plugin.PluginState.STARTED;
                }
                """).compileAgainst(location(com.fasterxml.jackson.databind.ObjectMapper.class),
                        location(com.fasterxml.jackson.core.Versioned.class), location(PluginState.class))
                .buildJar(plugins());

        PluginInfo hosty = info(start(), "hosty");

        assertThat(hosty.state()).isEqualTo(PluginState.FAILED);
        assertThat(hosty.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CLASS_NOT_VISIBLE);
            assertThat(problem.message()).contains("class com.fasterxml.jackson.databind.ObjectMapper in"
                    + " com.acme.hosty.Factory.use()", "class dev.patchbay.host.plugin.PluginState in"
                    + " com.acme.hosty.Factory.use()", "a class of the host itself");
        });
        assertThat(marker("hosty")).doesNotExist();
    }

    @Test
    void aLibraryClassTheEntryPointsNeverReachIsNotReported() throws IOException {
        Path lib = library(libs(), "thing-1", Map.of("com.example.lib.Thing", THING_V1));
        plugin("lean", "").compileAgainst(lib).source("com.acme.lean.Unused", """
                package com.acme.lean;
                public final class Unused {
                    public String use() { return com.example.lib.Thing.name(); }
                }
                """).buildJar(plugins());

        PluginInfo lean = info(start(), "lean");

        assertThat(lean.state()).as("%s", lean.problems()).isEqualTo(PluginState.STARTED);
        assertThat(lean.warnings()).isEmpty();
    }

    @Test
    void aClassOnlyAnAbsentOptionalDependencyCouldProvideIsAWarningAndThePluginStarts() throws IOException {
        Path lib = library(libs(), "geo", Map.of("com.acme.geo.Point", """
                package com.acme.geo;
                public final class Point {
                    public static String origin() { return "0,0"; }
                }
                """));
        plugin("maps", "public String use() { return com.acme.geo.Point.origin(); }").compileAgainst(lib)
                .dependencies("geo?@>=1.0.0").buildJar(plugins());

        PluginInfo maps = info(start(), "maps");

        assertThat(maps.state()).as("%s", maps.problems()).isEqualTo(PluginState.STARTED);
        assertThat(maps.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.code()).isEqualTo(ProblemCode.CLASS_NOT_VISIBLE);
            assertThat(warning.message()).contains("class com.acme.geo.Point in com.acme.maps.Factory.use()",
                    "only its optional dependency 'geo' (not installed) could provide");
        });
    }

    @Test
    void aDependencyThatProvidesTheClassButNotTheMemberIsMemberMissing() throws IOException {
        String pointV1 = """
                package com.acme.geo;
                public final class Point {
                    public static String origin() { return "0,0"; }
                }
                """;
        String pointV2 = pointV1.replace("public static String origin()",
                "public static double distance() { return 0; }\n    public static String origin()");
        PluginJarBuilder.plugin("geo").source("com.acme.geo.Point", pointV1).buildJar(plugins());
        Path geoV2 = library(libs(), "geo-2", Map.of("com.acme.geo.Point", pointV2));
        plugin("maps", "public String use() { return com.acme.geo.Point.origin() + com.acme.geo.Point.distance(); }")
                .compileAgainst(geoV2).dependencies("geo@>=1.0.0").buildJar(plugins());

        List<PluginInfo> started = start();

        assertThat(info(started, "geo").state()).isEqualTo(PluginState.STARTED);
        PluginInfo maps = info(started, "maps");
        assertThat(maps.state()).isEqualTo(PluginState.FAILED);
        assertThat(maps.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.MEMBER_MISSING);
            assertThat(problem.message()).contains("method double com.acme.geo.Point.distance() of plugin 'geo'"
                    + " 1.0.0 in com.acme.maps.Factory.use()");
        });
        assertThat(marker("maps")).doesNotExist();
    }

    @Test
    void aDependencyThatProvidesEverythingReferencedGivesNoProblem() throws IOException {
        PluginJarBuilder.plugin("geo").source("com.acme.geo.Point", """
                package com.acme.geo;
                public class Point {
                    public static String origin() { return "0,0"; }
                }
                """).buildJar(plugins());
        Path geo = plugins().resolve("geo.jar");
        plugin("maps", "public String use() { return com.acme.geo.Point.origin() + new com.acme.geo.Point().hashCode(); }")
                .compileAgainst(geo).dependencies("geo@>=1.0.0").buildJar(plugins());

        PluginInfo maps = info(start(), "maps");

        assertThat(maps.state()).as("%s", maps.problems()).isEqualTo(PluginState.STARTED);
        assertThat(maps.warnings()).isEmpty();
    }

    @Test
    void aJdkMethodThisJvmLacksIsMemberMissingNamingTheJdk() throws IOException {
        Map<String, byte[]> compiled = PluginJarBuilder.compile(Map.of("com.acme.future.Helper", """
                package com.acme.future;
                public final class Helper {
                    public static boolean run(String s) { return s.isBlank(); }
                }
                """), List.of());
        byte[] patched = replaceAscii(compiled.get("com/acme/future/Helper.class"), "isBlank", "isBlunk");
        plugin("future", "public boolean use() { return com.acme.future.Helper.run(\"\"); }")
                .compileAgainst(classesFolder(compiled)).classFile("com.acme.future.Helper", patched)
                .buildJar(plugins());

        PluginInfo future = info(start(), "future");

        assertThat(future.state()).isEqualTo(PluginState.FAILED);
        assertThat(future.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.MEMBER_MISSING);
            assertThat(problem.message()).contains("method boolean java.lang.String.isBlunk() of the JDK (Java "
                    + Runtime.version().feature() + ") in com.acme.future.Helper.run(java.lang.String)");
        });
        assertThat(marker("future")).doesNotExist();
    }

    @Test
    void bundlingClassesInAJavaPackageIsAPackageConflict() throws IOException {
        plugin("rogue", "").classFile("java.lang.Rogue", renamedClass("java/lang/Rogue")).buildJar(plugins());

        PluginInfo rogue = info(start(), "rogue");

        assertThat(rogue.state()).isEqualTo(PluginState.FAILED);
        assertThat(rogue.problems()).extracting(Problem::code).contains(ProblemCode.PACKAGE_CONFLICT);
        assertThat(marker("rogue")).doesNotExist();
    }

    /** A class named {@code internal}: a compiled one whose name constant is replaced, same length. */
    private static byte[] renamedClass(String internal) {
        String original = "zzzz/zzzz/" + "Z".repeat(internal.length() - 10);
        Map<String, byte[]> compiled = PluginJarBuilder.compile(Map.of(original.replace('/', '.'),
                "package zzzz.zzzz; public final class " + original.substring(10) + " { }"), List.of());
        return replaceAscii(compiled.get(original + ".class"), original, internal);
    }

    static byte[] replaceAscii(byte[] bytes, String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("'" + from + "' and '" + to + "' differ in length");
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.contains(from)) {
            throw new IllegalArgumentException("the class file does not contain '" + from + "'");
        }
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private Path classesFolder(Map<String, byte[]> classes) throws IOException {
        Path folder = Files.createTempDirectory(temp, "classes");
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            Path file = folder.resolve(entry.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, entry.getValue());
        }
        return folder;
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }
}
