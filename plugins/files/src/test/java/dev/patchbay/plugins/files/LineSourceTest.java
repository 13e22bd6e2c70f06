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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineSourceTest {

    @TempDir
    Path dir;

    private final TextSourceFactory text = new TextSourceFactory();
    private final JsonLinesSourceFactory jsonl = new JsonLinesSourceFactory();

    @Test
    void textSourceEmitsEveryLineIncludingEmptyOnesAndALastLineWithoutBreak() throws IOException {
        Files.writeString(dir.resolve("in.txt"), "one\r\n\ntwo  \nlast");

        assertThat(Harness.read(text, dir, map("path", "in.txt")))
                .containsExactly(rec("line", "one"), rec("line", ""), rec("line", "two  "), rec("line", "last"));
    }

    @Test
    void textSourceUsesTheConfiguredFieldName() throws IOException {
        Files.writeString(dir.resolve("in.txt"), "a\n");

        assertThat(Harness.read(text, dir, map("path", "in.txt", "field", "message")))
                .containsExactly(rec("message", "a"));
    }

    @Test
    void textSourceDecodesTheConfiguredCharset() throws IOException {
        Files.write(dir.resolve("in.txt"), "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(Harness.read(text, dir, map("path", "in.txt", "charset", "ISO-8859-1")))
                .containsExactly(rec("line", "caf\u00e9"));
    }

    @Test
    void invalidBytesForTheCharsetAreReportedWithFileAndLine() throws IOException {
        Path file = dir.resolve("in.txt");
        Files.write(file, new byte[] {'o', 'k', '\n', 'b', (byte) 0xC3, '(', '\n'});

        assertThatThrownBy(() -> Harness.read(text, dir, map("path", "in.txt")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("malformed input in " + file + " at line 2: bytes C3 at byte 2 of the text are"
                        + " not valid UTF-8");
    }

    @Test
    void invalidBytesInACharsetThatIsNotAsciiCompatibleAreReportedWithTheLine() throws IOException {
        Path file = dir.resolve("in.txt");
        byte[] good = "ok\nfine\n".getBytes(StandardCharsets.UTF_16BE);
        byte[] bad = {(byte) 0xD8, 0x00, 0, 'x', 0, '\n'};
        byte[] after = "last\n".getBytes(StandardCharsets.UTF_16BE);
        byte[] all = new byte[good.length + bad.length + after.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        System.arraycopy(after, 0, all, good.length + bad.length, after.length);
        Files.write(file, all);

        assertThatThrownBy(() -> Harness.read(text, dir, map("path", "in.txt", "charset", "UTF-16BE")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("malformed input in " + file + " at line 3: 4 bytes are not valid UTF-16BE");
        TestContext context = Harness.context("text-source", dir);
        assertThat(SourceTester.create(text, map("path", "in.txt", "charset", "UTF-16BE", "onError", "skip"), context)
                .readAll().rows()).containsExactly(rec("line", "ok"), rec("line", "fine"), rec("line", "last"));
        assertThat(context.logLines()).singleElement().asString().contains("at line 3:");
    }

    @Test
    void jsonLinesSourceMapsTheFullValueModelAndSkipsBlankLines() throws IOException {
        Files.writeString(dir.resolve("in.jsonl"), "{\"id\":1,\"tags\":[\"a\"],\"geo\":{\"lat\":1.5},\"ok\":true,"
                + "\"none\":null}\n\n   \n{\"id\":2}\r\n");

        assertThat(Harness.read(jsonl, dir, map("path", "in.jsonl"))).containsExactly(
                rec("id", 1L, "tags", List.of("a"), "geo", rec("lat", 1.5), "ok", true, "none", null),
                rec("id", 2L));
    }

    @Test
    void jsonLinesSourceRejectsNonObjectLinesWithFileAndLine() throws IOException {
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, "{\"id\":1}\n[1,2]\n");

        assertThatThrownBy(() -> Harness.read(jsonl, dir, map("path", "in.jsonl")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("malformed input in " + file + " at line 2: invalid JSON at column 1: expected a"
                        + " JSON object but found an array");
    }

    @Test
    void jsonLinesSkipPolicyLogsEachBadLine() throws IOException {
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, "{\"id\":1}\n{\"id\":\n{\"id\":3}\nnot json\n");
        TestContext context = Harness.context("jsonl-source", dir);

        List<Row> records = SourceTester.create(jsonl, map("path", "in.jsonl", "onError", "skip"), context)
                .readAll().rows();

        assertThat(records).containsExactly(rec("id", 1L), rec("id", 3L));
        assertThat(context.logLines()).containsExactly(
                "WARNING skipped malformed input in " + file + " at line 2: invalid JSON at column 7: unexpected end"
                        + " of line, expected a value",
                "WARNING skipped malformed input in " + file + " at line 4: invalid JSON at column 1: expected"
                        + " a JSON object but found 'n'; each line must hold one object such as {\"field\": 1}");
    }

    @Test
    void followModePicksUpAppendedLinesAndNeverEmitsAPartialLine() throws IOException {
        Path file = dir.resolve("log.jsonl");
        Files.writeString(file, "{\"n\":1}\n{\"n\":");
        List<Row> seen = new ArrayList<>();
        try (Source source = Harness.source(jsonl, map("path", "log.jsonl", "follow", true),
                Harness.context("jsonl-source", dir))) {
            drainUntilIdle(source, seen);
            assertThat(seen).containsExactly(rec("n", 1L));
            assertThat(source.position().value()).isEqualTo("offset=8;line=2");

            append(file, "2}");
            drainUntilIdle(source, seen);
            assertThat(seen).containsExactly(rec("n", 1L));

            append(file, "\n{\"n\":3}\n");
            drainUntilIdle(source, seen);
            assertThat(seen).containsExactly(rec("n", 1L), rec("n", 2L), rec("n", 3L));
            assertThat(source.poll(seen::add)).isEqualTo(Source.Poll.IDLE);
        }
    }

    @Test
    void textFollowModeResumesFromAPositionAndContinuesFollowing() throws IOException {
        Path file = dir.resolve("app.log");
        Files.writeString(file, "a\nb\n");
        List<Row> seen = new ArrayList<>();
        dev.patchbay.api.Position position;
        try (Source source = Harness.source(text, map("path", "app.log", "follow", true),
                Harness.context("text-source", dir))) {
            drainUntilIdle(source, seen);
            position = source.position();
        }
        append(file, "c\n");

        try (Source source = Harness.source(text, map("path", "app.log", "follow", true),
                Harness.context("text-source", dir, java.util.Optional.of(position)))) {
            List<Row> resumed = new ArrayList<>();
            drainUntilIdle(source, resumed);
            append(file, "d\n");
            drainUntilIdle(source, resumed);
            assertThat(resumed).containsExactly(rec("line", "c"), rec("line", "d"));
        }
        assertThat(seen).containsExactly(rec("line", "a"), rec("line", "b"));
    }

    @Test
    void followModeFailsWhenTheFileIsTruncated() throws IOException {
        Path file = dir.resolve("app.log");
        Files.writeString(file, "a\nb\n");
        try (Source source = Harness.source(text, map("path", "app.log", "follow", true),
                Harness.context("text-source", dir))) {
            drainUntilIdle(source, new ArrayList<>());
            Files.writeString(file, "");

            assertThatThrownBy(() -> source.poll(r -> { }))
                    .isInstanceOf(ExtensionException.class)
                    .hasMessageContaining("shrank to 0 bytes after 4 bytes had been read");
        }
    }

    private static void drainUntilIdle(Source source, List<Row> into) throws IOException {
        for (int i = 0; i < 1000; i++) {
            if (source.poll(into::add) == Source.Poll.IDLE) {
                return;
            }
        }
        throw new AssertionError("source never went idle");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }
}
