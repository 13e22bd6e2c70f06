package dev.patchbay.plugins.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatIOException;

import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.testkit.TestContext;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PrintSinkTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final TestContext context = PrintSinkFactoryTest.context();

    private Sink sink(Map<String, ?> values) {
        PrintSinkFactory factory = new PrintSinkFactory();
        return factory.create(Settings.of(PrintSinkFactory.NAME, values, factory.settings()), context, stdout,
                stderr);
    }

    private static List<Row> records(long from, long to) {
        return LongStream.range(from, to).mapToObj(i -> Row.empty().with("n", i)).toList();
    }

    private String printed() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneJsonObjectPerLineByDefault() throws IOException {
        try (Sink sink = sink(Map.of())) {
            sink.write(List.of(Row.empty().with("a", 1L).with("b", "x"), Row.empty().with("a", 2L)));
            sink.flush();
        }
        assertThat(printed()).isEqualTo("{\"a\":1,\"b\":\"x\"}\n{\"a\":2}\n");
        assertThat(stderr.size()).isZero();
    }

    @Test
    void writesUtf8WhateverThePlatformEncoding() throws IOException {
        try (Sink sink = sink(Map.of())) {
            sink.write(List.of(Row.empty().with("s", "\u00e9\u4e2d")));
        }
        assertThat(stdout.toByteArray()).isEqualTo("{\"s\":\"\u00e9\u4e2d\"}\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void printsATablePerBatchWithItsOwnHeader() throws IOException {
        try (Sink sink = sink(Map.of("format", "table"))) {
            sink.write(records(1, 3));
            sink.write(records(10, 11));
        }
        assertThat(printed()).isEqualTo("""
                n
                -
                1
                2

                 n
                --
                10

                """);
    }

    @Test
    void printsToStandardErrorWhenAsked() throws IOException {
        try (Sink sink = sink(Map.of("stream", "stderr"))) {
            sink.write(records(0, 1));
        }
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("{\"n\":0}\n");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void printsBytesInHexWhenAsked() throws IOException {
        try (Sink sink = sink(Map.of("bytes", "hex"))) {
            sink.write(List.of(Row.empty().with("b", new byte[] {(byte) 0xff, 0})));
        }
        assertThat(printed()).isEqualTo("{\"b\":\"ff00\"}\n");
    }

    @Test
    void flushFlushesTheStream() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        BufferedOutputStream buffered = new BufferedOutputStream(target, 1024);
        PrintSinkFactory factory = new PrintSinkFactory();
        Sink sink = factory.create(Settings.of("print", Map.of(), factory.settings()), context, buffered, buffered);
        sink.write(records(0, 1));
        assertThat(target.size()).isZero();
        sink.flush();
        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("{\"n\":0}\n");
    }

    @Test
    void writesEachBatchWithOneCallSoConcurrentPipelinesDoNotInterleaveLines() throws IOException {
        List<String> calls = new ArrayList<>();
        OutputStream recording = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("single-byte writes would split a batch");
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                calls.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        };
        PrintSinkFactory factory = new PrintSinkFactory();
        Sink sink = factory.create(Settings.of("print", Map.of(), factory.settings()), context, recording, recording);
        sink.write(records(0, 3));
        sink.write(records(3, 4));
        assertThat(calls).containsExactly("{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n", "{\"n\":3}\n");
    }

    @Test
    void stopsPrintingAtTheLimitAndCountsTheRest() throws IOException {
        PrintSink sink = (PrintSink) sink(Map.of("limit", 3));
        sink.write(records(0, 2));
        sink.write(records(2, 5));
        sink.write(records(5, 9));
        sink.close();
        assertThat(printed()).isEqualTo("{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n");
        assertThat(sink.printed()).isEqualTo(3);
        assertThat(sink.suppressed()).isEqualTo(6);
        assertThat(context.logLines()).containsExactly(
                "INFO stage demo/sink: limit of 3 records reached; further records are counted, not printed",
                "INFO stage demo/sink: printed 3 records; 6 more were not printed because of the limit of 3");
    }

    @Test
    void reportsSuppressedRecordsInTheTableFooterAtClose() throws IOException {
        try (Sink sink = sink(Map.of("format", "table", "limit", 1))) {
            sink.write(records(7, 10));
        }
        assertThat(printed()).isEqualTo("""
                n
                -
                7

                (2 more records were not printed: limit of 1 reached)
                """);
    }

    @Test
    void aLimitOfZeroPrintsNothingButCounts() throws IOException {
        PrintSink sink = (PrintSink) sink(Map.of("limit", 0));
        sink.write(records(0, 4));
        sink.close();
        assertThat(printed()).isEmpty();
        assertThat(sink.suppressed()).isEqualTo(4);
    }

    @Test
    void reportsNothingAtCloseWhenNothingWasSuppressed() throws IOException {
        try (Sink sink = sink(Map.of("format", "table", "limit", 2))) {
            sink.write(records(0, 2));
        }
        assertThat(printed()).doesNotContain("not printed");
        assertThat(context.logLines()).isEmpty();
    }

    @Test
    void refusesToWriteAfterClose() throws IOException {
        Sink sink = sink(Map.of());
        sink.close();
        sink.close();
        assertThatIllegalStateException().isThrownBy(() -> sink.write(records(0, 1)))
                .withMessageContaining("demo/sink");
    }

    @Test
    void doesNotCloseTheProcessStream() throws IOException {
        boolean[] closed = {false};
        OutputStream stream = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        PrintSinkFactory factory = new PrintSinkFactory();
        Sink sink = factory.create(Settings.of("print", Map.of(), factory.settings()), context, stream, stream);
        sink.write(records(0, 1));
        sink.close();
        assertThat(closed[0]).isFalse();
        assertThat(stream.toString()).isEqualTo("{\"n\":0}\n");
    }

    @Test
    void failsFlushWhenTheConsoleStreamReportsAnError() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        PrintStream console = new PrintStream(broken, true, StandardCharsets.UTF_8);
        PrintSinkFactory factory = new PrintSinkFactory();
        Sink sink = factory.create(Settings.of("print", Map.of(), factory.settings()), context, console, console);
        sink.write(records(0, 1));
        assertThatIOException().isThrownBy(sink::flush).withMessageContaining("demo/sink")
                .withMessageContaining("writing to the console failed");
    }
}
