package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.map;
import static dev.patchbay.plugins.files.Harness.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Row;
import dev.patchbay.api.Source;
import dev.patchbay.testkit.SourceTester;
import dev.patchbay.testkit.TestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvSourceTest {

    @TempDir
    Path dir;

    private final CsvSourceFactory factory = new CsvSourceFactory();

    static Stream<Arguments> quotingCases() {
        return Stream.of(
                Arguments.of("plain fields with inferred types", "a,b\n1,x\n", Map.of(), List.of(rec("a", 1L, "b", "x"))),
                Arguments.of("quoted delimiter", "a,b\n\"x,y\",z\n", Map.of(), List.of(rec("a", "x,y", "b", "z"))),
                Arguments.of("embedded LF", "a,b\n\"line1\nline2\",z\n", Map.of(),
                        List.of(rec("a", "line1\nline2", "b", "z"))),
                Arguments.of("embedded CRLF", "a,b\r\n\"l1\r\nl2\",z\r\n", Map.of(),
                        List.of(rec("a", "l1\r\nl2", "b", "z"))),
                Arguments.of("doubled quotes", "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", Map.of(),
                        List.of(rec("a", "say \"hi\"", "b", "\""))),
                Arguments.of("unquoted empty fields are null", "a,b\n,\n", Map.of(), List.of(rec("a", null, "b", null))),
                Arguments.of("quoted empty field is an empty string", "a,b\n\"\",x\n", Map.of(),
                        List.of(rec("a", "", "b", "x"))),
                Arguments.of("trailing delimiter makes a last empty field", "a,b,c\n1,2,\n", Map.of(),
                        List.of(rec("a", 1L, "b", 2L, "c", null))),
                Arguments.of("missing final newline", "a,b\n1,2", Map.of(), List.of(rec("a", 1L, "b", 2L))),
                Arguments.of("missing final newline after a quoted field", "a,b\n1,\"2\"", Map.of(),
                        List.of(rec("a", 1L, "b", "2"))),
                Arguments.of("CRLF line endings", "a,b\r\n1,2\r\n3,4\r\n", Map.of(),
                        List.of(rec("a", 1L, "b", 2L), rec("a", 3L, "b", 4L))),
                Arguments.of("lone CR line endings", "a,b\r1,2\r", Map.of(), List.of(rec("a", 1L, "b", 2L))),
                Arguments.of("UTF-8 byte order mark is dropped", "\uFEFFa,b\n1,2\n", Map.of(),
                        List.of(rec("a", 1L, "b", 2L))),
                Arguments.of("custom delimiter", "a;b\n1,5;x\n", Map.of("delimiter", ";"),
                        List.of(rec("a", "1,5", "b", "x"))),
                Arguments.of("tab delimiter", "a\tb\n1\t\"x\ty\"\n", Map.of("delimiter", "\t"),
                        List.of(rec("a", 1L, "b", "x\ty"))),
                Arguments.of("custom quote", "a,b\n'x,y','it''s'\n", Map.of("quote", "'"),
                        List.of(rec("a", "x,y", "b", "it's"))),
                Arguments.of("blank lines are skipped", "a,b\n\n1,2\n\r\n3,4\n\n", Map.of(),
                        List.of(rec("a", 1L, "b", 2L), rec("a", 3L, "b", 4L))),
                Arguments.of("quoted numbers stay strings", "a,b\n\"42\",42\n", Map.of(),
                        List.of(rec("a", "42", "b", 42L))),
                Arguments.of("JSON number grammar decides the type", "a,b,c,d,e,f,g\n-7,2.50,1e3,007,+1,.5,abc\n",
                        Map.of(), List.of(rec("a", -7L, "b", 2.5, "c", 1000.0, "d", "007", "e", "+1", "f", ".5",
                                "g", "abc"))),
                Arguments.of("integers beyond long become doubles", "a\n99999999999999999999\n", Map.of(),
                        List.of(rec("a", 1.0E20))),
                Arguments.of("inferTypes false keeps text", "a,b,c\n1,,\"\"\n", Map.of("inferTypes", false),
                        List.of(rec("a", "1", "b", "", "c", ""))),
                Arguments.of("no header names columns column1..N", "1,x\n2,y\n", Map.of("header", false),
                        List.of(rec("column1", 1L, "column2", "x"), rec("column1", 2L, "column2", "y"))),
                Arguments.of("no header with a columns list", "1,x\n", Map.of("header", false, "columns",
                        List.of("id", "name")), List.of(rec("id", 1L, "name", "x"))),
                Arguments.of("columns replace the header's names", "a,b\n1,x\n", Map.of("columns",
                        List.of("id", "name")), List.of(rec("id", 1L, "name", "x"))),
                Arguments.of("a quote inside an unquoted field is literal", "a,b\nab\"c,d\n", Map.of(),
                        List.of(rec("a", "ab\"c", "b", "d"))),
                Arguments.of("non-ASCII text", "city\nZürich\n\"São Paulo\"\n", Map.of(),
                        List.of(rec("city", "Zürich"), rec("city", "São Paulo"))),
                Arguments.of("header only", "a,b\n", Map.of(), List.of()),
                Arguments.of("empty file", "", Map.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotingCases")
    void parsesQuotingCases(String description, String input, Map<String, Object> extra, List<Row> expected)
            throws IOException {
        Files.writeString(dir.resolve("in.csv"), input, StandardCharsets.UTF_8);
        Map<String, Object> settings = new LinkedHashMap<>(extra);
        settings.put("path", "in.csv");

        List<Row> records = Harness.read(factory, dir, settings);

        assertThat(records).containsExactlyElementsOf(expected);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).fieldNames()).containsExactlyElementsOf(expected.get(i).fieldNames());
        }
    }

    static Stream<Arguments> malformedCases() {
        return Stream.of(
                Arguments.of("unterminated quote", "a,b\n1,2\n\"open,3\n4,5\n".getBytes(StandardCharsets.UTF_8),
                        "at line 3: unterminated quoted field"),
                Arguments.of("text after a closing quote", "a,b\n\"x\"y,2\n".getBytes(StandardCharsets.UTF_8),
                        "at line 2: unexpected 'y' after the closing quote"),
                Arguments.of("too many fields", "a,b\n1,2\n1,2,3\n".getBytes(StandardCharsets.UTF_8),
                        "at line 3: the record has 3 fields but the columns are 2"),
                Arguments.of("field count after a multi-line record", "a,b\n\"x\ny\",1\n1\n"
                        .getBytes(StandardCharsets.UTF_8), "at line 4: the record has 1 fields"),
                Arguments.of("invalid UTF-8", new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xFF, '\n'},
                        "at line 2: bytes FF at byte 1 of the text are not valid UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCases")
    void reportsMalformedInputWithFileAndLine(String description, byte[] input, String expected) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.write(file, input);

        assertThatThrownBy(() -> Harness.read(factory, dir, map("path", "bad.csv")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("csv-source: malformed input in " + file)
                .hasMessageContaining(expected)
                .hasMessageContaining("set \"onError\": \"skip\"");
    }

    @Test
    void skipPolicyLogsTheFileAndLineAndContinues() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b\n1,2\n\"x\"y,3\n4,5\n1,2,3\n6,7\n");
        TestContext context = Harness.context("csv-source", dir);

        List<Row> records = SourceTester.create(factory, map("path", "bad.csv", "onError", "skip"), context)
                .readAll().rows();

        assertThat(records).containsExactly(rec("a", 1L, "b", 2L), rec("a", 4L, "b", 5L), rec("a", 6L, "b", 7L));
        assertThat(context.logLines()).hasSize(2);
        assertThat(context.logLines().get(0)).startsWith("WARNING skipped malformed input in " + file + " at line 3:");
        assertThat(context.logLines().get(1)).contains("at line 5:");
    }

    @Test
    void skippingAnUnterminatedQuoteResumesOnTheNextLine() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n\"open,3\n4,5\n");

        List<Row> records = Harness.read(factory, dir, map("path", "bad.csv", "onError", "skip"));

        assertThat(records).containsExactly(rec("a", 1L, "b", 2L), rec("a", 4L, "b", 5L));
    }

    @Test
    void stopPolicyKeepsThePositionBeforeTheBadRecord() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n1,2,3\n");
        List<Row> seen = new ArrayList<>();
        try (Source source = Harness.source(factory, map("path", "bad.csv"), Harness.context("csv-source", dir))) {
            assertThatThrownBy(() -> source.poll(seen::add)).isInstanceOf(ExtensionException.class);
            assertThat(seen).containsExactly(rec("a", 1L, "b", 2L));
            assertThat(source.position().value()).isEqualTo("offset=8;line=3;types=ii");
        }
    }

    @Test
    void duplicateHeaderNamesAreRejectedWithTheName() throws IOException {
        Files.writeString(dir.resolve("dup.csv"), "a,b,a\n1,2,3\n");

        assertThatThrownBy(() -> Harness.read(factory, dir, map("path", "dup.csv")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("field name 'a' appears twice");
    }

    @Test
    void recordsLongerThanOneBufferAreParsedWhole() throws IOException {
        String big = "x".repeat(3 * FileInput.INITIAL_BUFFER);
        Files.writeString(dir.resolve("big.csv"), "a,b\n\"" + big + "\",1\n2,3\n");

        List<Row> records = Harness.read(factory, dir, map("path", "big.csv"));

        // The quoted field makes column a a string column, so 2 there is the string "2".
        assertThat(records).containsExactly(rec("a", big, "b", 1L), rec("a", "2", "b", 3L));
    }

    @Test
    void manyRecordsAcrossBufferRefillsAreAllRead() throws IOException {
        StringBuilder text = new StringBuilder("id,name,email,age,city,score\n");
        List<Row> expected = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String name = i % 7 == 0 ? "\"Name, " + i + "\"" : "Name" + i;
            text.append(i).append(',').append(name).append(",user").append(i).append("@example.com,")
                    .append(i % 90).append(",City").append(i % 13).append(',').append(i % 100).append(".25\n");
            expected.add(rec("id", (long) i, "name", i % 7 == 0 ? "Name, " + i : "Name" + i,
                    "email", "user" + i + "@example.com", "age", (long) (i % 90), "city", "City" + (i % 13),
                    "score", (i % 100) + 0.25));
        }
        Files.writeString(dir.resolve("many.csv"), text);

        assertThat(Harness.read(factory, dir, map("path", "many.csv"))).isEqualTo(expected);
    }
}
