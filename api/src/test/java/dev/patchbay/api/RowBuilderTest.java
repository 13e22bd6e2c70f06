package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RowBuilderTest {

    @Test
    void aNewBuilderBuildsTheEmptyRow() {
        assertThat(Row.builder().build()).isEqualTo(Row.empty());
        assertThat(Row.builder().build().size()).isZero();
    }

    @Test
    void setAppendsFieldsInOrderAndConvertsValues() {
        Row row = Row.builder().set("z", 1).set("a", null).set("m", 1.5f).build();

        assertThat(row.fieldNames()).containsExactly("z", "a", "m");
        assertThat(row.get("z")).isEqualTo(1L);
        assertThat(row.has("a")).isTrue();
        assertThat(row.get("m")).isEqualTo(1.5d);
    }

    @Test
    void setReplacesAFieldInPlaceEvenTheFirstOne() {
        Row row = Row.builder().set("a", 1).set("b", 2).set("a", 3).build();

        assertThat(row.fieldNames()).containsExactly("a", "b");
        assertThat(row.get("a")).isEqualTo(3L);
    }

    @Test
    void setRejectsANullNameAndUnsupportedValues() {
        Row.Builder builder = Row.builder();

        assertThatThrownBy(() -> builder.set(null, 1)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> builder.set("price", new BigDecimal("1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("price: unsupported value type java.math.BigDecimal");
        assertThat(builder.build().size()).isZero();
    }

    @Test
    void removeDropsAFieldEvenTheFirstOneAndIgnoresAbsentOnes() {
        Row.Builder builder = Row.builder().set("a", 1).set("b", 2).set("c", 3);

        Row row = builder.remove("a").remove("missing").build();

        assertThat(row.fieldNames()).containsExactly("b", "c");
        assertThat(row.get("b")).isEqualTo(2L);
    }

    @Test
    void removeRejectsANullName() {
        assertThatThrownBy(() -> Row.builder().remove(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }

    @Test
    void setAndRemoveReturnTheSameBuilderForChaining() {
        Row.Builder builder = Row.builder();

        assertThat(builder.set("a", 1)).isSameAs(builder);
        assertThat(builder.remove("a")).isSameAs(builder);
    }

    @Test
    void canBeUsedAgainWithoutChangingRowsBuiltBefore() {
        Row.Builder builder = Row.builder().set("a", 1);
        Row first = builder.build();

        Row second = builder.set("a", 2).set("b", 3).build();

        assertThat(first.fieldNames()).containsExactly("a");
        assertThat(first.get("a")).isEqualTo(1L);
        assertThat(second.fieldNames()).containsExactly("a", "b");
        assertThat(second.get("a")).isEqualTo(2L);
    }
}
