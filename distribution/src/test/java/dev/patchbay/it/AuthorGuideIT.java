package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The settings example of README's author guide is real: compiled with {@code import dev.patchbay.api.*;}
 * against the api of {@code dist/sdk}, with the sdk's annotation processor writing its service file, packed
 * as a plugin jar, and checked by {@code config check} in a Patchbay home, where each setting type means in
 * the JSON configuration what the guide's table says.
 */
class AuthorGuideIT {

    private static final String START = "<!-- settings-example:start -->";
    private static final String END = "<!-- settings-example:end -->";

    @TempDir
    static Path work;

    private static Patchbay patchbay;

    @BeforeAll
    static void theReadmeExampleInstalledAsAPlugin() throws IOException {
        Path classes = compile(readmeExample());
        patchbay = new Patchbay(work.resolve("home"));
        Path plugins = patchbay.copyPlugins();
        jar(classes, plugins.resolve("guide-1.0.0.jar"));
    }

    @Test
    void theExampleCompilesAndItsServiceFileIsWrittenByTheProcessor() throws IOException {
        Path service = work.resolve("classes/META-INF/services/dev.patchbay.api.ProcessorFactory");
        assertThat(service).content(StandardCharsets.UTF_8).isEqualTo("guide.TagProcessorFactory\n");
    }

    @Test
    void validSettingsOfEveryTypePassConfigCheck() throws Exception {
        patchbay.config(config("""
                "field": "tag", "mode": "keep", "maxLength": 8, "sampleRate": 1, "upperCase": true,
                "tags": ["a", "b"], "labels": {"team": "data"}"""));

        Patchbay.Result check = patchbay.run("config", "check", "--start");

        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a LONG is an integer, not a fraction  | "maxLength": 64.5          | settings.maxLength  | expected an integer
            a LONG is not a string                | "maxLength": "64"          | settings.maxLength  | expected an integer
            a LIST is an array                    | "tags": "a"                | settings.tags       | expected an array
            an OBJECT is an object                | "labels": ["team"]         | settings.labels     | expected an object
            a BOOLEAN is true or false            | "upperCase": "yes"         | settings.upperCase  | expected a boolean
            oneOf limits a string to its choices  | "mode": "append"           | settings.mode       | [replace, keep]
            """)
    void eachTypeMeansInTheConfigurationWhatTheGuideSays(String rule, String setting, String path, String expected)
            throws Exception {
        String required = setting.startsWith("\"tags\"") ? "\"field\": \"tag\", " : "\"field\": \"tag\", \"tags\": [\"a\"], ";
        patchbay.config(config(required + setting));

        Patchbay.Result check = patchbay.run("config", "check", "--start");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(2);
        assertThat(check.output()).contains("$.pipelines.demo.processors[0]." + path).contains(expected);
    }

    private static String config(String settings) {
        return """
                { "pipelines": { "demo": {
                    "source": { "use": "files/csv-source", "settings": { "path": "data/in.csv" } },
                    "processors": [ { "use": "guide/tag", "settings": { %s } } ],
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/out.jsonl" } } } } }
                """.formatted(settings);
    }

    private static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("patchbay.readme", "../README.md")));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README.md has the settings example between its markers").isNotNegative();
        String block = readme.substring(start + START.length(), end);
        return block.substring(block.indexOf("```java") + "```java".length(), block.lastIndexOf("```"));
    }

    private static Path compile(String example) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/guide"));
        Files.writeString(sources.resolve("TagProcessorFactory.java"), """
                package guide;

                import dev.patchbay.api.*;
                import java.util.List;
                import java.util.Locale;
                """ + example, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path sdk = Patchbay.dist().resolve("sdk/dev/patchbay");
        Path api = sdk.resolve("patchbay-api/1.3.0/patchbay-api-1.3.0.jar");
        Path processor = sdk.resolve("patchbay-api-processor/1.3.0/patchbay-api-processor-1.3.0.jar");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(null, files, diagnostics,
                    List.of("-Xlint:all", "-Werror", "--release", "17", "-classpath", api.toString(),
                            "-processorpath", processor.toString(), "-d", classes.toString()),
                    null, files.getJavaFileObjects(sources.resolve("TagProcessorFactory.java"))).call();
            assertThat(compiled).as("the README example compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
        return classes;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", "guide");
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
    }
}
