package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bytes in, lines out: newlines, flushes, the 8 KiB cut and multi-byte characters split across writes. */
class LineBufferTest {

    /** One call on the buffer. */
    sealed interface Step permits Write, Flush, Finish {
    }

    record Write(byte[] bytes) implements Step {
        @Override
        public String toString() {
            return "write " + Arrays.toString(bytes);
        }
    }

    record Flush() implements Step {
    }

    record Finish() implements Step {
    }

    private static final String EURO = "\u20ac";
    private static final byte[] EURO_BYTES = EURO.getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a line ends at its newline", steps(write("one\n")), List.of("one")),
                Arguments.of("one write holds several lines", steps(write("one\ntwo\nthr")), List.of("one", "two")),
                Arguments.of("a line spans writes", steps(write("on"), write("e"), write("\n")), List.of("one")),
                Arguments.of("an empty line is a line", steps(write("\n\n")), List.of("", "")),
                Arguments.of("a carriage return before the newline is dropped", steps(write("one\r\n")),
                        List.of("one")),
                Arguments.of("a carriage return elsewhere stays", steps(write("o\rne\n")), List.of("o\rne")),
                Arguments.of("a partial line waits", steps(write("one")), List.of()),
                Arguments.of("flush hands over a partial line", steps(write("par"), new Flush(), write("tial\n")),
                        List.of("par", "tial")),
                Arguments.of("flush of nothing hands over nothing", steps(new Flush(), write("one\n")),
                        List.of("one")),
                Arguments.of("a longer line than 8 KiB is cut at 8 KiB", steps(write("x".repeat(8192) + "y\n")),
                        List.of("x".repeat(8192), "y")),
                Arguments.of("a line of 16 KiB and one byte is three pieces",
                        steps(write("x".repeat(16384)), write("y\n")),
                        List.of("x".repeat(8192), "x".repeat(8192), "y")),
                Arguments.of("a line of exactly 8 KiB stays whole", steps(write("x".repeat(8192) + "\n")),
                        List.of("x".repeat(8192))),
                Arguments.of("a partial line of 8 KiB waits for its next byte", steps(write("x".repeat(8192))),
                        List.of()),
                Arguments.of("the cut does not split a character", steps(write("x".repeat(8191) + EURO + "\n")),
                        List.of("x".repeat(8191), EURO)),
                Arguments.of("a character split across writes", steps(bytes(EURO_BYTES[0]),
                        bytes(EURO_BYTES[1]), bytes(EURO_BYTES[2], (byte) '\n')), List.of(EURO)),
                Arguments.of("flush keeps the start of a character for the next write", steps(write("a"),
                        bytes(EURO_BYTES[0], EURO_BYTES[1]), new Flush(), bytes(EURO_BYTES[2], (byte) '\n')),
                        List.of("a", EURO)),
                Arguments.of("a four-byte character", steps(write("\ud83d\ude00\n")), List.of("\ud83d\ude00")),
                Arguments.of("an incomplete character at a newline is replaced",
                        steps(bytes(EURO_BYTES[0], (byte) '\n')), List.of("\ufffd")),
                Arguments.of("finish hands over an incomplete character replaced",
                        steps(write("a"), bytes(EURO_BYTES[0]), new Finish()), List.of("a\ufffd")),
                Arguments.of("finish of nothing hands over nothing", steps(new Finish()), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void linesComeOutWhole(String name, List<Step> steps, List<String> expected) {
        LineBuffer buffer = new LineBuffer();
        List<String> lines = new ArrayList<>();

        for (Step step : steps) {
            if (step instanceof Write write) {
                buffer.write(write.bytes(), 0, write.bytes().length, lines::add);
            } else if (step instanceof Flush) {
                buffer.flush(lines::add);
            } else {
                buffer.finish(lines::add);
            }
        }

        assertThat(lines).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "writing {0} bytes at a time")
    @MethodSource("chunkSizes")
    void howTheBytesAreSplitIntoWritesDoesNotChangeTheLines(int chunk) {
        String text = "caf\u00e9 " + EURO + "\n" + "\ud83d\ude00".repeat(3000) + "\nend\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        LineBuffer buffer = new LineBuffer();
        List<String> lines = new ArrayList<>();

        for (int offset = 0; offset < bytes.length; offset += chunk) {
            buffer.write(bytes, offset, Math.min(chunk, bytes.length - offset), lines::add);
        }

        assertThat(lines).hasSize(4).startsWith("caf\u00e9 " + EURO).endsWith("end");
        assertThat(String.join("", lines.subList(1, 3))).isEqualTo("\ud83d\ude00".repeat(3000));
        assertThat(lines.get(1).getBytes(StandardCharsets.UTF_8)).hasSize(8192);
    }

    static Stream<Integer> chunkSizes() {
        return Stream.of(1, 2, 3, 7, 8192, 100_000);
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @MethodSource("slices")
    void writesOnlyTheGivenSlice(int offset, int length, String expected) {
        LineBuffer buffer = new LineBuffer();
        List<String> lines = new ArrayList<>();

        buffer.write("ab\ncd\n".getBytes(StandardCharsets.UTF_8), offset, length, lines::add);
        buffer.finish(lines::add);

        assertThat(String.join("|", lines)).isEqualTo(expected);
    }

    static Stream<Arguments> slices() {
        return Stream.of(Arguments.of(0, 6, "ab|cd"), Arguments.of(1, 3, "b|c"), Arguments.of(3, 2, "cd"),
                Arguments.of(6, 0, ""));
    }

    private static List<Step> steps(Step... steps) {
        return List.of(steps);
    }

    private static Write write(String text) {
        return new Write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Write bytes(byte... bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes);
        return new Write(out.toByteArray());
    }
}
