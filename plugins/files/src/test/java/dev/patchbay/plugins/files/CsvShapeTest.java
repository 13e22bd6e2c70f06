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
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape of real-world delimited files: comment lines ({@code comment}), records with fewer fields than
 * columns ({@code ragged}) and names given instead of a header ({@code columns}). The fixture
 * {@code zone1970-shaped.tab} is 25 rows and all the comment blocks of tzdata's {@code zone1970.tab}: tab
 * separated, {@code #} comments at the start, in the middle (with quotes) and at the end (with tabs), and
 * rows of 3 or 4 fields.
 */
class CsvShapeTest {

    private static final List<String> ZONE_COLUMNS = List.of("codes", "coordinates", "TZ", "comments");

    @TempDir
    Path dir;

    private final CsvSourceFactory factory = new CsvSourceFactory();

    static Path fixture(String name) {
        try {
            return Path.of(CsvShapeTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings that read a zone1970.tab-shaped file as it is. */
    static Map<String, Object> zoneSettings(Path file, String ragged) {
        return map("path", file.toString(), "delimiter", "\t", "comment", "#", "header", false,
                "columns", ZONE_COLUMNS, "ragged", ragged);
    }

    /** What the file holds, by a reader that knows nothing of CSV: the lines that are not comments. */
    private static List<String[]> dataLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("#") && !line.isEmpty())
                .map(line -> line.split("\t", -1))
                .toList();
    }

    private static long commentLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("#")).count();
    }

    @Test
    void aZone1970ShapedFileReadsAsAllItsRowsWithPadding() throws IOException {
        Path file = fixture("zone1970-shaped.tab");
        List<String[]> lines = dataLines(file);
        assertThat(lines).hasSize(25).anyMatch(f -> f.length == 3).anyMatch(f -> f.length == 4);

        List<Row> rows = Harness.read(factory, dir, zoneSettings(file, "pad"));

        assertThat(rows).hasSize(lines.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] expected = lines.get(i);
            assertThat(rows.get(i).fieldNames()).containsExactlyElementsOf(ZONE_COLUMNS);
            assertThat(rows.get(i).get("codes")).isEqualTo(expected[0]);
            assertThat(rows.get(i).get("coordinates")).isEqualTo(expected[1]);
            assertThat(rows.get(i).get("TZ")).isEqualTo(expected[2]);
            assertThat(rows.get(i).get("comments")).isEqualTo(expected.length == 4 ? expected[3] : null);
        }
        assertThat(rows.get(0)).isEqualTo(rec("codes", "AD", "coordinates", "+4230+00131", "TZ", "Europe/Andorra",
                "comments", null));
        assertThat(rows).filteredOn(r -> ((String) r.get("TZ")).matches("^Europe/.*")).hasSize(
                (int) lines.stream().filter(f -> f[2].startsWith("Europe/")).count()).hasSize(13);
    }

    @Test
    void keepEmitsOnlyTheFieldsPresent() throws IOException {
        Path file = fixture("zone1970-shaped.tab");

        List<Row> rows = Harness.read(factory, dir, zoneSettings(file, "keep"));

        assertThat(rows).hasSize(25);
        assertThat(rows.get(0).fieldNames()).containsExactly("codes", "coordinates", "TZ");
        assertThat(rows.get(1).fieldNames()).containsExactlyElementsOf(ZONE_COLUMNS);
        assertThat(rows.get(1).get("comments")).isEqualTo("Crozet");
    }

    @Test
    void theRealZone1970TabReadsAsAllItsRowsWithNoPreprocessing() throws IOException {
        Path file = Path.of("/usr/share/zoneinfo/zone1970.tab");
        Assumptions.assumeTrue(Files.isReadable(file), "tzdata is not installed");
        List<String[]> lines = dataLines(file);

        List<Row> rows = Harness.read(factory, dir, zoneSettings(file, "pad"));

        assertThat(rows).hasSize(lines.size());
        assertThat(rows).extracting(r -> r.get("TZ")).containsExactlyElementsOf(lines.stream().map(f -> f[2]).toList());
        assertThat(rows).filteredOn(r -> ((String) r.get("TZ")).startsWith("Europe/"))
                .hasSize((int) lines.stream().filter(f -> f[2].startsWith("Europe/")).count());
    }

    @Test
    void commentLinesAreCountedAndTheCountStartsAtTheResumePosition() throws IOException {
        Path file = fixture("zone1970-shaped.tab");
        Map<String, Object> settings = zoneSettings(file, "pad");
        long comments = commentLines(file);
        try (FileSource source = (FileSource) Harness.source(factory, settings, Harness.context("csv-source", dir))) {
            while (source.poll(r -> { }) != Source.Poll.END) {
                // Read to the end.
            }
            assertThat(source.commentLines()).isEqualTo(comments).isEqualTo(63);
        }
        // Resume after the first 20 rows: only the comments after that point are this run's.
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        long offset = 0;
        int rows = 0;
        int lineNumber = 0;
        while (rows < 20) {
            String line = text.get(lineNumber++);
            offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
            rows += line.startsWith("#") ? 0 : 1;
        }
        long after = text.subList(lineNumber, text.size()).stream().filter(l -> l.startsWith("#")).count();
        TestContext resumed = Harness.context("csv-source", dir,
                Optional.of(new Position("offset=" + offset + ";line=" + (lineNumber + 1))));
        try (FileSource source = (FileSource) Harness.source(factory, settings, resumed)) {
            List<Row> rest = new ArrayList<>();
            while (source.poll(rest::add) != Source.Poll.END) {
                // Read to the end.
            }
            assertThat(rest).hasSize(5);
            assertThat(source.commentLines()).isEqualTo(after).isPositive();
        }
    }

    @Test
    void resumingAtEveryLineBoundaryReadsExactlyTheRestWithCommentsStillSkipped() throws IOException {
        Path file = fixture("zone1970-shaped.tab");
        Map<String, Object> settings = zoneSettings(file, "pad");
        List<Row> all = Harness.read(factory, dir, settings);
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        long offset = 0;
        int rowsBefore = 0;
        for (int lineNumber = 1; lineNumber <= text.size(); lineNumber++) {
            Position position = new Position("offset=" + offset + ";line=" + lineNumber);

            assertThat(Harness.resume(factory, dir, settings, position)).as(position.value())
                    .isEqualTo(all.subList(rowsBefore, all.size()));

            String line = text.get(lineNumber - 1);
            offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
            rowsBefore += line.startsWith("#") ? 0 : 1;
        }
    }

    @Test
    void aHeaderlessFileKeepsItsColumnCountAfterAResume() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < FileSource.MAX_PER_POLL; i++) {
            text.append(i).append(",x\n");
        }
        text.append("short\n").append("7,y\n");
        Files.writeString(dir.resolve("in.csv"), text, StandardCharsets.UTF_8);
        Map<String, Object> settings = map("path", "in.csv", "header", false, "onError", "skip");
        Position position;
        try (Source source = Harness.source(factory, settings, Harness.context("csv-source", dir))) {
            assertThat(source.poll(r -> { })).isEqualTo(Source.Poll.MORE);
            position = source.position();
        }
        assertThat(position.value()).endsWith(";types=is");
        TestContext context = Harness.context("csv-source", dir);

        List<Row> rest = SourceTester.create(factory, settings, context).readAll(position).rows();

        // As in a read from the start: the first record had two fields, so the one-field record is malformed.
        assertThat(rest).containsExactly(rec("column1", 7L, "column2", "y"));
        assertThat(context.logLines()).singleElement().asString()
                .contains("the record has 1 fields but the first record had 2");
    }

    static Stream<Arguments> commentCases() {
        return Stream.of(
                Arguments.of("comment lines anywhere, blank lines too", "# head\na,b\n1,2\n# mid\n\n3,4\n# end",
                        map(), List.of(rec("a", 1L, "b", 2L), rec("a", 3L, "b", 4L))),
                Arguments.of("a comment may hold quotes and delimiters", "a,b\n# it's \"open, 1,2\n1,2\n", map(),
                        List.of(rec("a", 1L, "b", 2L))),
                Arguments.of("only at the start of a record", "a,b\n1,# not a comment\n", map(),
                        List.of(rec("a", 1L, "b", "# not a comment"))),
                Arguments.of("not inside a quoted field", "a,b\n\"x\n# inside\",2\n", map(),
                        List.of(rec("a", "x\n# inside", "b", 2L))),
                Arguments.of("not after leading spaces", "a,b\n # x,2\n", map(), List.of(rec("a", " # x", "b", 2L))),
                Arguments.of("CRLF and lone CR line endings", "a,b\r\n#c\r\n1,2\r#c\r3,4\r\n", map(),
                        List.of(rec("a", 1L, "b", 2L), rec("a", 3L, "b", 4L))),
                Arguments.of("a prefix of several characters", "a,b\n//x\n/1,2\n", map("comment", "//"),
                        List.of(rec("a", "/1", "b", 2L))),
                Arguments.of("a comment line before a header", "#x\n#y\nid\n7\n", map(), List.of(rec("id", 7L))),
                Arguments.of("without the setting a # line is data", "a,b\n#c,1\n", map("comment", null),
                        List.of(rec("a", "#c", "b", 1L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commentCases")
    void commentLinesAreSkipped(String description, String input, Map<String, Object> extra, List<Row> expected)
            throws IOException {
        Files.writeString(dir.resolve("in.csv"), input, StandardCharsets.UTF_8);
        Map<String, Object> settings = new LinkedHashMap<>(map("path", "in.csv", "comment", "#"));
        settings.putAll(extra);
        settings.values().removeIf(v -> v == null);

        assertThat(Harness.read(factory, dir, settings)).containsExactlyElementsOf(expected);
    }

    @Test
    void commentsWorkInACharsetThatIsReencoded() throws IOException {
        Files.write(dir.resolve("in.csv"), "#c\na\tb\n#d\n1\t2\n".getBytes(StandardCharsets.UTF_16));

        assertThat(Harness.read(factory, dir, map("path", "in.csv", "comment", "#", "delimiter", "\t",
                "charset", "UTF-16"))).containsExactly(rec("a", 1L, "b", 2L));
    }

    static Stream<Arguments> raggedCases() {
        return Stream.of(
                Arguments.of("pad fills missing trailing fields with null", "a,b,c\n1\n1,2\n1,2,3\n", "pad",
                        List.of(rec("a", 1L, "b", null, "c", null), rec("a", 1L, "b", 2L, "c", null),
                                rec("a", 1L, "b", 2L, "c", 3L))),
                Arguments.of("keep emits the fields present", "a,b,c\n1\n1,2\n1,2,3\n", "keep",
                        List.of(rec("a", 1L), rec("a", 1L, "b", 2L), rec("a", 1L, "b", 2L, "c", 3L))),
                Arguments.of("pad with inference off pads with null too", "a,b\nx\n", "pad",
                        List.of(rec("a", "x", "b", null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("raggedCases")
    void raggedRecords(String description, String input, String ragged, List<Row> expected) throws IOException {
        Files.writeString(dir.resolve("in.csv"), input, StandardCharsets.UTF_8);

        List<Row> rows = Harness.read(factory, dir, map("path", "in.csv", "ragged", ragged));

        assertThat(rows).containsExactlyElementsOf(expected);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).fieldNames()).containsExactlyElementsOf(expected.get(i).fieldNames());
        }
    }

    static Stream<Arguments> raggedErrors() {
        return Stream.of(
                Arguments.of("error", "a,b,c\n1,2,3\n1,2\n", "at line 3: the record has 2 fields but the columns are 3"
                        + " [a, b, c]; quote fields that contain the delimiter, or set \"ragged\": \"pad\" or \"keep\""
                        + " if records may lack trailing fields"),
                Arguments.of("pad", "a,b\n1,2\n1,2,3\n", "at line 3: the record has 3 fields but the columns are 2"
                        + " [a, b]; quote fields that contain the delimiter, or name the extra columns in \"columns\""),
                Arguments.of("keep", "a,b\n1,2,3\n", "at line 2: the record has 3 fields but the columns are 2"));
    }

    @ParameterizedTest(name = "ragged {0}")
    @MethodSource("raggedErrors")
    void recordsThatDoNotFitAreMalformedNamingFileLineAndCounts(String ragged, String input, String expected)
            throws IOException {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, input, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Harness.read(factory, dir, map("path", "in.csv", "ragged", ragged)))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("csv-source: malformed input in " + file + " " + expected);
    }

    @Test
    void skippingRaggedRecordsWithErrorIsCountedAsSkipped() throws IOException {
        Files.writeString(dir.resolve("in.csv"), "a,b\n1\n2,3\n", StandardCharsets.UTF_8);
        TestContext context = Harness.context("csv-source", dir);

        List<Row> rows = SourceTester.create(factory, map("path", "in.csv", "onError", "skip"), context)
                .readAll().rows();

        assertThat(rows).containsExactly(rec("a", 2L, "b", 3L));
        assertThat(context.logLines()).singleElement().asString().contains("at line 2: the record has 1 fields");
    }

    static Stream<Arguments> columnCases() {
        return Stream.of(
                Arguments.of("columns name a headerless file", "1,x\n", map("header", false),
                        List.of(rec("id", 1L, "name", "x"))),
                Arguments.of("columns replace the header, which is not a record", "a,b\n1,x\n", map(),
                        List.of(rec("id", 1L, "name", "x"))),
                Arguments.of("ragged records under given columns", "1\n2,y\n", map("header", false, "ragged", "pad"),
                        List.of(rec("id", 1L, "name", null), rec("id", 2L, "name", "y"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columnCases")
    void columnsOverrideTheHeader(String description, String input, Map<String, Object> extra, List<Row> expected)
            throws IOException {
        Files.writeString(dir.resolve("in.csv"), input, StandardCharsets.UTF_8);
        Map<String, Object> settings = new LinkedHashMap<>(map("path", "in.csv", "columns", List.of("id", "name")));
        settings.putAll(extra);

        assertThat(Harness.read(factory, dir, settings)).containsExactlyElementsOf(expected);
    }

    @Test
    void aHeaderWhoseCountDiffersFromTheColumnsIsRefused() throws IOException {
        Files.writeString(dir.resolve("in.csv"), "a,b,c\n1,2,3\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Harness.read(factory, dir, map("path", "in.csv", "columns", List.of("x", "y"))))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("has 3 columns [a, b, c] but the \"columns\" setting names 2 [x, y]");
    }
}
