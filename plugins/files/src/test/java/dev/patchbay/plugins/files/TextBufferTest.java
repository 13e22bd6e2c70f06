package dev.patchbay.plugins.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextBufferTest {

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "ISO-8859-1", "windows-1252"})
    void encodesLikeTheJdkForEveryCharacterTheCharsetCanRepresent(String name) {
        Charset charset = Charset.forName(name);
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            while (text.length() < length) {
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> 0x80 + random.nextInt(0x80);
                    case 2 -> 0x100 + random.nextInt(0xD000);
                    default -> 0x10000 + random.nextInt(0x10000);
                };
                String piece = new String(Character.toChars(codePoint));
                if (charset.newEncoder().canEncode(piece)) {
                    text.append(piece);
                }
            }
            String s = text.toString();
            TextBuffer buffer = new TextBuffer(charset, 4);
            buffer.append(s).append('|').append(-1234567890123L).append(true);

            byte[] expected = (s + "|-1234567890123true").getBytes(charset);
            assertThat(Arrays.copyOf(buffer.bytes, buffer.length())).as(s).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\ud800b", "\udc00", "end\ud83d"})
    void rejectsUnpairedSurrogates(String text) {
        assertThatThrownBy(() -> new TextBuffer(Charset.forName("UTF-8"), 8).append(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 7L, -7L, Long.MAX_VALUE, Long.MIN_VALUE})
    void writesLongsAsDecimal(long value) {
        assertThat(new TextBuffer(Charset.forName("UTF-8"), 1).append(value)).hasToString(Long.toString(value));
    }
}
