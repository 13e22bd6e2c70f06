package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResumeTest {

    private static final int ROWS = 3000;

    @TempDir
    Path dir;

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("csv", new CsvSourceFactory(), false),
                Arguments.of("csv", new CsvSourceFactory(), true),
                Arguments.of("jsonl", new JsonLinesSourceFactory(), false),
                Arguments.of("jsonl", new JsonLinesSourceFactory(), true),
                Arguments.of("txt", new TextSourceFactory(), false),
                Arguments.of("txt", new TextSourceFactory(), true));
    }

    /** Rows with multi-line quoted CSV fields, so that lines and records differ. */
    private static String content(String format) {
        StringBuilder text = new StringBuilder(format.equals("csv") ? "id,note\n" : "");
        for (int i = 0; i < ROWS; i++) {
            switch (format) {
                case "csv" -> text.append(i).append(i % 5 == 0 ? ",\"two\nlines\"\n" : ",plain\n");
                case "jsonl" -> text.append("{\"id\":").append(i).append(",\"note\":\"\u00e9\"}\n");
                default -> text.append("line ").append(i).append('\n');
            }
        }
        return text.toString();
    }

    @ParameterizedTest(name = "{0} gzip={2}")
    @MethodSource("formats")
    void resumingFromAPositionEmitsExactlyTheRemainingRecords(String format, SourceFactory factory, boolean gzip)
            throws IOException {
        String name = "in." + format + (gzip ? ".gz" : "");
        byte[] bytes = content(format).getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
                out.write(bytes);
            }
        } else {
            Files.write(dir.resolve(name), bytes);
        }
        Map<String, Object> settings = map("path", name);
        List<Row> all = Harness.read(factory, dir, settings);
        assertThat(all).hasSize(ROWS);

        List<Row> first = new ArrayList<>();
        Position position;
        try (Source source = Harness.source(factory, settings, Harness.context(Harness.name(factory), dir))) {
            assertThat(source.poll(first::add)).isEqualTo(Source.Poll.MORE);
            position = source.position();
        }
        List<Row> rest = Harness.resume(factory, dir, settings, position);

        assertThat(first).isNotEmpty().hasSizeLessThan(ROWS);
        List<Row> together = new ArrayList<>(first);
        together.addAll(rest);
        assertThat(together).isEqualTo(all);
        assertThat(position.value()).matches("offset=\\d+;line=\\d+" + (format.equals("csv") ? ";types=is" : ""));
    }

    @ParameterizedTest(name = "{0} gzip={2}")
    @MethodSource("formats")
    void everyPositionASourceReportsResumesExactlyOnce(String format, SourceFactory factory, boolean gzip)
            throws IOException {
        String name = "in." + format + (gzip ? ".gz" : "");
        byte[] bytes = content(format).getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
                out.write(bytes);
            }
        } else {
            Files.write(dir.resolve(name), bytes);
        }

        Harness.tester(factory, dir, map("path", name)).assertResumesExactlyOnce();
    }

    @Test
    void aTranscodedFileResumesFromItsPosition() throws IOException {
        Files.write(dir.resolve("in.csv"), content("csv").getBytes(StandardCharsets.UTF_16));
        Map<String, Object> settings = map("path", "in.csv", "charset", "UTF-16");
        List<Row> all = Harness.read(new CsvSourceFactory(), dir, settings);
        List<Row> first = new ArrayList<>();
        Position position;
        try (Source source = Harness.source(new CsvSourceFactory(), settings, Harness.context("csv-source", dir))) {
            source.poll(first::add);
            position = source.position();
        }

        List<Row> together = new ArrayList<>(first);
        together.addAll(Harness.resume(new CsvSourceFactory(), dir, settings, position));

        assertThat(all).hasSize(ROWS);
        assertThat(together).isEqualTo(all);
    }

    @Test
    void linesAfterAResumeAreCountedFromThePosition() throws IOException {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, "a,b\n\"1\n2\",3\n4,5\n6\n");
        Position position;
        try (Source source = Harness.source(new CsvSourceFactory(), map("path", "in.csv", "onError", "skip"),
                Harness.context("csv-source", dir))) {
            List<Row> seen = new ArrayList<>();
            source.poll(seen::add);
            assertThat(seen).hasSize(2);
            position = new Position("offset=15;line=4");
        }

        assertThatThrownBy(() -> Harness.resume(new CsvSourceFactory(), dir, map("path", "in.csv"), position))
                .hasMessageContaining("malformed input in " + file + " at line 5:");
    }

    @Test
    void positionBeforeTheFirstPollIsTheResumePosition() throws IOException {
        Files.writeString(dir.resolve("in.txt"), "a\nb\n");
        Position position = new Position("offset=4;line=2");
        try (Source source = Harness.source(new TextSourceFactory(), map("path", "in.txt"),
                Harness.context("text-source", dir, Optional.of(position)))) {
            assertThat(source.position()).isEqualTo(position);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPositionBeyondTheEndOfTheFileIsRejected() throws IOException {
        Files.writeString(dir.resolve("in.txt"), "a\n");

        assertThatThrownBy(() -> Harness.resume(new TextSourceFactory(), dir, map("path", "in.txt"),
                new Position("offset=100;line=9")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("the file ends before offset 100; it was truncated or replaced");
    }

    @Test
    void aPositionOfAnotherFormatIsRejectedWithTheExpectedFormat() throws IOException {
        Files.writeString(dir.resolve("in.txt"), "a\n");

        assertThatThrownBy(() -> Harness.resume(new TextSourceFactory(), dir, map("path", "in.txt"),
                new Position("records=4")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("cannot resume from position \"records=4\": expected"
                        + " \"offset=<bytes>;line=<line>\"");
    }
}
