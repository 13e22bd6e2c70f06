package dev.patchbay.processor;

import static dev.patchbay.processor.Fixtures.PROCESSOR;
import static dev.patchbay.processor.Fixtures.SETTINGS;
import static dev.patchbay.processor.Fixtures.SINK;
import static dev.patchbay.processor.Fixtures.SOURCE;
import static dev.patchbay.processor.Fixtures.factory;
import static dev.patchbay.processor.Fixtures.processor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.SourceFactory;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceFileGenerationTest {

    private static final String SOURCES = "META-INF/services/dev.patchbay.api.SourceFactory";
    private static final String PROCESSORS = "META-INF/services/dev.patchbay.api.ProcessorFactory";
    private static final String SINKS = "META-INF/services/dev.patchbay.api.SinkFactory";

    @TempDir
    Path dir;

    @Test
    void listsEachFactorySortedInTheServiceFileOfEveryKindItImplements() {
        Compilation compilation = Compilation.compile(dir, Map.of(
                "b/Zeta.java", processor("b", "Zeta", "zeta"),
                "a/Alpha.java", processor("a", "Alpha", "alpha"),
                "b/Alpha.java", processor("b", "Alpha", "alpha-two"),
                "a/Csv.java", factory("a", "Csv", "csv", "dev.patchbay.api.SourceFactory, dev.patchbay.api.SinkFactory",
                        SOURCE + SINK),
                "a/Text.java", factory("a", "Text", "text", "dev.patchbay.api.SourceFactory", SOURCE)));

        assertThat(compilation.messages()).isEmpty();
        assertThat(compilation.output(PROCESSORS)).hasValue("a.Alpha\nb.Alpha\nb.Zeta\n");
        assertThat(compilation.output(SOURCES)).hasValue("a.Csv\na.Text\n");
        assertThat(compilation.output(SINKS)).hasValue("a.Csv\n");
    }

    @Test
    void findsTheFactoryInterfaceThroughSuperclassesAndSuperinterfaces() {
        Compilation compilation = Compilation.compile(dir, Map.of(
                "a/Base.java", "package a;\npublic abstract class Base implements dev.patchbay.api.SinkFactory {\n"
                        + SETTINGS + "}\n",
                "a/Derived.java", "package a;\n@dev.patchbay.api.Extension(name = \"derived\")\n"
                        + "public class Derived extends Base {\n" + SINK + "}\n",
                "a/CsvFactory.java", "package a;\npublic interface CsvFactory extends dev.patchbay.api.SourceFactory {\n}\n",
                "a/Csv.java", factory("a", "Csv", "csv", "CsvFactory", SOURCE)));

        assertThat(compilation.messages()).isEmpty();
        assertThat(compilation.output(SINKS)).hasValue("a.Derived\n");
        assertThat(compilation.output(SOURCES)).hasValue("a.Csv\n");
    }

    @Test
    void listsANestedClassByItsBinaryName() {
        Compilation compilation = Compilation.compile(dir, Map.of("a/Outer.java", "package a;\npublic class Outer {\n"
                + "    @dev.patchbay.api.Extension(name = \"inner\")\n"
                + "    public static class Inner implements dev.patchbay.api.ProcessorFactory {\n"
                + SETTINGS + PROCESSOR + "    }\n}\n"));

        assertThat(compilation.messages()).isEmpty();
        assertThat(compilation.output(PROCESSORS)).hasValue("a.Outer$Inner\n");
    }

    @Test
    void mergesWithTheServiceFileAlreadyInTheClassOutputWithoutDuplicates() throws IOException {
        Path existing = dir.resolve("classes").resolve(PROCESSORS);
        Files.createDirectories(existing.getParent());
        Files.writeString(existing, "# written by hand\nz.HandWritten\n\n  b.Beta  # trailing comment\na.Alpha\n",
                StandardCharsets.UTF_8);

        Compilation compilation = Compilation.compile(dir, Map.of(
                "a/Alpha.java", processor("a", "Alpha", "alpha"),
                "b/Beta.java", processor("b", "Beta", "beta"),
                "c/Gamma.java", processor("c", "Gamma", "gamma")));

        assertThat(compilation.messages()).isEmpty();
        assertThat(compilation.output(PROCESSORS)).hasValue("a.Alpha\nb.Beta\nc.Gamma\nz.HandWritten\n");
    }

    @Test
    void leavesTheServiceFilesOfKindsWithoutExtensionsAlone() throws IOException {
        Path sinks = dir.resolve("classes").resolve(SINKS);
        Files.createDirectories(sinks.getParent());
        Files.writeString(sinks, "# kept as it is\nz.Sink\n", StandardCharsets.UTF_8);

        Compilation compilation = Compilation.compile(dir, Map.of("a/Alpha.java", processor("a", "Alpha", "alpha")));

        assertThat(compilation.output(PROCESSORS)).hasValue("a.Alpha\n");
        assertThat(compilation.output(SINKS)).hasValue("# kept as it is\nz.Sink\n");
        assertThat(compilation.output(SOURCES)).isEmpty();
    }

    @Test
    void collectsTheExtensionsOfEveryRound() {
        Compilation compilation = Compilation.compile(dir, Map.of("a/Alpha.java", processor("a", "Alpha", "alpha")),
                new GeneratesAFactory(), new ExtensionProcessor());

        assertThat(compilation.messages()).isEmpty();
        assertThat(compilation.output(PROCESSORS)).hasValue("a.Alpha\ngen.Generated\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"greet", "csv-source", "a1", "x", "json-lines-2"})
    void acceptsTheNamesTheHostAccepts(String name) {
        Compilation compilation = Compilation.compile(dir, Map.of("a/Alpha.java", processor("a", "Alpha", name)));

        assertThat(compilation.success()).isTrue();
        assertThat(compilation.output(PROCESSORS)).hasValue("a.Alpha\n");
    }

    @Test
    void compilesAValidPluginWithoutAnyWarningUnderXlintAll() {
        Compilation compilation = Compilation.compile(dir, Map.of("a/Csv.java", "package a;\n"
                + "@dev.patchbay.api.Extension(name = \"csv\", description = \"Reads CSV.\")\n"
                + "@SuppressWarnings(\"unused\")\n"
                + "public final class Csv implements dev.patchbay.api.SourceFactory {\n"
                + "    @Override\n" + SETTINGS + "    @Override\n" + SOURCE + "}\n"));

        assertThat(compilation.success()).isTrue();
        assertThat(compilation.messages()).isEmpty();
    }

    @Test
    void writesServiceFilesThatServiceLoaderReads() throws IOException {
        Compilation.compile(dir, Map.of(
                "a/Csv.java", factory("a", "Csv", "csv", "dev.patchbay.api.SourceFactory", SOURCE),
                "a/Outer.java", "package a;\npublic class Outer {\n"
                        + "@dev.patchbay.api.Extension(name = \"inner\")\n"
                        + "public static class Inner implements dev.patchbay.api.SourceFactory {\n"
                        + SETTINGS + SOURCE + "}\n}\n"));

        URL classes = dir.resolve("classes").toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, SourceFactory.class.getClassLoader())) {
            assertThat(ServiceLoader.load(SourceFactory.class, loader).stream().map(p -> p.type().getName()))
                    .containsExactlyInAnyOrder("a.Csv", "a.Outer$Inner");
            assertThat(ServiceLoader.load(SourceFactory.class, loader).stream().map(ServiceLoader.Provider::get))
                    .allMatch(ExtensionFactory.class::isInstance);
        }
    }

    @Test
    void supportsTheLatestSourceVersionSoThatNewerJdksDoNotWarn() {
        assertThat(new ExtensionProcessor().getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
    }

    @Test
    void isRegisteredAsAnAnnotationProcessor() {
        assertThat(ServiceLoader.load(Processor.class, ExtensionProcessor.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::type)).contains(ExtensionProcessor.class);
    }

    /** Generates a second @Extension class in the first round, which the next round then sees. */
    static final class GeneratesAFactory extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (var out = processingEnv.getFiler().createSourceFile("gen.Generated").openWriter()) {
                    out.write(processor("gen", "Generated", "generated"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return false;
        }
    }
}
