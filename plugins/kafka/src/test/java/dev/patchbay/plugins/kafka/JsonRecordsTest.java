package dev.patchbay.plugins.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import dev.patchbay.plugins.files.JsonLinesSinkFactory;
import dev.patchbay.testkit.SinkTester;
import dev.patchbay.testkit.TestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A record sent by kafka/sink is the same JSON text as the line files/jsonl-sink writes for it. */
class JsonRecordsTest {

    @TempDir
    Path dir;

    static Stream<Row> records() {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.builder().set("name", "Ada").set("age", 36L).set("admin", true).set("note", null).build());
        rows.add(Row.of(Map.of("text", "quote \" backslash \\ slash / tab \t newline \n cr \r bs \b ff \f")));
        rows.add(Row.of(Map.of("controls", "\u0000\u0001\u001a\u001f\u007f")));
        rows.add(Row.of(Map.of("unicode", "caf\u00e9 \u4e2d\u6587 \ud83d\ude00 \u2028 \u00a0")));
        rows.add(Row.of(Map.of("nested", Map.of("list", List.of(1L, "two", List.of(), Map.of())))));
        rows.add(Row.of(Map.of("bytes", Bytes.of(new byte[] {0, 1, (byte) 0xff, 64}), "empty", Bytes.of(new byte[0]))));
        rows.add(Row.empty());
        for (double d : new double[] {0.0, -0.0, 1.0, -1.5, 0.1, 0.2 + 0.1, 1.0 / 3, 0.001, 0.00099, 1e-7, 5e-324,
            123456789.123, 1e7, 9.999999999999998e14, 1e15, 1e16, 1e21, 2.5e-3, Double.MAX_VALUE, Double.MIN_NORMAL,
            4.35, 100.0, 12345678.9, -0.000123, 9007199254740993.0, 3.141592653589793}) {
            rows.add(Row.of(Map.of("d", d)));
        }
        rows.add(Row.of(Map.of("long", Long.MIN_VALUE, "max", Long.MAX_VALUE)));
        return rows.stream();
    }

    @ParameterizedTest
    @MethodSource("records")
    void aRecordIsTheJsonLineTheFilesPluginWrites(Row record) throws Exception {
        assertThat(new String(new JsonRecords().record(record), StandardCharsets.UTF_8)).isEqualTo(jsonl(record));
    }

    @Test
    void aValueIsWrittenAsJsonTextForKeys() {
        JsonRecords json = new JsonRecords();
        assertThat(new String(json.value("k", 42L), StandardCharsets.UTF_8)).isEqualTo("42");
        assertThat(new String(json.value("k", Row.of(Map.of("a", 1.5))), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1.5}");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nanAndInfinitiesAreRefusedNamingTheField(double value) {
        assertThatThrownBy(() -> new JsonRecords().record(Row.of(Map.of("outer", Map.of("ratio", value)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'outer.ratio' holds " + value)
                .hasMessageContaining("replace it with null or a finite number");
    }

    private String jsonl(Row record) throws Exception {
        Path file = dir.resolve("out-" + System.nanoTime() + ".jsonl");
        try (SinkTester sink = SinkTester.create(new JsonLinesSinkFactory(), Map.of("path", file.toString()),
                TestContext.builder().pluginId("files").extensionName("jsonl-sink").baseDirectory(dir).build())) {
            sink.write(record);
            sink.flush();
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        return new String(Arrays.copyOf(bytes, bytes.length - 1), StandardCharsets.UTF_8);
    }
}
