package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.map;
import static dev.patchbay.plugins.files.Harness.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.testkit.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9: an append-mode sink cuts a torn tail (a partial line, CSV record or gzip member left by a crash or
 * a full disk) back to the end of the last complete record before it appends, and logs what it cut. Each case
 * is an existing file, the number of its bytes that must survive, and what one appended record must look like.
 */
class TornTailTest {

    private static final byte[] M1 = gzip("{\"a\":1}\n");
    private static final byte[] M2 = gzip(lines(2, 400));
    private static final byte[] M3 = gzip(lines(3, 3));

    @TempDir
    Path dir;

    private static String lines(int value, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("{\"a\":").append(value).append(",\"i\":").append(i).append("}\n");
        }
        return text.toString();
    }

    static Stream<Arguments> plainCases() {
        return Stream.of(
                // name, extension, settings, existing bytes, bytes kept, what one record appends
                plain("an empty file", "jsonl", "", 0, "{\"a\":9}\n"),
                plain("complete lines", "jsonl", "{\"a\":1}\n{\"a\":2}\n", 16, "{\"a\":9}\n"),
                plain("half a line", "jsonl", "{\"a\":1}\n{\"a\":", 8, "{\"a\":9}\n"),
                plain("a line complete but for its newline", "jsonl", "{\"a\":1}\n{\"a\":2}", 8, "{\"a\":9}\n"),
                plain("a file of only a torn line", "jsonl", "{\"a\":", 0, "{\"a\":9}\n"),
                plain("a text line torn after its CR", "txt", "one\r\ntwo\r", 5, "9\n"),
                plain("a CSV header torn", "csv", "id,na", 0, "id,name\n9,x\n"),
                plain("a CSV header and a torn record", "csv", "id,name\n1,Ann\n2,Bo", 14, "9,x\n"),
                plain("a CSV record torn after a quoted line break", "csv", "id,name\n1,\"two\n", 8, "9,x\n"),
                plain("a CSV record with a quoted line break, complete", "csv", "id,name\n1,\"two\nlines\"\n", 22,
                        "9,x\n"),
                plain("a CSV record torn inside doubled quotes", "csv", "id,name\n1,\"a\"\"b\nc\"\n2,\"x\"\"", 19,
                        "9,x\n"),
                plain("a literal quote inside an unquoted CSV field", "csv", "id,name\n1,ab\"c\n2,d\n", 19, "9,x\n"),
                plain("a CSV record torn between CR and LF", "csv", "id,name\r\n1,Ann\r", 9, "9,x\n"),
                plain("a UTF-8 byte order mark and a quoted header", "csv", "\ufeff\"id\",name\n1,\"x", 13, "9,x\n"));
    }

    private static Arguments plain(String name, String extension, String existing, int kept, String appended) {
        return Arguments.of(name, extension, existing.getBytes(StandardCharsets.UTF_8), kept, appended);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainCases")
    void aPlainFileIsCutBackToItsLastCompleteRecordBeforeAppending(String name, String extension, byte[] existing,
            int kept, String appended) throws IOException {
        Path file = dir.resolve("out." + extension);
        Files.write(file, existing);

        TestContext context = appendOneRecord(extension, "out." + extension, "UTF-8");

        byte[] expected = concat(Arrays.copyOf(existing, kept), appended.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertRepairLogged(context, file, existing.length, kept);
    }

    static Stream<Arguments> utf16Cases() {
        return Stream.of(
                // U+0100 U+0A41 is 01 00 0A 41: a line feed's bytes 00 0A at an odd offset are not a line feed.
                Arguments.of("a line break's bytes across two characters", "\u0100\u0A41", 0, 0),
                Arguments.of("a character cut in half", "a\nb", 1, 4),
                Arguments.of("complete lines", "a\nb\n", 0, 8));
    }

    @ParameterizedTest(name = "UTF-16BE: {0}")
    @MethodSource("utf16Cases")
    void aUtf16FileIsCutAtWholeCharacters(String name, String text, int extraBytes, int kept) throws IOException {
        Path file = dir.resolve("out.txt");
        byte[] existing = text.getBytes(StandardCharsets.UTF_16BE);
        existing = Arrays.copyOf(existing, existing.length - (extraBytes > 0 ? 1 : 0));
        Files.write(file, existing);

        TestContext context = appendOneRecord("txt", "out.txt", "UTF-16BE");

        byte[] expected = concat(Arrays.copyOf(existing, kept), "9\n".getBytes(StandardCharsets.UTF_16BE));
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        assertRepairLogged(context, file, existing.length, kept);
    }

    static Stream<Arguments> gzipCases() {
        return Stream.of(
                // name, existing bytes, bytes kept
                Arguments.of("an empty file", new byte[0], 0),
                Arguments.of("complete members", concat(M1, M2), M1.length + M2.length),
                Arguments.of("half a member header", concat(M1, Arrays.copyOf(M2, 5)), M1.length),
                Arguments.of("a member header and nothing else", concat(M1, Arrays.copyOf(M2, 10)), M1.length),
                Arguments.of("half a deflate stream", concat(M1, Arrays.copyOf(M2, M2.length / 2)), M1.length),
                Arguments.of("half a trailer", concat(M1, Arrays.copyOf(M2, M2.length - 4)), M1.length),
                Arguments.of("several members, the last torn", concat(M1, M2, Arrays.copyOf(M3, M3.length - 9)),
                        M1.length + M2.length),
                Arguments.of("a file of only a torn member", Arrays.copyOf(M2, M2.length / 2), 0),
                Arguments.of("a member whose trailer CRC does not match", concat(M1, flip(M2, M2.length - 6)),
                        M1.length),
                Arguments.of("a member whose trailer size does not match", concat(M1, flip(M2, M2.length - 2)),
                        M1.length),
                Arguments.of("zeros after the last member", concat(M1, new byte[100]), M1.length),
                Arguments.of("a member with every optional header field", concat(M1, fullHeaderMember("x\n")),
                        M1.length + fullHeaderMember("x\n").length),
                Arguments.of("a torn member with every optional header field",
                        concat(M1, Arrays.copyOf(fullHeaderMember("x\n"), 25)), M1.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gzipCases")
    void aGzipFileIsCutBackToItsLastCompleteMemberBeforeAppending(String name, byte[] existing, int kept)
            throws IOException {
        Path file = dir.resolve("out.jsonl.gz");
        Files.write(file, existing);

        TestContext context = appendOneRecord("jsonl", "out.jsonl.gz", "UTF-8");

        byte[] after = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(after, kept)).isEqualTo(Arrays.copyOf(existing, kept));
        assertThat(gunzip(Arrays.copyOfRange(after, kept, after.length))).isEqualTo("{\"a\":9}\n");
        assertThat(gunzip(after)).isEqualTo(gunzip(Arrays.copyOf(existing, kept)) + "{\"a\":9}\n");
        assertRepairLogged(context, file, existing.length, kept);
    }

    @Test
    void aCsvGzipFileOfOnlyATornMemberGetsItsHeaderWrittenAgain() throws IOException {
        Path file = dir.resolve("out.csv.gz");
        byte[] member = gzip("id,name\n1,Ann\n");
        Files.write(file, Arrays.copyOf(member, member.length - 3));

        TestContext context = appendOneRecord("csv", "out.csv.gz", "UTF-8");

        assertThat(gunzip(Files.readAllBytes(file))).isEqualTo("id,name\n9,x\n");
        assertRepairLogged(context, file, member.length - 3, 0);
    }

    @Test
    void overwriteModeTruncatesWithoutARepair() throws IOException {
        Path file = dir.resolve("out.jsonl");
        Files.writeString(file, "{\"a\":");
        TestContext context = Harness.context("jsonl-sink", dir);

        try (Sink sink = Harness.sink(new JsonLinesSinkFactory(), map("path", "out.jsonl", "mode", "overwrite"),
                context)) {
            sink.write(List.of(rec("a", 9L)));
            sink.flush();
        }

        assertThat(Files.readString(file)).isEqualTo("{\"a\":9}\n");
        assertThat(context.logLines()).isEmpty();
    }

    @Test
    void aPlainFileGivenAsGzipIsRefusedUntouched() throws IOException {
        Path file = dir.resolve("out.jsonl.gz");
        Files.writeString(file, "{\"a\":1}\n");

        assertThatThrownBy(() -> appendOneRecord("jsonl", "out.jsonl.gz", "UTF-8"))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not a gzip file")
                .hasMessageContaining("\"compression\"");
        assertThat(Files.readString(file)).isEqualTo("{\"a\":1}\n");
    }

    @Test
    void aDamagedMemberInTheMiddleIsRefusedNamingItsBytesSoThatNoCompleteMemberIsCut() throws IOException {
        Path file = dir.resolve("out.jsonl.gz");
        byte[] torn = Arrays.copyOf(M2, M2.length / 2);
        byte[] existing = concat(M1, torn, M3);
        Files.write(file, existing);

        assertThatThrownBy(() -> appendOneRecord("jsonl", "out.jsonl.gz", "UTF-8"))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("bytes " + M1.length + " to " + (M1.length + torn.length))
                .hasMessageContaining("complete gzip members follow");
        assertThat(Files.readAllBytes(file)).isEqualTo(existing);
    }

    @Test
    void aFileInACharsetWhoseCharactersCannotBeSplitSafelyIsAppendedToWithAWarning() throws IOException {
        Charset stateful = Charset.forName("x-IBM930");
        Path file = dir.resolve("out.txt");
        Files.write(file, "one\ntw".getBytes(stateful));
        long size = Files.size(file);

        TestContext context = appendOneRecord("txt", "out.txt", stateful.name());

        assertThat(Files.size(file)).isGreaterThan(size);
        assertThat(context.logLines()).singleElement().asString()
                .contains("WARNING", file.toString(), "cannot check", stateful.name());
    }

    /** Opens the sink of the format in append mode, writes one record, flushes and closes; returns its context. */
    private TestContext appendOneRecord(String extension, String path, String charset) throws IOException {
        SinkFactory factory = switch (extension) {
            case "csv" -> new CsvSinkFactory();
            case "txt" -> new TextSinkFactory();
            default -> new JsonLinesSinkFactory();
        };
        Map<String, Object> settings = map("path", path, "charset", charset);
        String name = Harness.name(factory);
        TestContext context = Harness.context(name, dir);
        try (Sink sink = Harness.sink(factory, settings, context)) {
            sink.write(List.of(extension.equals("txt") ? rec("line", "9")
                    : extension.equals("csv") ? rec("id", 9L, "name", "x") : rec("a", 9L)));
            sink.flush();
        }
        return context;
    }

    private static void assertRepairLogged(TestContext context, Path file, long size, long kept) {
        if (kept == size) {
            assertThat(context.logLines()).as("nothing to repair, nothing logged").isEmpty();
            return;
        }
        assertThat(context.logLines()).singleElement().asString()
                .startsWith("WARNING")
                .contains(file.toString(), "cut " + (size - kept) + " bytes at offset " + kept)
                .contains("never flushed");
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** A member with FEXTRA, FNAME, FCOMMENT and a header CRC, as RFC 1952 allows and gzip(1) can write. */
    private static byte[] fullHeaderMember(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3});
        out.writeBytes(new byte[] {4, 0, 'a', 'b', 2, 0});
        out.writeBytes("name.jsonl\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        CRC32 headerCrc = new CRC32();
        headerCrc.update(out.toByteArray());
        writeLittleEndian(out, headerCrc.getValue(), 2);
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        writeLittleEndian(out, crc.getValue(), 4);
        writeLittleEndian(out, data.length, 4);
        return out.toByteArray();
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return "";
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
