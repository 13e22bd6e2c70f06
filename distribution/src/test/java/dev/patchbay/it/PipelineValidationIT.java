package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation error class of issue 3 section 1, through the real launcher: {@code config check} and
 * {@code run} both exit 2, report the JSON path and the problem, and {@code run} starts nothing.
 */
class PipelineValidationIT {

    private static final String GOOD_SOURCE =
            "{ \"use\": \"files/csv-source\", \"settings\": { \"path\": \"data/in.csv\" } }";
    private static final String GOOD_SINK =
            "{ \"use\": \"files/jsonl-sink\", \"settings\": { \"path\": \"out/out.jsonl\" } }";

    @TempDir
    Path temp;

    static Stream<Arguments> errorClasses() {
        return Stream.of(
                Arguments.of("malformed use reference", "", "{ \"use\": \"csv-source\", \"settings\": {} }",
                        GOOD_SINK, "$.pipelines.demo.source.use", "plugin-id/extension-name"),
                Arguments.of("unknown plugin", "", "{ \"use\": \"fils/csv-source\", \"settings\": {} }", GOOD_SINK,
                        "$.pipelines.demo.source.use", "did you mean 'files'?"),
                Arguments.of("unknown extension", "", "{ \"use\": \"files/csv-sorce\", \"settings\": {} }",
                        GOOD_SINK, "$.pipelines.demo.source.use", "did you mean 'csv-source'?"),
                Arguments.of("extension of the wrong kind", "", GOOD_SINK, GOOD_SINK,
                        "$.pipelines.demo.source.use", "is a sink, but this stage needs a source"),
                Arguments.of("disabled plugin", "\"disabled\": [\"files\"]", GOOD_SOURCE, GOOD_SINK,
                        "$.pipelines.demo.source.use", "patchbay plugins enable files"),
                Arguments.of("failed plugin", "", GOOD_SOURCE,
                        "{ \"use\": \"oldplugin/sink\", \"settings\": {} }", "$.pipelines.demo.sink.use",
                        "PB-PLUGIN-005"),
                Arguments.of("missing required setting", "", "{ \"use\": \"files/csv-source\", \"settings\": {} }",
                        GOOD_SINK, "$.pipelines.demo.source.settings", "setting 'path' is required but missing"),
                Arguments.of("wrong type", "",
                        "{ \"use\": \"files/csv-source\", \"settings\": { \"path\": \"data/in.csv\", \"header\": \"yes\" } }",
                        GOOD_SINK, "$.pipelines.demo.source.settings.header", "expected a boolean"),
                Arguments.of("value outside the choices", "",
                        "{ \"use\": \"files/csv-source\", \"settings\": { \"path\": \"data/in.csv\", \"onError\": \"ignore\" } }",
                        GOOD_SINK, "$.pipelines.demo.source.settings.onError", "expected one of [stop, skip]"),
                Arguments.of("unknown setting key", "",
                        "{ \"use\": \"files/csv-source\", \"settings\": { \"pth\": \"data/in.csv\" } }",
                        GOOD_SINK, "$.pipelines.demo.source.settings.pth", "did you mean 'path'?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorClasses")
    void configCheckAndRunBothReportTheErrorAndExitTwo(String errorClass, String pluginsExtra, String source,
            String sink, String path, String message) throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path plugins = patchbay.copyPlugins();
        writeApiIncompatiblePlugin(plugins.resolve("oldplugin.jar"));
        Files.writeString(patchbay.home().resolve("data/in.csv"), "id\n1\n");
        patchbay.config("""
                {
                  "plugins": { "directory": "plugins"%s },
                  "pipelines": { "demo": { "source": %s, "sink": %s } }
                }
                """.formatted(pluginsExtra.isEmpty() ? "" : ", " + pluginsExtra, source, sink));

        Patchbay.Result check = patchbay.run("config", "check", "--start");
        Patchbay.Result run = patchbay.run("run");

        assertThat(check.exitCode()).as(errorClass + ": config check\n" + check).isEqualTo(2);
        assertThat(check.output()).contains(path).contains(message);
        assertThat(run.exitCode()).as(errorClass + ": run\n" + run).isEqualTo(2);
        assertThat(run.output()).contains(path).contains(message).contains("no pipeline was started");
        assertThat(patchbay.home().resolve("out/out.jsonl")).doesNotExist();
        assertThat(patchbay.home().resolve("state/demo.json")).doesNotExist();
    }

    /** A plugin whose Plugin-Requires excludes api 1.x, so the platform leaves it FAILED (PB-PLUGIN-005). */
    private static void writeApiIncompatiblePlugin(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "oldplugin");
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Provider", "tests");
        main.putValue("Plugin-Requires", ">=2.0.0 & <3.0.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry("README.txt"));
            out.write("needs api 2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
