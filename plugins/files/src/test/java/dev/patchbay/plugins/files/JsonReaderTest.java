package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Row;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonReaderTest {

    private static Object value(String json) throws MalformedDataException {
        char[] chars = json.toCharArray();
        return new JsonReader().readValue(chars, 0, chars.length);
    }

    static Stream<Arguments> validCases() {
        return Stream.of(
                Arguments.of("{}", Row.empty()),
                Arguments.of(" {\"a\" : 1 } ", rec("a", 1L)),
                Arguments.of("{\"a\":{\"b\":[1,2.5,\"x\",true,false,null,[],{}]}}",
                        rec("a", rec("b", Arrays.asList(1L, 2.5, "x", true, false, null, List.of(), Row.empty())))),
                Arguments.of("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t"),
                Arguments.of("\"\\u00e9\\u00C9\"", "\u00e9\u00c9"),
                Arguments.of("\"\\ud83d\\ude00\"", "\ud83d\ude00"),
                Arguments.of("\"raw \ud83d\ude00 pair\"", "raw \ud83d\ude00 pair"),
                Arguments.of("0", 0L),
                Arguments.of("-0", 0L),
                Arguments.of("-12", -12L),
                Arguments.of("1.5", 1.5),
                Arguments.of("-0.0", -0.0),
                Arguments.of("1e2", 100.0),
                Arguments.of("-1.25E-2", -0.0125),
                Arguments.of("1E+2", 100.0),
                Arguments.of("0.1", 0.1),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                Arguments.of("9223372036854775808", 9.223372036854775808E18),
                Arguments.of("3.141592653589793238462643383279", Math.PI),
                Arguments.of("123456789012345678.5", 1.2345678901234568E17),
                Arguments.of("1e-400", 0.0),
                Arguments.of("true", true),
                Arguments.of("null", null),
                Arguments.of("[ ]", List.of()),
                Arguments.of("\t[\r\n1 ,2\n]\n", List.of(1L, 2L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void readsValidJson(String json, Object expected) throws MalformedDataException {
        assertThat(value(json)).isEqualTo(expected);
    }

    static Stream<Arguments> invalidCases() {
        return Stream.of(
                Arguments.of("{\"a\":01}", "invalid number 01"),
                Arguments.of("{\"a\":1,}", "expected a string key but found '}'"),
                Arguments.of("{'a':1}", "expected a string key but found '''"),
                Arguments.of("{\"a\":NaN}", "unexpected 'N', expected a value"),
                Arguments.of("{\"a\":.5}", "unexpected '.', expected a value"),
                Arguments.of("{\"a\":1.}", "invalid number 1."),
                Arguments.of("{\"a\":+1}", "unexpected '+', expected a value"),
                Arguments.of("{\"a\":-}", "invalid number -"),
                Arguments.of("{\"a\":1e}", "invalid number 1e"),
                Arguments.of("{\"a\":1e400}", "number 1e400 is outside the range of a double"),
                Arguments.of("{\"a\":\"\\x\"}", "invalid escape \\x"),
                Arguments.of("{\"a\":\"\\u12G4\"}", "invalid hex digit 'G'"),
                Arguments.of("{\"a\":\"\\ud83d\"}", "high surrogate \\uD83D is not followed by a low surrogate"),
                Arguments.of("{\"a\":\"\\ud83d\\u0041\"}", "is followed by \\u0041, not by a low surrogate"),
                Arguments.of("{\"a\":\"\\ude00\"}", "low surrogate \\uDE00 without a preceding high surrogate"),
                Arguments.of("{\"a\":\"\ud83d\"}", "unpaired surrogate character U+D83D"),
                Arguments.of("{\"a\":\"tab\there\"}", "unescaped control character U+0009"),
                Arguments.of("{\"a\":\"open}", "unterminated string starting at column 6"),
                Arguments.of("{\"a\":1}x", "unexpected 'x' after the end of the object"),
                Arguments.of("{\"a\":1}{}", "unexpected '{' after the end of the object"),
                Arguments.of("[1,2]", "expected a JSON object but found an array"),
                Arguments.of("\"text\"", "expected a JSON object but found a string"),
                Arguments.of("{\"a\":1,\"a\":2}", "duplicate key"),
                Arguments.of("{\"n\":{\"a\":1,\"a\":2}}", "duplicate key \"a\""),
                Arguments.of("{\"a\" 1}", "expected ':' but found '1'"),
                Arguments.of("{\"a\":tru}", "invalid literal, expected 'true'"),
                Arguments.of("{\"a\":[1 2]}", "expected ',' or ']' but found '2'"),
                Arguments.of("{\"a\":1", "expected ',' or '}' but found the end of the line"),
                Arguments.of("{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}", "nested deeper than 512 levels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void rejectsInvalidJsonWithAColumnAndReason(String json, String expected) {
        char[] chars = json.toCharArray();
        assertThatThrownBy(() -> new JsonReader().readObject(chars, 0, chars.length))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void errorColumnsCountFromTheStartOfTheLine() {
        char[] chars = "xx{\"a\":01}".toCharArray();
        assertThatThrownBy(() -> new JsonReader().readObject(chars, 2, chars.length))
                .hasMessageStartingWith("invalid JSON at column 6: invalid number 01");
    }

    @Test
    void aRepeatedKeyWithARawControlCharacterIsStillRejected() throws MalformedDataException {
        JsonReader reader = new JsonReader();
        char[] first = "{\"a\\nb\":1}".toCharArray();
        char[] second = "{\"a\nb\":1}".toCharArray();

        assertThat(reader.readObject(first, 0, first.length)).isEqualTo(rec("a\nb", 1L));
        assertThatThrownBy(() -> reader.readObject(second, 0, second.length))
                .hasMessageContaining("unescaped control character U+000A");
    }

    @Test
    void objectsWithTheSameKeysShareFieldNamesAndKeepOrder() throws MalformedDataException {
        JsonReader reader = new JsonReader();
        char[] first = "{\"b\":1,\"a\":2}".toCharArray();
        char[] second = "{\"b\":3,\"a\":4}".toCharArray();
        char[] third = "{\"a\":5}".toCharArray();

        Row one = reader.readObject(first, 0, first.length);
        Row two = reader.readObject(second, 0, second.length);
        Row three = reader.readObject(third, 0, third.length);

        assertThat(one.fieldNames()).containsExactly("b", "a");
        assertThat(two).isEqualTo(rec("b", 3L, "a", 4L));
        assertThat(two.name(0)).isSameAs(one.name(0));
        assertThat(three).isEqualTo(rec("a", 5L));
    }
}
