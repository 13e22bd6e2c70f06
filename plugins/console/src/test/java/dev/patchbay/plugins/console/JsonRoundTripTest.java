package dev.patchbay.plugins.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Parses the hand-written JSON with an independent parser, so escaping mistakes cannot hide. */
class JsonRoundTripTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Json json = new Json(BytesEncoding.BASE64);

    static Stream<String> strings() {
        String everyControlCharacter = IntStream.range(0, 0x20).mapToObj(c -> String.valueOf((char) c))
                .reduce("", String::concat);
        return Stream.of("", "plain", "quote \" backslash \\ slash /", everyControlCharacter, "\u007f\u0080\u00ff",
                "\u2028\u2029", "caf\u00e9 \u4e2d\u6587", "\ud83d\ude00 emoji", "a\r\nb");
    }

    @ParameterizedTest
    @MethodSource("strings")
    void everyStringSurvivesARoundTripThroughAJsonParser(String value) throws Exception {
        JsonNode node = mapper.readTree(json.value(value));
        assertThat(node.isTextual()).isTrue();
        assertThat(node.textValue()).isEqualTo(value);
    }

    @Test
    void aRecordWithEveryValueTypeParsesBackToTheSameValues() throws Exception {
        byte[] bytes = {0, 1, (byte) 0xfe, (byte) 0xff};
        Row record = Row.builder()
                .set("s", "x\ny")
                .set("l", Long.MAX_VALUE)
                .set("d", -1.25e-7)
                .set("t", true)
                .set("n", null)
                .set("b", bytes)
                .set("list", Arrays.asList(1L, null, List.of("z")))
                .set("r", Map.of("k", 2.0))
                .build();

        JsonNode node = mapper.readTree(json.object(record));

        assertThat(node.get("s").textValue()).isEqualTo("x\ny");
        assertThat(node.get("l").longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(node.get("d").doubleValue()).isEqualTo(-1.25e-7);
        assertThat(node.get("t").booleanValue()).isTrue();
        assertThat(node.get("n").isNull()).isTrue();
        assertThat(Base64.getDecoder().decode(node.get("b").textValue())).isEqualTo(bytes);
        assertThat(node.get("list").toString()).isEqualTo("[1,null,[\"z\"]]");
        assertThat(node.get("r").get("k").doubleValue()).isEqualTo(2.0);
        assertThat(Bytes.of(bytes).toHex()).isEqualTo(new Json(BytesEncoding.HEX).value(Bytes.of(bytes))
                .replace("\"", ""));
    }
}
