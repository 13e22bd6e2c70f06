package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code plugins verify} reports service files the class path does not read (PB-PLUGIN-018) and classes
 * annotated {@code @Extension} that no service file lists (PB-PLUGIN-017), quoting the path found and the
 * path it belongs at, and leaves the service files of bundled libraries alone.
 */
class PluginVerifyServiceFilesTest {

    private static final String LOOKUP = "com.example.geo.Lookup";
    private static final String PROCESSORS = "META-INF/services/dev.patchbay.api.ProcessorFactory";

    @TempDir
    Path dir;

    /** An archive to write, its file name, and what its problem must quote. */
    record Case(String name, Function<Path, Path> write, String file, String found, String fix) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static PluginJarBuilder geo() {
        return PluginJarBuilder.plugin("geo").source(LOOKUP, Sources.processor(LOOKUP, "lookup", ""));
    }

    private static Path implJar(Path dir, String serviceFile) {
        try {
            Path libs = Files.createDirectories(dir.resolve("libs"));
            PluginJarBuilder impl = PluginJarBuilder.library("geo-impl").source(LOOKUP, Sources.processor(LOOKUP,
                    "lookup", ""));
            return (serviceFile.isEmpty() ? impl : impl.serviceLines(serviceFile, LOOKUP)).buildJar(libs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case inJar(String path, String fix) {
        return new Case("jar: " + path, d -> geo().serviceLines(path, LOOKUP).buildJar(d), "geo.jar", path, fix);
    }

    static Stream<Case> misplacedServiceFiles() {
        String move = "move it to '" + PROCESSORS + "'";
        String rename = "rename it to '" + PROCESSORS + "'";
        String classes = "move it to 'classes/" + PROCESSORS + "'";
        String inLib = "lib/geo-impl.jar!/";
        return Stream.of(
                inJar("META-INF/service/dev.patchbay.api.ProcessorFactory", move),
                inJar("META-INF/Services/dev.patchbay.api.ProcessorFactory", move),
                inJar("META-INF/dev.patchbay.api.ProcessorFactory", move),
                inJar("META-INF/services/dev.patchbay.api.ProcesorFactory", rename),
                inJar("META-INF/services/dev.patchbay.api.Processor", rename),
                inJar("META-INF/services/dev.patchbay.api.processorfactory", rename),
                inJar("META-INF/services/ProcessorFactory", rename),
                inJar("META-INF/services/dev.patchbay.api.ExtensionFactory", rename),
                new Case("folder: services at the folder root", d -> geo().rootFile(PROCESSORS, LOOKUP).buildFolder(d),
                        "geo", PROCESSORS, classes),
                new Case("folder: misspelt interface at the folder root", d -> geo().rootFile(
                        "META-INF/services/dev.patchbay.api.ProcesorFactory", LOOKUP).buildFolder(d), "geo",
                        "META-INF/services/dev.patchbay.api.ProcesorFactory", "move and rename it to 'classes/"
                        + PROCESSORS + "'"),
                new Case("zip: services at the zip root", d -> geo().rootFile(PROCESSORS, LOOKUP).buildZip(d),
                        "geo.zip", PROCESSORS, classes),
                new Case("zip: services beside classes/ in the top folder", d -> geo().rootFile(PROCESSORS, LOOKUP)
                        .buildZipWithTopFolder(d), "geo.zip", "geo/" + PROCESSORS, "move it to 'geo/classes/"
                        + PROCESSORS + "'"),
                new Case("folder: classes/META-INF/service/", d -> geo().serviceLines(
                        "META-INF/service/dev.patchbay.api.ProcessorFactory", LOOKUP).buildFolder(d), "geo",
                        "classes/META-INF/service/dev.patchbay.api.ProcessorFactory", classes),
                new Case("folder: lib jar with META-INF/service/", d -> PluginJarBuilder.plugin("geo")
                        .lib(implJar(d, "META-INF/service/dev.patchbay.api.ProcessorFactory")).buildFolder(d), "geo",
                        inLib + "META-INF/service/dev.patchbay.api.ProcessorFactory", "move it to '" + inLib
                        + PROCESSORS + "'"),
                new Case("zip: lib jar with a misspelt interface", d -> PluginJarBuilder.plugin("geo")
                        .lib(implJar(d, "META-INF/services/dev.patchbay.api.ProcesorFactory")).buildZip(d), "geo.zip",
                        inLib + "META-INF/services/dev.patchbay.api.ProcesorFactory", "rename it to '" + inLib
                        + PROCESSORS + "'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misplacedServiceFiles")
    void misplacedServiceFileIsQuotedWithThePathItBelongsAtAndNamedAsTheLikelyCause(Case c) {
        Path archive = c.write().apply(dir);

        List<PluginInfo> results = PluginVerifier.startingInProcess().verify(List.of(archive));

        assertThat(results).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo(PluginState.FAILED);
            assertThat(info.problems()).extracting(Problem::code)
                    .containsExactly(ProblemCode.NO_EXTENSIONS, ProblemCode.SERVICE_FILE_MISPLACED);
            assertThat(info.problems().get(0).message()).contains("plugin 'geo' (" + c.file() + ")",
                    "the likely cause is the misplaced service file '" + c.found() + "'", c.fix());
            assertThat(info.problems().get(1).message()).contains(
                    "plugin 'geo' (" + c.file() + ") has the service file '" + c.found() + "'",
                    "(it lists '" + LOOKUP + "')", c.fix());
        });
    }

    /** An archive with one unlisted annotated class (besides a listed one), and what the problem must say. */
    record Unlisted(String name, Function<Path, Path> write, String file, String className, String extension,
            String serviceFile) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static PluginJarBuilder geoWithListed() {
        return PluginJarBuilder.plugin("geo").processor("com.example.geo.Listed", "listed");
    }

    private static final String SINK_BASE = """
            package com.example.geo;
            import dev.patchbay.api.*;
            import java.util.List;
            public abstract class Base implements SinkFactory {
                public List<Setting> settings() { return List.of(); }
                public Sink create(Settings settings, ExtensionContext context) { return null; }
            }
            """;
    private static final String FEED = """
            package com.example.geo;
            import dev.patchbay.api.*;
            import java.util.List;
            @Extension(name = "feed")
            public class Feed implements SourceFactory {
                public List<Setting> settings() { return List.of(); }
                public Source create(Settings settings, SourceContext context) { return null; }
            }
            """;
    private static final String OUTER = """
            package com.example.geo;
            import dev.patchbay.api.*;
            import java.util.List;
            public class Outer {
                @Extension(name = "inner")
                public static class Inner implements ProcessorFactory {
                    public List<Setting> settings() { return List.of(); }
                    public Processor create(Settings settings, ExtensionContext context) { return null; }
                }
            }
            """;

    private static Path baseJar(Path dir) {
        return PluginJarBuilder.library("geo-base").source("com.example.base.BaseProcessor", """
                package com.example.base;
                public abstract class BaseProcessor implements dev.patchbay.api.ProcessorFactory { }
                """).buildJar(dir);
    }

    static Stream<Unlisted> unlistedExtensions() {
        String any = "the service file of the factory interface it implements ('META-INF/services/' followed by"
                + " dev.patchbay.api.SourceFactory, ProcessorFactory or SinkFactory)";
        return Stream.of(
                new Unlisted("processor in a jar", d -> geoWithListed().source(LOOKUP, Sources.processor(LOOKUP,
                        "lookup", "")).buildJar(d), "geo.jar", LOOKUP, "lookup", "'" + PROCESSORS + "'"),
                new Unlisted("sink through an abstract base class", d -> geoWithListed()
                        .source("com.example.geo.Base", SINK_BASE).source("com.example.geo.Store",
                                "package com.example.geo; @dev.patchbay.api.Extension(name = \"store\")"
                                        + " public class Store extends Base { }").buildJar(d),
                        "geo.jar", "com.example.geo.Store", "store", "'META-INF/services/dev.patchbay.api.SinkFactory'"),
                new Unlisted("source in a folder", d -> geoWithListed().source("com.example.geo.Feed", FEED)
                        .buildFolder(d), "geo", "com.example.geo.Feed", "feed",
                        "'classes/META-INF/services/dev.patchbay.api.SourceFactory'"),
                new Unlisted("nested processor class", d -> geoWithListed().source("com.example.geo.Outer", OUTER)
                        .buildJar(d), "geo.jar", "com.example.geo.Outer$Inner", "inner", "'" + PROCESSORS + "'"),
                new Unlisted("processor in a lib jar of a zip", d -> geoWithListed().lib(implJar(d, "")).buildZip(d),
                        "geo.zip", LOOKUP, "lookup", "'lib/geo-impl.jar!/" + PROCESSORS + "'"),
                new Unlisted("processor whose base class is not in the plugin", d -> geoWithListed()
                        .compileAgainst(baseJar(d)).source("com.example.geo.Far", """
                                package com.example.geo;
                                import dev.patchbay.api.*;
                                import java.util.List;
                                @Extension(name = "far")
                                public class Far extends com.example.base.BaseProcessor {
                                    public List<Setting> settings() { return List.of(); }
                                    public Processor create(Settings s, ExtensionContext c) { return null; }
                                }
                                """).buildJar(d), "geo.jar", "com.example.geo.Far", "far", any));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unlistedExtensions")
    void annotatedClassThatNoServiceFileListsIsNamedWithTheServiceFileToAddItTo(Unlisted c) {
        Path archive = c.write().apply(dir);

        List<PluginInfo> results = PluginVerifier.startingInProcess().verify(List.of(archive));

        assertThat(results).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo(PluginState.FAILED);
            assertThat(info.extensions()).extracting(ExtensionDescriptor::name).containsExactly("listed");
            assertThat(info.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.EXTENSION_NOT_LISTED);
                assertThat(problem.message()).contains("plugin 'geo' (" + c.file() + ") has the class '"
                        + c.className() + "' annotated @Extension(name = \"" + c.extension()
                        + "\"), but no service file lists it", "add the line '" + c.className() + "' to "
                        + c.serviceFile(), "dev.patchbay:patchbay-api-processor:1.0.0");
            });
        });
    }

    static Stream<Case> wellFormedPlugins() {
        String driver = "META-INF/services/java.sql.Driver";
        String ownSpi = "META-INF/services/com.acme.spi.ProcessorFactory";
        return Stream.of(
                new Case("jar with a nested factory and an slf4j service file", d -> PluginJarBuilder.plugin("geo")
                        .processor(LOOKUP, "lookup").serviceLines("META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
                                "com.example.geo.Provider").buildJar(d), "geo.jar", "", ""),
                new Case("jar with an annotated class that is no factory", d -> PluginJarBuilder.plugin("geo")
                        .processor(LOOKUP, "lookup").source("com.example.geo.Notes", "package com.example.geo;"
                                + " @dev.patchbay.api.Extension(name = \"notes\") public class Notes { }")
                        .buildJar(d), "geo.jar", "", ""),
                new Case("folder whose lib jar has service files of its own interfaces", d -> PluginJarBuilder
                        .plugin("geo").processor(LOOKUP, "lookup").lib(libraryWith(d, driver, ownSpi)).buildFolder(d),
                        "geo", "", ""),
                new Case("zip whose lib jar lists the factory", d -> PluginJarBuilder.plugin("geo")
                        .lib(implJar(d, PROCESSORS)).buildZipWithTopFolder(d), "geo.zip", "", ""));
    }

    private static Path libraryWith(Path dir, String... serviceFiles) {
        PluginJarBuilder library = PluginJarBuilder.library("acme").source("com.acme.Thing",
                "package com.acme; public class Thing { }");
        for (String serviceFile : serviceFiles) {
            library.serviceLines(serviceFile, "com.acme.Thing");
        }
        try {
            return library.buildJar(Files.createDirectories(dir.resolve("libs")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedPlugins")
    void wellFormedPluginPassesWithoutAuditProblems(Case c) {
        Path archive = c.write().apply(dir);

        assertThat(PluginVerifier.startingInProcess().verify(List.of(archive))).singleElement().satisfies(info -> {
            assertThat(info.problems()).isEmpty();
            assertThat(info.state()).isEqualTo(PluginState.RESOLVED);
            assertThat(info.extensions()).extracting(ExtensionDescriptor::kind)
                    .containsExactly(ExtensionKind.PROCESSOR);
        });
        assertThat(ProcessorFactory.class.getName()).isEqualTo("dev.patchbay.api.ProcessorFactory");
    }
}
