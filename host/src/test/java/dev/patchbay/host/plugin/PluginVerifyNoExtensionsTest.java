package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.cli.Main;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code plugins verify} fails a plugin that declares no extension (PB-PLUGIN-016), while the platform keeps
 * starting such a plugin, since a library plugin that others depend on has none.
 */
class PluginVerifyNoExtensionsTest {

    @TempDir
    Path dir;

    /** The archive shapes, how the builder writes each, and where the plugin's own service files belong. */
    enum Layout {
        JAR("geo.jar", "", PluginJarBuilder::buildJar),
        FOLDER("geo", "classes/", PluginJarBuilder::buildFolder),
        ZIP("geo.zip", "classes/", PluginJarBuilder::buildZip),
        ZIP_WITH_TOP_FOLDER("geo.zip", "geo/classes/", PluginJarBuilder::buildZipWithTopFolder);

        final String file;
        final String ownRoot;
        final BiFunction<PluginJarBuilder, Path, Path> build;

        Layout(String file, String ownRoot, BiFunction<PluginJarBuilder, Path, Path> build) {
            this.file = file;
            this.ownRoot = ownRoot;
            this.build = build;
        }
    }

    private static PluginInfo verifyOne(Path archive) {
        List<PluginInfo> results = PluginVerifier.startingInProcess().verify(List.of(archive));
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void pluginWithoutAnyServiceFileFailsVerifyWithTheFileToAddAndTheProcessorToConfigure(Layout layout) {
        Path archive = layout.build.apply(PluginJarBuilder.plugin("geo").resource("geo/README.txt", "hi"), dir);

        PluginInfo info = verifyOne(archive);

        assertThat(info.state()).isEqualTo(PluginState.FAILED);
        assertThat(info.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.NO_EXTENSIONS);
            assertThat(problem.code().id()).isEqualTo("PB-PLUGIN-016");
            assertThat(problem.message()).startsWith("plugin 'geo' (" + layout.file + ") declares no extension")
                    .contains("add the service file '" + layout.ownRoot
                            + "META-INF/services/dev.patchbay.api.ProcessorFactory' (or SourceFactory, SinkFactory)"
                            + " listing each factory class", "patchbay-api-processor",
                            "dev.patchbay:patchbay-api-processor:1.0.0", "<annotationProcessorPaths>");
        });
    }

    @Test
    void noExtensionMessageNamesTheAnnotatedClassesThatNoServiceFileLists() {
        Path archive = PluginJarBuilder.plugin("geo").source("com.example.geo.Lookup",
                Sources.processor("com.example.geo.Lookup", "lookup", "")).buildJar(dir);

        PluginInfo info = verifyOne(archive);

        assertThat(info.problems()).extracting(Problem::code)
                .containsExactly(ProblemCode.NO_EXTENSIONS, ProblemCode.EXTENSION_NOT_LISTED);
        assertThat(info.problems().get(0).message()).contains("plugin 'geo' (geo.jar)",
                "its classes annotated @Extension ('com.example.geo.Lookup') are listed in no service file");
    }

    @Test
    void noExtensionMessagePointsAtClassFilesOutsideTheClassPathOfAFolder() {
        PluginJarBuilder compiled = PluginJarBuilder.library("compiled").source("com.example.geo.Util",
                "package com.example.geo; public class Util { }");
        byte[] util = compiled.compiled().get("com/example/geo/Util.class");
        Path folder = PluginJarBuilder.plugin("geo").rootFile("com/example/geo/Util.class", util).buildFolder(dir);

        assertThat(verifyOne(folder).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.NO_EXTENSIONS);
            assertThat(problem.message()).contains("the class file 'com/example/geo/Util.class' lies outside the"
                    + " class path: move it under 'classes/'");
        });
    }

    @Test
    void libraryPluginWithoutExtensionsStillStartsOnThePlatformAndOnlyVerifyFailsIt() {
        Path plugins = dir.resolve("plugins");
        PluginJarBuilder library = PluginJarBuilder.plugin("geo-lib").source("com.example.geolib.Distance",
                "package com.example.geolib; public final class Distance { public static int of() { return 1; } }")
                .rootFile("META-INF/services/dev.patchbay.api.ProcessorFactory", "com.example.geolib.Missing");
        Path libraryFolder = library.buildFolder(ensure(plugins));
        Path user = PluginJarBuilder.plugin("geo").dependencies("geo-lib@>=1.0.0")
                .processor("com.example.geo.Lookup", "lookup").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.start()).allSatisfy(info -> {
                assertThat(info.state()).as(info.id()).isEqualTo(PluginState.STARTED);
                assertThat(info.problems()).as(info.id()).isEmpty();
            });
        }
        List<PluginInfo> verified = PluginVerifier.startingInProcess().verify(List.of(libraryFolder, user));
        assertThat(verified).extracting(PluginInfo::state).containsExactly(PluginState.FAILED, PluginState.RESOLVED);
        assertThat(verified.get(0).problems()).extracting(Problem::code)
                .containsExactly(ProblemCode.NO_EXTENSIONS, ProblemCode.SERVICE_FILE_MISPLACED);
    }

    @Test
    void verifyJsonCarriesTheNewCodesWithTheirMessages() throws Exception {
        Path archive = PluginJarBuilder.plugin("geo").source("com.example.geo.Lookup",
                Sources.processor("com.example.geo.Lookup", "lookup", ""))
                .serviceLines("META-INF/service/dev.patchbay.api.ProcessorFactory", "com.example.geo.Lookup")
                .buildJar(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new Main(Map.of("PATCHBAY_HOME", dir.toString()), Optional.empty(), dir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("plugins", "verify", "--json", archive.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        JsonNode document = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(document.get("ok").asBoolean()).isFalse();
        JsonNode problems = document.get("archives").get(0).get("problems");
        assertThat(problems).extracting(problem -> problem.get("code").asText())
                .containsExactly("PB-PLUGIN-016", "PB-PLUGIN-018");
        assertThat(problems.get(1).get("message").asText()).contains(
                "'META-INF/service/dev.patchbay.api.ProcessorFactory'",
                "move it to 'META-INF/services/dev.patchbay.api.ProcessorFactory'");
    }

    private static Path ensure(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
