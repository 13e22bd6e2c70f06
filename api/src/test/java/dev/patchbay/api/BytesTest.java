package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BytesTest {

    @Test
    void copiesTheArrayItIsMadeFrom() {
        byte[] array = {1, 2, 3};
        Bytes bytes = Bytes.of(array);

        array[0] = 9;

        assertThat(bytes.size()).isEqualTo(3);
        assertThat(bytes.get(0)).isEqualTo((byte) 1);
        assertThat(bytes.get(2)).isEqualTo((byte) 3);
    }

    @Test
    void toArrayReturnsAFreshCopyEachTime() {
        Bytes bytes = Bytes.of(new byte[] {1, 2});

        byte[] copy = bytes.toArray();
        copy[0] = 9;

        assertThat(bytes.toArray()).containsExactly(1, 2).isNotSameAs(bytes.toArray());
    }

    @ParameterizedTest(name = "index {0}")
    @ValueSource(ints = {-1, 2})
    void rejectsIndexesOutsideTheBytes(int index) {
        assertThatThrownBy(() -> Bytes.of(new byte[] {1, 2}).get(index)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsANullArray() {
        assertThatThrownBy(() -> Bytes.of(null)).isInstanceOf(NullPointerException.class).hasMessage("bytes");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"0, 00", "15, 0f", "16, 10", "127, 7f", "-128, 80", "-1, ff"})
    void rendersEachByteAsTwoLowerCaseHexDigits(byte value, String hex) {
        assertThat(Bytes.of(new byte[] {value}).toHex()).isEqualTo(hex);
    }

    @Test
    void rendersSeveralBytesInOrderAndNoneAsEmpty() {
        assertThat(Bytes.of(new byte[] {0, 15, (byte) 255}).toHex()).isEqualTo("000fff");
        assertThat(Bytes.of(new byte[0]).toHex()).isEmpty();
    }

    @Test
    void bytesAreEqualWhenTheirContentIs() {
        Bytes bytes = Bytes.of(new byte[] {1, 2});

        assertThat(bytes.equals(Bytes.of(new byte[] {1, 2}))).isTrue();
        assertThat(bytes.hashCode()).isEqualTo(Bytes.of(new byte[] {1, 2}).hashCode()).isNotZero();
        assertThat(bytes.equals(Bytes.of(new byte[] {2, 1}))).isFalse();
        assertThat(bytes.equals(new byte[] {1, 2})).isFalse();
    }

    @Test
    void toStringShowsTheSizeNotTheContent() {
        assertThat(Bytes.of(new byte[] {1, 2, 3})).hasToString("Bytes[3]");
    }
}
