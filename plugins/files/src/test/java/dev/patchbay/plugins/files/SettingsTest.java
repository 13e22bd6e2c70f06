package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingsException;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.testkit.TestContext;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void inputs() throws IOException {
        Files.writeString(dir.resolve("in.csv"), "a\n1\n");
        Files.writeString(dir.resolve("in.jsonl.gz"), "");
    }

    @Test
    void serviceFilesListEveryFactoryWithItsExtensionName() {
        List<String> sources = new ArrayList<>();
        ServiceLoader.load(SourceFactory.class).forEach(f -> sources.add(Harness.name(f)));
        List<String> sinks = new ArrayList<>();
        ServiceLoader.load(SinkFactory.class).forEach(f -> sinks.add(Harness.name(f)));

        assertThat(sources).containsExactly("csv-source", "jsonl-source", "text-source");
        assertThat(sinks).containsExactly("csv-sink", "jsonl-sink", "text-sink");
    }

    static Stream<ExtensionFactory> factories() {
        return Stream.of(new CsvSourceFactory(), new JsonLinesSourceFactory(), new TextSourceFactory(),
                new CsvSinkFactory(), new JsonLinesSinkFactory(), new TextSinkFactory());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void everySettingIsDescribedAndEveryOptionalOneButTheAbsentByDefaultOnesHasADefault(ExtensionFactory factory) {
        assertThat(factory.getClass().getAnnotation(Extension.class).description()).isNotBlank();
        for (Setting setting : factory.settings()) {
            assertThat(setting.description()).as(setting.key()).endsWith(".").hasSizeGreaterThan(20);
            if (!setting.required() && !List.of("columns", "comment", "types").contains(setting.key())) {
                assertThat(setting.defaultValue()).as(setting.key()).isPresent();
            }
        }
        assertThat(factory.settings()).filteredOn(Setting::required).extracting(Setting::key).containsExactly("path");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(new CsvSourceFactory(), map(), "csv-source: setting 'path': is required but missing"),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "compression", "zip"),
                        "setting 'compression': expected one of [auto, none, gzip] but got \"zip\""),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "delimiter", ";;"),
                        "setting 'delimiter': must be exactly one ASCII character, got \";;\""),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "quote", ","),
                        "setting 'quote': must differ from the delimiter ','"),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "header", "yes"),
                        "setting 'header': expected a boolean but got string \"yes\""),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "charset", "nope"),
                        "setting 'charset': unknown charset \"nope\""),
                Arguments.of(new TextSourceFactory(), map("path", "in.csv", "charset", "UTF-16", "follow", true),
                        "setting 'follow': cannot follow a file in charset UTF-16, which is not ASCII-compatible"),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "columns", List.of("a", "a")),
                        "setting 'columns': column \"a\" appears twice"),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "columns", List.of(1L)),
                        "setting 'columns': element 0 is 1, not a string"),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "ragged", "fill"),
                        "setting 'ragged': expected one of [error, pad, keep] but got \"fill\""),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "ragged", "pad", "header", false),
                        "setting 'ragged': \"pad\" needs the column names; set \"header\": true, or list them in"
                                + " \"columns\""),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "comment", ""),
                        "setting 'comment': must not be empty; give a prefix such as \"#\", or leave the setting out"),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "comment", "#\n"),
                        "setting 'comment': must not contain a line break, got \"#\n\""),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "comment", "\u00a7", "charset", "US-ASCII"),
                        "setting 'comment': \"\u00a7\" cannot be written in charset US-ASCII"),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "types", map("a", "int")),
                        "setting 'types': column \"a\": expected one of [string, integer, number, boolean] but got"
                                + " \"int\""),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "types", map("a", 1L)),
                        "setting 'types': column \"a\": expected one of [string, integer, number, boolean] but got 1"),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "types", "integer"),
                        "setting 'types': expected an object but got string \"integer\""),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "columns", List.of("a", "b"),
                        "types", map("c", "integer")),
                        "setting 'types': names the column \"c\", but \"columns\" lists [a, b]; use one of those"
                                + " names"),
                Arguments.of(new CsvSourceFactory(), map("path", "in.csv", "separator", ";"),
                        "setting 'separator': is not a setting of this extension"),
                Arguments.of(new CsvSourceFactory(), map("path", "missing.csv"),
                        "cannot open '%DIR%/missing.csv' for reading: no such file or directory"),
                Arguments.of(new JsonLinesSourceFactory(), map("path", "in.jsonl.gz", "follow", true),
                        "setting 'follow': cannot follow a gzip-compressed file"),
                Arguments.of(new TextSourceFactory(), map("path", "in.csv", "field", ""),
                        "setting 'field': must not be empty"),
                Arguments.of(new JsonLinesSourceFactory(), map("path", "in.csv", "onError", "ignore"),
                        "setting 'onError': expected one of [stop, skip] but got \"ignore\""),
                Arguments.of(new CsvSinkFactory(), map("path", "out.csv", "lineEnding", "cr"),
                        "setting 'lineEnding': expected one of [lf, crlf] but got \"cr\""),
                Arguments.of(new CsvSinkFactory(), map("path", "out.csv", "delimiter", "\u00a7"),
                        "setting 'delimiter': must be exactly one ASCII character"),
                Arguments.of(new JsonLinesSinkFactory(), map("path", "out.jsonl", "mode", "truncate"),
                        "setting 'mode': expected one of [append, overwrite] but got \"truncate\""),
                Arguments.of(new TextSinkFactory(), map("path", " "), "setting 'path': must not be empty"),
                Arguments.of(new CsvSinkFactory(), map("path", "in.csv", "columns", List.of("b")),
                        "the existing file %DIR%/in.csv has the header [a] but the \"columns\" setting is [b]"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidSettings")
    void invalidSettingsFailWithAMessageNamingTheKeyAndValue(ExtensionFactory factory, Map<String, Object> values,
            String expected) {
        assertThatThrownBy(() -> create(factory, values))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining(expected.replace("%DIR%", dir.toString()));
    }

    @Test
    void settingsExceptionsNameTheKey() {
        assertThatThrownBy(() -> create(new CsvSourceFactory(), map("path", "in.csv", "delimiter", "")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo("delimiter"));
    }

    @Test
    void relativePathsResolveAgainstTheBaseDirectoryAndAbsolutePathsStay() throws IOException {
        Path elsewhere = Files.createTempFile(dir, "abs", ".csv");
        Files.writeString(elsewhere, "x\n2\n");

        assertThat(Harness.read(new CsvSourceFactory(), dir.resolve("sub"), map("path", "../in.csv")))
                .containsExactly(Harness.rec("a", 1L));
        assertThat(Harness.read(new CsvSourceFactory(), Path.of("/nonexistent"), map("path", elsewhere.toString())))
                .containsExactly(Harness.rec("x", 2L));
    }

    private void create(ExtensionFactory factory, Map<String, Object> values) throws IOException {
        TestContext context = Harness.context(Harness.name(factory), dir);
        Closeable created = factory instanceof SourceFactory source
                ? Harness.source(source, values, context)
                : Harness.sink((SinkFactory) factory, values, context);
        created.close();
    }
}
