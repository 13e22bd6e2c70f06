package dev.patchbay.plugins.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    @Test
    void parsesRandomJsonNumbersExactlyLikeTheJdk() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            String text = randomNumber(random);
            Object expected = reference(text);
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

            assertThat(Numbers.parse(bytes, 0, bytes.length)).as(text).isEqualTo(expected);
            assertThat(Numbers.parse(text.toCharArray(), 0, text.length())).as(text).isEqualTo(expected);
            assertThat(Numbers.isNumber(text)).as(text).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", "01", "-01", ".5", "1.", "1.e5", "1e", "1e+", "0x10", "1_000", " 1", "1 ",
        "NaN", "Infinity", "1,5", "--1", "1e5.5"})
    void rejectsTextOutsideTheJsonNumberGrammar(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Numbers.parse(bytes, 0, bytes.length)).isNull();
        assertThat(Numbers.parse(text.toCharArray(), 0, text.length())).isNull();
        assertThat(Numbers.isNumber(text)).isFalse();
    }

    private static Object reference(String text) {
        boolean decimal = text.contains(".") || text.contains("e") || text.contains("E");
        if (!decimal) {
            BigInteger value = new BigInteger(text);
            if (value.bitLength() < 64) {
                return value.longValue();
            }
        }
        double value = Double.parseDouble(text);
        return Double.isInfinite(value) ? null : value;
    }

    private static String randomNumber(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) {
            out.append('-');
        }
        int intDigits = 1 + random.nextInt(random.nextInt(4) == 0 ? 22 : 6);
        out.append(random.nextInt(10) == 0 ? '0' : (char) ('1' + random.nextInt(9)));
        if (out.charAt(out.length() - 1) != '0') {
            for (int d = 1; d < intDigits; d++) {
                out.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextBoolean()) {
            out.append('.');
            int fraction = 1 + random.nextInt(random.nextInt(4) == 0 ? 25 : 5);
            for (int d = 0; d < fraction; d++) {
                out.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(4) == 0) {
            out.append(random.nextBoolean() ? 'e' : 'E');
            int sign = random.nextInt(3);
            if (sign == 1) {
                out.append('+');
            } else if (sign == 2) {
                out.append('-');
            }
            out.append(random.nextInt(random.nextBoolean() ? 30 : 400));
        }
        return out.toString();
    }
}
