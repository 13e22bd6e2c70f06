package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.map;
import static dev.patchbay.plugins.files.Harness.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.api.Source;
import dev.patchbay.testkit.SourceTester;
import dev.patchbay.testkit.TestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Type inference decides a column's type once, from the first records of the file, so that a column never
 * changes type from row to row; {@code types} declares a column's type instead. The fixture
 * {@code iso3166-shaped.csv} has the shape of iso-codes' ISO 3166-1 data as CSV, in its order (by alpha-3,
 * so that the first numeric code, Aruba's 533, has no leading zero and 004 comes second).
 */
class CsvTypesTest {

    @TempDir
    Path dir;

    private final CsvSourceFactory factory = new CsvSourceFactory();

    private List<Row> iso(Map<String, Object> extra) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>(map("path",
                CsvShapeTest.fixture("iso3166-shaped.csv").toString()));
        settings.putAll(extra);
        return Harness.read(factory, dir, settings);
    }

    @Test
    void aColumnOfCodesKeepsOneTypeInEveryRow() throws IOException {
        List<Row> rows = iso(map());

        assertThat(rows).hasSize(21);
        assertThat(rows).extracting(r -> r.get("numeric")).allMatch(String.class::isInstance)
                .startsWith("533", "004", "024").contains("008", "010", "840");
        assertThat(rows.get(0)).isEqualTo(rec("alpha_2", "AW", "alpha_3", "ABW", "name", "Aruba", "numeric", "533",
                "official_name", null));
        assertThat(rows).extracting(r -> r.get("official_name")).contains((Object) null, "Republic of Zimbabwe");
    }

    @Test
    void typesDeclaresTheColumnsType() throws IOException {
        List<Row> rows = iso(map("types", map("numeric", "integer")));

        assertThat(rows).extracting(r -> r.get("numeric")).startsWith(533L, 4L, 24L).contains(8L, 10L, 840L)
                .allMatch(Long.class::isInstance);
    }

    static Stream<Arguments> inferredColumns() {
        return Stream.of(
                Arguments.of("integers", "1,2,-3", List.of(1L, 2L, -3L)),
                Arguments.of("an integer column with a decimal is a number column", "1,2.5,3", List.of(1.0, 2.5, 3.0)),
                Arguments.of("exponents and integers beyond long make numbers", "1e3,2,99999999999999999999",
                        List.of(1000.0, 2.0, 1.0E20)),
                Arguments.of("a leading zero makes the whole column text", "533,004,840", List.of("533", "004", "840")),
                Arguments.of("whatever the order", "004,533", List.of("004", "533")),
                Arguments.of("zero and zero point something are numbers", "0,0.5,-0", List.of(0.0, 0.5, 0.0)),
                Arguments.of("empty fields are null and do not vote", "1,,3", Arrays.asList(1L, null, 3L)),
                Arguments.of("a column of nulls is text", ",", Arrays.asList(null, null)),
                Arguments.of("a quoted number is text, and so is its column", "\"42\",7", List.of("42", "7")),
                Arguments.of("a quoted empty string is text", "\"\",7", List.of("", "7")),
                Arguments.of("booleans are not inferred", "true,false", List.of("true", "false")),
                Arguments.of("+1 and .5 are text", "+1,.5,2", List.of("+1", ".5", "2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inferredColumns")
    void inferenceDecidesPerColumn(String description, String values, List<Object> expected) throws IOException {
        String column = String.join("\n", values.split(",", -1));
        Files.writeString(dir.resolve("in.csv"), "n,s\n" + Stream.of(column.split("\n", -1))
                .map(v -> v + ",x\n").reduce("", String::concat), StandardCharsets.UTF_8);

        List<Row> rows = Harness.read(factory, dir, map("path", "in.csv"));

        assertThat(rows).extracting(r -> r.get("n")).containsExactlyElementsOf(expected);
        assertThat(rows).extracting(r -> r.get("s")).containsOnly("x");
    }

    static Stream<Arguments> declaredColumns() {
        return Stream.of(
                Arguments.of("integer", "integer", "004|+5|-7|\"42\"|", Arrays.asList(4L, 5L, -7L, 42L, null)),
                Arguments.of("integer, a quoted empty field is null", "integer", "1|\"\"", Arrays.asList(1L, null)),
                Arguments.of("number", "number", "007.5|1|2e2|\"3.25\"|-.5|", Arrays.asList(7.5, 1.0, 200.0, 3.25, -0.5,
                        null)),
                Arguments.of("boolean", "boolean", "true|FALSE|True|", Arrays.asList(true, false, true, null)),
                Arguments.of("string", "string", "533|004|\"\"|", Arrays.asList("533", "004", "", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declaredColumns")
    void declaredTypesConvertEveryValue(String description, String type, String values, List<Object> expected)
            throws IOException {
        StringBuilder text = new StringBuilder("n,x\n");
        for (String value : values.split("\\|", -1)) {
            text.append(value).append(",x\n");
        }
        Files.writeString(dir.resolve("in.csv"), text, StandardCharsets.UTF_8);

        List<Row> rows = Harness.read(factory, dir, map("path", "in.csv", "types", map("n", type)));

        assertThat(rows).extracting(r -> r.get("n")).containsExactlyElementsOf(expected);
    }

    @Test
    void inferTypesFalseKeepsUndeclaredColumnsAsWrittenAndStillConvertsDeclaredOnes() throws IOException {
        Files.writeString(dir.resolve("in.csv"), "a,b,c\n1,2,\n", StandardCharsets.UTF_8);

        assertThat(Harness.read(factory, dir, map("path", "in.csv", "inferTypes", false,
                "types", map("b", "integer")))).containsExactly(rec("a", "1", "b", 2L, "c", ""));
    }

    static Stream<Arguments> unconvertible() {
        return Stream.of(
                Arguments.of("integer", "12x", "at line 3: column \"n\": \"12x\" is not an integer, the type \"types\""
                        + " declares for it; fix the value, or declare another type in \"types\""),
                Arguments.of("integer", "99999999999999999999", "\"99999999999999999999\" is not an integer"),
                Arguments.of("integer", "1.5", "\"1.5\" is not an integer"),
                Arguments.of("number", "1,5", "\"1,5\" is not a number"),
                Arguments.of("number", "NaN", "\"NaN\" is not a number"),
                Arguments.of("number", "1e999", "\"1e999\" is not a number"),
                Arguments.of("number", "0x10", "\"0x10\" is not a number"),
                Arguments.of("boolean", "yes", "\"yes\" is not a boolean"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unconvertible")
    void aValueTheDeclaredTypeCannotHoldIsMalformed(String type, String value, String expected) throws IOException {
        Path file = dir.resolve("in.csv");
        String good = type.equals("boolean") ? "true" : "1";
        Files.writeString(file, "n\n" + good + "\n\"" + value + "\"\n" + good + "\n", StandardCharsets.UTF_8);
        Map<String, Object> settings = map("path", "in.csv", "types", map("n", type));

        assertThatThrownBy(() -> Harness.read(factory, dir, settings))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("csv-source: malformed input in " + file + " at line 3: ")
                .hasMessageContaining(expected);

        TestContext context = Harness.context("csv-source", dir);
        settings.put("onError", "skip");
        List<Row> rows = SourceTester.create(factory, settings, context).readAll().rows();
        assertThat(rows).hasSize(2);
        assertThat(context.logLines()).singleElement().asString().contains("at line 3: column \"n\"");
    }

    @Test
    void aValueAfterTheSampleThatContradictsTheInferredTypeIsMalformedAndSaysHowToFixIt() throws IOException {
        Path file = dir.resolve("in.csv");
        StringBuilder text = new StringBuilder("code,name\n");
        for (int i = 0; i < CsvSource.SAMPLE_RECORDS; i++) {
            text.append(100 + i).append(",x\n");
        }
        text.append("007,late\n");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        int badLine = CsvSource.SAMPLE_RECORDS + 2;

        assertThatThrownBy(() -> Harness.read(factory, dir, map("path", "in.csv")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("malformed input in " + file + " at line " + badLine + ": column \"code\": \"007\""
                        + " is not an integer, the type inferred for the column from the first records of the file;"
                        + " declare its type, for example \"types\": {\"code\": \"string\"}");

        assertThat(Harness.read(factory, dir, map("path", "in.csv", "types", map("code", "string"))))
                .hasSize(CsvSource.SAMPLE_RECORDS + 1).allMatch(r -> r.get("code") instanceof String);
    }

    @Test
    void theSampleIsTheFirstRecordsOfTheFileEvenWhenALaterOneWouldChangeTheType() throws IOException {
        StringBuilder text = new StringBuilder("code\n");
        for (int i = 0; i < CsvSource.SAMPLE_RECORDS - 1; i++) {
            text.append(i + 1).append('\n');
        }
        text.append("2.5\n");
        text.append("3.5\n");
        Files.writeString(dir.resolve("in.csv"), text, StandardCharsets.UTF_8);

        List<Row> rows = Harness.read(factory, dir, map("path", "in.csv", "onError", "skip"));

        assertThat(rows).hasSize(CsvSource.SAMPLE_RECORDS + 1).allMatch(r -> r.get("code") instanceof Double);
    }

    @Test
    void aResumedReadKeepsTheTypesOfTheFirstReadEvenWhenTheFileGrew() throws IOException {
        Path file = dir.resolve("in.csv");
        StringBuilder text = new StringBuilder("code,name\n");
        for (int i = 0; i < 2 * FileSource.MAX_PER_POLL; i++) {
            text.append(100 + i).append(",x\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Map<String, Object> settings = map("path", "in.csv", "onError", "skip");
        Position position;
        List<Row> first = new ArrayList<>();
        try (Source source = Harness.source(factory, settings, Harness.context("csv-source", dir))) {
            while (source.poll(first::add) != Source.Poll.END) {
                // Read to the end, as a run would before its last checkpoint.
            }
            position = source.position();
        }
        assertThat(position.value()).endsWith(";types=is");
        // Rows appended after the checkpoint: had the restart sampled them, the column would have become text.
        Files.writeString(file, "007,late\n42,later\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        TestContext context = Harness.context("csv-source", dir);

        List<Row> rest = SourceTester.create(factory, settings, context).readAll(position).rows();

        assertThat(rest).containsExactly(rec("code", 42L, "name", "later"));
        assertThat(context.logLines()).singleElement().asString().contains("column \"code\": \"007\"");
    }

    static Stream<Arguments> positions() {
        return Stream.of(
                Arguments.of("offset=4;line=2;types=si", List.of(rec("a", "1", "b", 2L))),
                Arguments.of("offset=4;line=2;types=sn", List.of(rec("a", "1", "b", 2.0))),
                Arguments.of("offset=4;line=2", List.of(rec("a", 1L, "b", 2L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    void theTypesInAPositionDecideTheResumedRead(String position, List<Row> expected) throws IOException {
        Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);

        assertThat(Harness.resume(factory, dir, map("path", "in.csv"), new Position(position)))
                .containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> unusablePositions() {
        return Stream.of(
                Arguments.of("offset=4;line=2;types=s", "the position records the types of 1 columns but the file"
                        + " has 2 [a, b]"),
                Arguments.of("offset=4;line=2;types=sx", "expected \"offset=<bytes>;line=<line>;types=<one of s, i, n,"
                        + " b per column>\""),
                Arguments.of("offset=4;line=2;kinds=ss", "expected \"offset=<bytes>;line=<line>;types="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusablePositions")
    void aPositionWithUnusableTypesIsRefused(String position, String expected) throws IOException {
        Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Harness.resume(factory, dir, map("path", "in.csv"), new Position(position)))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("cannot resume")
                .hasMessageContaining(expected)
                .hasMessageContaining("delete the pipeline's checkpoint");
    }

    @Test
    void declaredTypesOverrideThoseInThePosition() throws IOException {
        Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);

        assertThat(Harness.resume(factory, dir, map("path", "in.csv", "types", map("a", "integer")),
                new Position("offset=4;line=2;types=ss"))).containsExactly(rec("a", 1L, "b", "2"));
    }

    @Test
    void typesNamingAColumnTheFileDoesNotHaveIsRefused() throws IOException {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, "a,b\n1,2\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Harness.read(factory, dir, map("path", "in.csv", "types", map("c", "integer"))))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("\"types\" names the column \"c\", but the columns of " + file + " are [a, b];"
                        + " use one of those names");
    }
}
