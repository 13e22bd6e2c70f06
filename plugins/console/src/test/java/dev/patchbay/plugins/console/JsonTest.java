package dev.patchbay.plugins.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    static Stream<Arguments> values() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", 2L);
        nested.put("a", List.of("x", true));
        return Stream.of(
                Arguments.of("null", null, "null"),
                Arguments.of("plain string", "abc", "\"abc\""),
                Arguments.of("empty string", "", "\"\""),
                Arguments.of("quote and backslash", "say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\""),
                Arguments.of("short escapes", "a\nb\rc\td\be\ff", "\"a\\nb\\rc\\td\\be\\ff\""),
                Arguments.of("other control characters", "\u0000\u001f", "\"\\u0000\\u001f\""),
                Arguments.of("DEL stays literal", "\u007f", "\"\u007f\""),
                Arguments.of("line separators for JavaScript", "\u2028\u2029", "\"\\u2028\\u2029\""),
                Arguments.of("non-ASCII stays literal", "caf\u00e9 \u4e2d", "\"caf\u00e9 \u4e2d\""),
                Arguments.of("surrogate pair stays literal", "\ud83d\ude00", "\"\ud83d\ude00\""),
                Arguments.of("lone high surrogate", "a\ud83d", "\"a\\ud83d\""),
                Arguments.of("lone low surrogate", "\ude00b", "\"\\ude00b\""),
                Arguments.of("long", 42L, "42"),
                Arguments.of("negative long", Long.MIN_VALUE, "-9223372036854775808"),
                Arguments.of("double", 1.5, "1.5"),
                Arguments.of("integral double keeps its fraction", 2.0, "2.0"),
                Arguments.of("large double in exponent form", 1e21, "1.0E21"),
                Arguments.of("negative zero", -0.0, "-0.0"),
                Arguments.of("NaN as a string", Double.NaN, "\"NaN\""),
                Arguments.of("infinity as a string", Double.POSITIVE_INFINITY, "\"Infinity\""),
                Arguments.of("negative infinity as a string", Double.NEGATIVE_INFINITY, "\"-Infinity\""),
                Arguments.of("true", true, "true"),
                Arguments.of("false", false, "false"),
                Arguments.of("bytes in base64", Bytes.of(new byte[] {(byte) 0xca, (byte) 0xfe, 1}), "\"yv4B\""),
                Arguments.of("empty bytes", Bytes.of(new byte[0]), "\"\""),
                Arguments.of("empty list", List.of(), "[]"),
                Arguments.of("list with null", Arrays.asList(1L, null, "x"), "[1,null,\"x\"]"),
                Arguments.of("nested list", List.of(List.of(1L), List.of()), "[[1],[]]"),
                Arguments.of("empty record", Row.empty(), "{}"),
                Arguments.of("nested record keeps field order", Row.of(nested), "{\"b\":2,\"a\":[\"x\",true]}"),
                Arguments.of("field names are escaped", Row.of(Map.of("a\"b", 1L)), "{\"a\\\"b\":1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void rendersEveryValueTypeAsJson(String description, Object value, String expected) {
        Object canonical = value instanceof List<?> || value instanceof Map<?, ?>
                ? Row.empty().with("v", value).get("v") : value;
        assertThat(new Json(BytesEncoding.BASE64).value(canonical)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bytes")
    void rendersBytesInTheChosenEncoding(BytesEncoding encoding, String expected) {
        Bytes bytes = Bytes.of(new byte[] {0, (byte) 0xff, 0x10, 'a'});
        assertThat(new Json(encoding).value(bytes)).isEqualTo(expected);
    }

    static Stream<Arguments> bytes() {
        return Stream.of(
                Arguments.of(BytesEncoding.BASE64, "\"AP8QYQ==\""),
                Arguments.of(BytesEncoding.HEX, "\"00ff1061\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void rendersARecordAsOneCompactObject(String description, Row record, String expected) {
        assertThat(new Json(BytesEncoding.HEX).object(record)).isEqualTo(expected);
    }

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("no fields", Row.empty(), "{}"),
                Arguments.of("fields in record order", Row.builder().set("z", 1L).set("a", "x").build(),
                        "{\"z\":1,\"a\":\"x\"}"),
                Arguments.of("null field", Row.empty().with("n", null), "{\"n\":null}"),
                Arguments.of("bytes field in hex", Row.empty().with("b", new byte[] {1, 2}),
                        "{\"b\":\"0102\"}"),
                Arguments.of("multi-line string stays on one line", Row.empty().with("s", "l1\nl2"),
                        "{\"s\":\"l1\\nl2\"}"));
    }
}
