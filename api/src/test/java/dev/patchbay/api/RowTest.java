package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RowTest {

    static Stream<Arguments> canonicalValues() {
        return Stream.of(
                Arguments.of("string stays", "x", "x"),
                Arguments.of("long stays", 5L, 5L),
                Arguments.of("integer widens to long", 5, 5L),
                Arguments.of("short widens to long", (short) 5, 5L),
                Arguments.of("byte widens to long", (byte) 5, 5L),
                Arguments.of("float widens to double", 1.5f, 1.5d),
                Arguments.of("double stays", 2.5d, 2.5d),
                Arguments.of("boolean stays", true, true),
                Arguments.of("byte array becomes bytes", new byte[] {1, 2}, Bytes.of(new byte[] {1, 2})),
                Arguments.of("list elements are converted", List.of(1, "a"), List.of(1L, "a")),
                Arguments.of("map becomes nested record", Map.of("k", 1), Row.of(Map.of("k", 1L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalValues")
    void convertsValuesToTheDocumentedTypes(String description, Object given, Object expected) {
        Row record = Row.builder().set("f", given).build();

        assertThat(record.get("f")).isEqualTo(expected);
    }

    @Test
    void rejectsUnsupportedValueTypesNamingTheField() {
        assertThatThrownBy(() -> Row.builder().set("price", new BigDecimal("1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price")
                .hasMessageContaining("java.math.BigDecimal");
    }

    @Test
    void distinguishesNullFieldsFromAbsentOnes() {
        Row record = Row.builder().set("a", null).build();

        assertThat(record.has("a")).isTrue();
        assertThat(record.get("a")).isNull();
        assertThat(record.has("b")).isFalse();
        assertThat(record.get("b")).isNull();
    }

    @Test
    void withReplacesInPlaceAndKeepsTheOriginalUnchanged() {
        Row original = Fields.of("a", "b").record(1, 2);

        Row changed = original.with("a", 10);

        assertThat(changed.fieldNames()).containsExactly("a", "b");
        assertThat(changed.get("a")).isEqualTo(10L);
        assertThat(original.get("a")).isEqualTo(1L);
    }

    @Test
    void withAppendsNewFields() {
        Row changed = Fields.of("a").record(1).with("z", "new");

        assertThat(changed.fieldNames()).containsExactly("a", "z");
    }

    @Test
    void withoutRemovesAFieldAndKeepsOrder() {
        Row record = Fields.of("a", "b", "c").record(1, 2, 3);

        assertThat(record.without("b").fieldNames()).containsExactly("a", "c");
        assertThat(record.without("missing")).isSameAs(record);
    }

    @Test
    void renamedKeepsPositionAndReplacesAnExistingTarget() {
        Row record = Fields.of("name", "age", "full_name").record("Ada", 36, "old");

        Row renamed = record.renamed("name", "full_name");

        assertThat(renamed.fieldNames()).containsExactly("full_name", "age");
        assertThat(renamed.get("full_name")).isEqualTo("Ada");
        assertThat(record.renamed("missing", "x")).isSameAs(record);
    }

    @Test
    void equalityIgnoresFieldOrder() {
        Row ab = Fields.of("a", "b").record(1, "x");
        Row ba = Fields.of("b", "a").record("x", 1);

        assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
        assertThat(ab).isNotEqualTo(Fields.of("a", "b").record(1, "y"));
    }

    @Test
    void isImmutableAgainstTheCallersCollections() {
        List<Object> list = new ArrayList<>(List.of(1));
        Map<String, Object> map = new LinkedHashMap<>(Map.of("l", list));
        byte[] bytes = {1};

        Row record = Row.builder().set("m", map).set("b", bytes).build();
        list.add(2);
        map.put("other", 1);
        bytes[0] = 9;

        assertThat(((Row) record.get("m")).get("l")).isEqualTo(List.of(1L));
        assertThat(((Row) record.get("m")).has("other")).isFalse();
        assertThat(((Bytes) record.get("b")).get(0)).isEqualTo((byte) 1);
        assertThatThrownBy(() -> record.fieldNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listValuesMayHoldNulls() {
        Row record = Row.builder().set("l", Arrays.asList("a", null)).build();

        assertThat(record.get("l")).isEqualTo(Arrays.asList("a", null));
    }

    @Test
    void fieldsRejectDuplicateNamesQuotingThem() {
        assertThatThrownBy(() -> Fields.of("id", "name", "id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
    }

    @Test
    void fieldsRejectAWrongNumberOfValues() {
        assertThatThrownBy(() -> Fields.of("a", "b").record(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 values");
    }

    @Test
    void toMapKeepsFieldOrder() {
        Row record = Fields.of("z", "a").record(1, 2);

        assertThat(record.toMap().keySet()).containsExactly("z", "a");
    }

    @Test
    void bytesRenderAsHex() {
        assertThat(Bytes.of(new byte[] {0, 15, (byte) 255}).toHex()).isEqualTo("000fff");
    }
}
