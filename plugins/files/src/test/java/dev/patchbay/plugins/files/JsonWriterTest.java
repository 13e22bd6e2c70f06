package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonWriterTest {

    private static String json(Row record) {
        TextBuffer out = new TextBuffer(StandardCharsets.UTF_8, 16);
        JsonWriter.writeRecord(out, record);
        return out.toString();
    }

    private static String number(double value) {
        TextBuffer out = new TextBuffer(StandardCharsets.UTF_8, 16);
        Numbers.appendDouble(out, value);
        return out.toString();
    }

    @Test
    void writesEveryValueTypeCompactly() {
        Row record = rec("s", "x", "l", -3L, "d", 2.5, "t", true, "n", null,
                "list", Arrays.asList(1L, null, "y"), "obj", rec("k", List.of()), "b", Bytes.of(new byte[] {1, 2, 3}));

        assertThat(json(record)).isEqualTo("{\"s\":\"x\",\"l\":-3,\"d\":2.5,\"t\":true,\"n\":null,"
                + "\"list\":[1,null,\"y\"],\"obj\":{\"k\":[]},\"b\":\"AQID\"}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(json(rec("a\"b", "q\"\\/\n\r\t\b\f\u0001\u001f\u00e9\ud83d\ude00")))
                .isEqualTo("{\"a\\\"b\":\"q\\\"\\\\/\\n\\r\\t\\b\\f\\u0001\\u001f\u00e9\ud83d\ude00\"}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "73.5, 73.5",
        "73.0, 73.0",
        "0.1, 0.1",
        "0.001, 0.001",
        "0.0105, 0.0105",
        "1.000001, 1.000001",
        "100.5, 100.5",
        "999999999999999.9, 9.999999999999999E14",
        "-2.25, -2.25",
        "123456789.125, 123456789.125",
        "0.3000000000000001, 0.3000000000000001",
        "1.0E21, 1.0E21",
        "1.0E-7, 1.0E-7",
        "0.0, 0.0",
        "-0.0, -0.0"
    })
    void writesDoublesShortAndExact(double value, String expected) {
        assertThat(number(value)).isEqualTo(expected);
    }

    @Test
    void everyWrittenDoubleReadsBackAsTheSameValue() throws MalformedDataException {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble() * 1000;
                case 1 -> Math.round(random.nextDouble() * 100_000) / 100.0;
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> (random.nextInt(2_000_000) - 1_000_000) / 1000.0;
            };
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String out = number(value);
            char[] chars = out.toCharArray();
            Object back = new JsonReader().readValue(chars, 0, chars.length);
            assertThat(back).as("%s written as %s", value, out).isEqualTo(value);
        }
    }

    @Test
    void rejectsNanWithTheFieldName() {
        assertThatThrownBy(() -> json(rec("score", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'score' holds NaN");
    }

    @Test
    void writtenRecordsReadBackEqual() throws MalformedDataException {
        Row record = rec("s", "tab\there \"quoted\" \u0000", "big", Long.MIN_VALUE, "d", 1e-300,
                "nested", rec("x", Arrays.asList(rec("y", null), 0.5)));
        char[] chars = json(record).toCharArray();

        assertThat(new JsonReader().readObject(chars, 0, chars.length)).isEqualTo(record);
    }
}
