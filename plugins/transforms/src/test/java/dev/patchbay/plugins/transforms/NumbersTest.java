package dev.patchbay.plugins.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            0                    | LONG
            18                   | LONG
            -18                  | LONG
            +18                  | LONG
            007                  | LONG
            999999999999999999   | LONG
            9999999999999999999  | DOUBLE
            1.5                  | DOUBLE
            -.5                  | DOUBLE
            5.                   | DOUBLE
            1e3                  | DOUBLE
            1E-3                 | DOUBLE
            2.5e+10              | DOUBLE
            ""                   | NONE
            -                    | NONE
            .                    | NONE
            e3                   | NONE
            1e                   | NONE
            1e+                  | NONE
            " 1"                 | NONE
            "1 "                 | NONE
            1_000                | NONE
            0x10                 | NONE
            NaN                  | NONE
            Infinity             | NONE
            1.2.3                | NONE
            --1                  | NONE
            １２                 | NONE
            """)
    void classifiesDecimalText(String text, String kind) {
        int expected = switch (kind) {
            case "LONG" -> Numbers.LONG;
            case "DOUBLE" -> Numbers.DOUBLE;
            default -> Numbers.NOT_A_NUMBER;
        };

        assertThat(Numbers.classify(text)).isEqualTo(expected);
        if (expected == Numbers.LONG) {
            assertThat(Numbers.parseLong(text)).isEqualTo(Long.parseLong(text));
        }
        if (expected == Numbers.DOUBLE) {
            assertThat(Double.parseDouble(text)).isFinite();
        }
    }
}
