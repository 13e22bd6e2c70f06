package dev.patchbay.plugins.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Fields;
import dev.patchbay.api.Row;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TableFormatTest {

    private static final Fields PEOPLE = Fields.of("id", "name", "score");

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("columns are as wide as their widest cell or header",
                        List.of(PEOPLE.record(1L, "Ann", 9.5), PEOPLE.record(22L, "Montgomery", 10.25)),
                        """
                        id | name       | score
                        ---+------------+------
                         1 | Ann        |   9.5
                        22 | Montgomery | 10.25

                        """),
                Arguments.of("numeric columns are right-aligned, nulls included",
                        List.of(Fields.of("n", "s").record(100L, "a"), Fields.of("n", "s").record(null, "bb")),
                        """
                           n | s
                        -----+---
                         100 | a
                        null | bb

                        """),
                Arguments.of("a column with any non-number is left-aligned",
                        List.of(Row.empty().with("v", 5L), Row.empty().with("v", "five")),
                        """
                        v
                        ----
                        5
                        five

                        """),
                Arguments.of("columns are the union of field names in order of first appearance",
                        List.of(Row.empty().with("a", "1"), Row.empty().with("b", "2").with("a", "3")),
                        """
                        a | b
                        --+--
                        1 |
                        3 | 2

                        """),
                Arguments.of("a missing field is empty but null prints as null",
                        List.of(Row.empty().with("a", "x").with("b", null), Row.empty().with("a", "y")),
                        """
                        a | b
                        --+-----
                        x | null
                        y |

                        """),
                Arguments.of("line breaks and control characters are escaped so a record stays on one line",
                        List.of(Row.empty().with("text", "a\nb\u0001")),
                        """
                        text
                        ----------
                        a\\nb\\u0001

                        """),
                Arguments.of("lists and nested records print as JSON, bytes as bare base64",
                        List.of(Row.empty().with("l", List.of(1L, "x")).with("r", Map.of("k", true))
                                .with("b", Bytes.of(new byte[] {1, 2, 3}))),
                        """
                        l       | r          | b
                        --------+------------+-----
                        [1,"x"] | {"k":true} | AQID

                        """),
                Arguments.of("cells wider than the maximum are cut and end in an ellipsis",
                        List.of(Row.empty().with("word", "abcdefghijklmnop")),
                        """
                        word
                        ----------
                        abcdefg...

                        """),
                Arguments.of("headers wider than the maximum are cut too",
                        List.of(Row.empty().with("a_very_long_field_name", 1L)),
                        """
                        a_very_...
                        ----------
                                 1

                        """),
                Arguments.of("widths count code points, not UTF-16 units",
                        List.of(Row.empty().with("e", "\ud83d\ude00\ud83d\ude00").with("z", 1L),
                                Row.empty().with("e", "abc").with("z", 2L)),
                        """
                        e   | z
                        ----+--
                        \ud83d\ude00\ud83d\ude00  | 1
                        abc | 2

                        """),
                Arguments.of("records without fields are counted",
                        List.of(Row.empty(), Row.empty()),
                        """
                        (2 records without fields)

                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void laysOutABatchAsAnAlignedTable(String description, List<Row> batch, String expected) {
        assertThat(new TableFormat(new Json(BytesEncoding.BASE64), 10).render(batch)).isEqualTo(expected);
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("null", null, "null"),
                Arguments.of("string without quotes", "a \"b\"", "a \"b\""),
                Arguments.of("carriage return", "a\rb", "a\\rb"),
                Arguments.of("tab", "a\tb", "a\\tb"),
                Arguments.of("long", -7L, "-7"),
                Arguments.of("double", 0.25, "0.25"),
                Arguments.of("NaN without quotes", Double.NaN, "NaN"),
                Arguments.of("infinity without quotes", Double.NEGATIVE_INFINITY, "-Infinity"),
                Arguments.of("boolean", false, "false"),
                Arguments.of("bytes in hex without quotes", Bytes.of(new byte[] {(byte) 0xab}), "ab"),
                Arguments.of("list as JSON", List.of("a\nb"), "[\"a\\nb\"]"),
                Arguments.of("record as JSON", Row.empty().with("x", 1L), "{\"x\":1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void rendersEachValueTypeAsACell(String description, Object value, String expected) {
        assertThat(new TableFormat(new Json(BytesEncoding.HEX), 40).cell(value)).isEqualTo(expected);
    }

    @Test
    void rejectsAMaximumWidthTooSmallForTheEllipsis() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TableFormat(new Json(BytesEncoding.HEX), 3))
                .withMessageContaining("at least 4, got 3");
    }

    @Test
    void reportsSuppressedRecordsInAFooter() {
        TableFormat format = new TableFormat(new Json(BytesEncoding.HEX), 40);
        assertThat(format.suppressedNotice(1, 5)).isEqualTo("(1 more record was not printed: limit of 5 reached)\n");
        assertThat(format.suppressedNotice(3, 5)).isEqualTo("(3 more records were not printed: limit of 5 reached)\n");
    }
}
