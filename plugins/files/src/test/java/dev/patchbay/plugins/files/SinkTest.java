package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.map;
import static dev.patchbay.plugins.files.Harness.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Row;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.testkit.TestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SinkTest {

    @TempDir
    Path dir;

    private static final List<Row> CSV_RECORDS = List.of(
            rec("id", 1L, "name", "Ann", "score", 73.5, "note", null),
            rec("id", 2L, "name", "a, \"quoted\"\nvalue", "score", -0.25, "note", ""),
            rec("id", 3L, "name", "42", "score", 1e21, "note", "caf\u00e9"),
            rec("id", 4L, "name", "007", "score", 0.0, "note", "x"));

    private static final List<Row> JSON_RECORDS = List.of(
            rec("id", 1L, "nested", rec("list", Arrays.asList(1L, 2.5, null, "s", true)), "text", "tab\t\"q\""),
            rec("id", 2L, "empty", rec(), "unicode", "\u00e9\ud83d\ude00", "big", Long.MAX_VALUE),
            rec("id", 3L, "d", 1e-7, "f", false, "n", null));

    private static final List<Row> TEXT_RECORDS = List.of(rec("line", "first"), rec("line", ""),
            rec("line", "caf\u00e9 \u00fcber"));

    static Stream<Arguments> roundTrips() {
        List<Arguments> cases = new ArrayList<>();
        for (String charset : List.of("UTF-8", "ISO-8859-1")) {
            for (boolean gzip : List.of(false, true)) {
                String suffix = gzip ? ".gz" : "";
                cases.add(Arguments.of("csv" + suffix, new CsvSinkFactory(), new CsvSourceFactory(), charset,
                        CSV_RECORDS));
                cases.add(Arguments.of("txt" + suffix, new TextSinkFactory(), new TextSourceFactory(), charset,
                        TEXT_RECORDS));
                if (charset.equals("UTF-8")) {
                    cases.add(Arguments.of("jsonl" + suffix, new JsonLinesSinkFactory(), new JsonLinesSourceFactory(),
                            charset, JSON_RECORDS));
                }
            }
        }
        cases.add(Arguments.of("jsonl", new JsonLinesSinkFactory(), new JsonLinesSourceFactory(), "ISO-8859-1",
                JSON_RECORDS.subList(0, 1)));
        for (String charset : List.of("UTF-16", "UTF-16LE", "UTF-32")) {
            for (String suffix : List.of("", ".gz")) {
                cases.add(Arguments.of("csv" + suffix, new CsvSinkFactory(), new CsvSourceFactory(), charset,
                        CSV_RECORDS));
                cases.add(Arguments.of("jsonl" + suffix, new JsonLinesSinkFactory(), new JsonLinesSourceFactory(),
                        charset, JSON_RECORDS));
                cases.add(Arguments.of("txt" + suffix, new TextSinkFactory(), new TextSourceFactory(), charset,
                        TEXT_RECORDS));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {3}")
    @MethodSource("roundTrips")
    void recordsWrittenBySinksReadBackEqualThroughTheSources(String extension, SinkFactory sink, SourceFactory source,
            String charset, List<Row> records) throws IOException {
        Map<String, Object> settings = map("path", "out/data." + extension, "charset", charset);

        Harness.write(sink, dir, settings, records.subList(0, 1));
        Harness.write(sink, dir, settings, records.subList(1, records.size()));

        assertThat(Harness.read(source, dir, settings)).isEqualTo(records);
    }

    @Test
    void csvSinkQuotesOnlyWhatNeedsQuotingAndWritesTheHeaderOnce() throws IOException {
        Map<String, Object> settings = map("path", "out.csv");
        Harness.write(new CsvSinkFactory(), dir, settings, CSV_RECORDS.subList(0, 2));
        Harness.write(new CsvSinkFactory(), dir, settings, CSV_RECORDS.subList(2, 4));

        assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo("id,name,score,note\n"
                + "1,Ann,73.5,\n"
                + "2,\"a, \"\"quoted\"\"\nvalue\",-0.25,\"\"\n"
                + "3,\"42\",1.0E21,caf\u00e9\n"
                + "4,007,0.0,x\n");
    }

    @Test
    void csvSinkAppendsInTheExistingHeadersColumnOrder() throws IOException {
        Files.writeString(dir.resolve("out.csv"), "b,a\n1,2\n");

        Harness.write(new CsvSinkFactory(), dir, map("path", "out.csv", "lineEnding", "crlf"),
                List.of(rec("a", "x", "b", "y"), rec("b", "z")));

        assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo("b,a\n1,2\ny,x\r\nz,\r\n");
    }

    @Test
    void csvSinkRejectsAFieldOutsideTheColumns() throws IOException {
        try (Sink sink = Harness.sink(new CsvSinkFactory(), map("path", "out.csv", "columns", List.of("a")),
                Harness.context("csv-sink", dir))) {
            assertThatThrownBy(() -> sink.write(List.of(rec("a", 1L, "b", 2L))))
                    .isInstanceOf(ExtensionException.class)
                    .hasMessageContaining("field 'b' is not one of the columns [a]");
        }
    }

    @Test
    void appendModeKeepsExistingDataAndOverwriteModeReplacesIt() throws IOException {
        Files.writeString(dir.resolve("out.jsonl"), "{\"old\":1}\n");

        Harness.write(new JsonLinesSinkFactory(), dir, map("path", "out.jsonl"), List.of(rec("new", 2L)));
        assertThat(Files.readString(dir.resolve("out.jsonl"))).isEqualTo("{\"old\":1}\n{\"new\":2}\n");

        Harness.write(new JsonLinesSinkFactory(), dir, map("path", "out.jsonl", "mode", "overwrite"),
                List.of(rec("new", 3L)));
        assertThat(Files.readString(dir.resolve("out.jsonl"))).isEqualTo("{\"new\":3}\n");
    }

    @Test
    void flushMakesRecordsVisibleAndEachGzipFlushEndsAReadableMember() throws IOException {
        Path file = dir.resolve("deep/dir/out.jsonl.gz");
        try (Sink sink = Harness.sink(new JsonLinesSinkFactory(), map("path", "deep/dir/out.jsonl.gz"),
                Harness.context("jsonl-sink", dir))) {
            sink.write(List.of(rec("n", 1L)));
            sink.flush();
            byte[] afterFirst = Files.readAllBytes(file);
            assertThat(gunzip(afterFirst)).isEqualTo("{\"n\":1}\n");

            sink.write(List.of(rec("n", 2L)));
            sink.write(List.of(rec("n", 3L)));
            sink.flush();
            byte[] afterSecond = Files.readAllBytes(file);
            assertThat(Arrays.copyOf(afterSecond, afterFirst.length)).isEqualTo(afterFirst);
            assertThat(gunzip(afterSecond)).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
            assertThat(countGzipMembers(afterSecond)).isEqualTo(2);

            sink.flush();
            assertThat(Files.readAllBytes(file)).isEqualTo(afterSecond);
        }
    }

    @Test
    void textSinkWritesOneFieldPerLine() throws IOException {
        Harness.write(new TextSinkFactory(), dir, map("path", "out.txt", "field", "msg"),
                List.of(rec("msg", "hello", "x", 1L), rec("msg", null), rec("msg", 42L), rec("msg", List.of(1L))));

        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("hello\n\n42\n[1]\n");
    }

    @Test
    void textSinkRejectsMissingFieldsAndLineBreaks() throws IOException {
        try (Sink sink = Harness.sink(new TextSinkFactory(), map("path", "out.txt"), Harness.context("text-sink", dir))) {
            assertThatThrownBy(() -> sink.write(List.of(rec("other", "x"))))
                    .isInstanceOf(ExtensionException.class)
                    .hasMessageContaining("it has no field 'line' (fields [other])");
            assertThatThrownBy(() -> sink.write(List.of(rec("line", "a\nb"))))
                    .hasMessageContaining("field 'line' contains a line break");
        }
        assertThat(Files.readString(dir.resolve("out.txt"))).isEmpty();
    }

    @Test
    void jsonSinkRejectsNanWithoutWritingAPartialRecord() throws IOException {
        try (Sink sink = Harness.sink(new JsonLinesSinkFactory(), map("path", "out.jsonl"),
                Harness.context("jsonl-sink", dir))) {
            sink.write(List.of(rec("ok", 1L)));
            assertThatThrownBy(() -> sink.write(List.of(rec("a", 1L, "bad", Double.NaN))))
                    .isInstanceOf(ExtensionException.class)
                    .hasMessageContaining("field 'bad' holds NaN");
            sink.flush();
        }
        assertThat(Files.readString(dir.resolve("out.jsonl"))).isEqualTo("{\"ok\":1}\n");
    }

    @Test
    void unmappableCharactersForTheCharsetAreRejected() throws IOException {
        try (Sink sink = Harness.sink(new TextSinkFactory(), map("path", "out.txt", "charset", "ISO-8859-1"),
                Harness.context("text-sink", dir))) {
            sink.write(List.of(rec("line", "caf\u00e9")));
            assertThatThrownBy(() -> sink.write(List.of(rec("line", "snow \u2603"))))
                    .isInstanceOf(ExtensionException.class)
                    .hasMessageContaining("character U+2603 cannot be written in charset ISO-8859-1");
            sink.flush();
        }
        assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.ISO_8859_1)).isEqualTo("caf\u00e9\n");
    }

    @Test
    void utf16FilesGetOneByteOrderMarkEvenWhenAppendedTo() throws IOException {
        Harness.write(new TextSinkFactory(), dir, map("path", "out.txt", "charset", "UTF-16"), List.of(rec("line", "a")));
        Harness.write(new TextSinkFactory(), dir, map("path", "out.txt", "charset", "UTF-16"), List.of(rec("line", "b")));

        assertThat(Files.readAllBytes(dir.resolve("out.txt")))
                .isEqualTo(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'a', 0, '\n', 0, 'b', 0, '\n'});
    }

    @Test
    void bytesAreWrittenAsBase64() throws IOException {
        Harness.write(new JsonLinesSinkFactory(), dir, map("path", "out.jsonl"),
                List.of(rec("b", Bytes.of("hi".getBytes(StandardCharsets.US_ASCII)))));

        assertThat(Files.readString(dir.resolve("out.jsonl"))).isEqualTo("{\"b\":\"aGk=\"}\n");
    }

    @Test
    void largeBatchesAreWrittenCompletely() throws IOException {
        List<Row> records = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", (long) i);
            fields.put("text", "value " + i);
            records.add(Row.of(fields));
        }
        Harness.write(new JsonLinesSinkFactory(), dir, map("path", "big.jsonl.gz"), records);

        assertThat(Harness.read(new JsonLinesSourceFactory(), dir, map("path", "big.jsonl.gz"))).isEqualTo(records);
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int countGzipMembers(byte[] bytes) {
        int members = 0;
        for (int i = 0; i + 2 < bytes.length; i++) {
            if ((bytes[i] & 0xff) == 0x1f && (bytes[i + 1] & 0xff) == 0x8b && bytes[i + 2] == 8) {
                members++;
            }
        }
        return members;
    }
}
