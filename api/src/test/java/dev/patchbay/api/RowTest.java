package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RowTest {

    private static final Row ABC = Fields.of("a", "b", "c").record(1, "two", null);

    @Test
    void theEmptyRowHasNoFieldsAndIsShared() {
        assertThat(Row.empty().size()).isZero();
        assertThat(Row.empty().fieldNames()).isEmpty();
        assertThat(Row.empty()).isSameAs(Row.empty()).isEqualTo(Fields.of().record());
    }

    @Test
    void ofKeepsTheMapsIterationOrderAndConvertsValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", 2.5f);
        map.put("m", null);

        Row row = Row.of(map);

        assertThat(row.fieldNames()).containsExactly("z", "a", "m");
        assertThat(row.value(0)).isEqualTo(1L);
        assertThat(row.value(1)).isEqualTo(2.5d);
        assertThat(row.has("m")).isTrue();
    }

    @Test
    void ofRejectsKeysThatAreNotStringsQuotingThem() {
        Map<Object, Object> map = new HashMap<>();
        map.put(42, "x");

        assertThatThrownBy(() -> Row.of(map))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record field names must be strings, got 42");
    }

    @Test
    void ofRejectsUnsupportedValuesNamingTheField() {
        assertThatThrownBy(() -> Row.of(Map.of("price", new BigDecimal("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("price: unsupported value type");
    }

    @Test
    void readsFieldsByPosition() {
        assertThat(ABC.size()).isEqualTo(3);
        assertThat(ABC.name(1)).isEqualTo("b");
        assertThat(ABC.value(1)).isEqualTo("two");
        assertThat(ABC.value(2)).isNull();
    }

    @ParameterizedTest(name = "index {0}")
    @ValueSource(ints = {-1, 3})
    void rejectsPositionsOutsideTheRow(int index) {
        assertThatThrownBy(() -> ABC.name(index)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ABC.value(index)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rowsDerivedByWithoutRejectPositionsPastTheirEnd() {
        Row row = ABC.without("a");

        assertThatThrownBy(() -> row.value(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> row.name(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void findsFieldsByEqualNamesNotOnlyByIdenticalOnes() {
        String c = new String(new char[] {'c'});

        assertThat(ABC.indexOf(c)).isEqualTo(2);
        assertThat(ABC.indexOf("a")).isZero();
        assertThat(ABC.indexOf("missing")).isEqualTo(-1);
        assertThatThrownBy(() -> ABC.indexOf(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void distinguishesNullFieldsFromAbsentOnes() {
        assertThat(ABC.has("a")).isTrue();
        assertThat(ABC.has("c")).isTrue();
        assertThat(ABC.get("c")).isNull();
        assertThat(ABC.has("d")).isFalse();
        assertThat(ABC.get("d")).isNull();
        assertThat(ABC.get("b")).isEqualTo("two");
    }

    @Test
    void withReplacesAFieldInPlaceAndLeavesTheOriginalUnchanged() {
        Row changed = ABC.with("a", 10);

        assertThat(changed.fieldNames()).containsExactly("a", "b", "c");
        assertThat(changed.get("a")).isEqualTo(10L);
        assertThat(ABC.get("a")).isEqualTo(1L);
    }

    @Test
    void withAppendsAFieldItDoesNotHave() {
        Row changed = ABC.with("d", new byte[] {1});

        assertThat(changed.fieldNames()).containsExactly("a", "b", "c", "d");
        assertThat(changed.get("d")).isEqualTo(Bytes.of(new byte[] {1}));
        assertThat(ABC.size()).isEqualTo(3);
    }

    @Test
    void withRejectsUnsupportedValuesNamingTheField() {
        assertThatThrownBy(() -> ABC.with("price", new BigDecimal("1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("price: ");
    }

    static Stream<Arguments> removals() {
        return Stream.of(
                Arguments.of("a", List.of("b", "c"), List.of("two", "null")),
                Arguments.of("b", List.of("a", "c"), List.of("1", "null")),
                Arguments.of("c", List.of("a", "b"), List.of("1", "two")));
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("removals")
    void withoutRemovesOneFieldAndKeepsTheOthersInOrder(String name, List<String> names, List<String> values) {
        Row row = ABC.without(name);

        assertThat(row.fieldNames()).isEqualTo(names);
        assertThat(List.of(String.valueOf(row.value(0)), String.valueOf(row.value(1)))).isEqualTo(values);
        assertThat(ABC.size()).isEqualTo(3);
    }

    @Test
    void withoutAnAbsentFieldReturnsTheSameRow() {
        assertThat(ABC.without("missing")).isSameAs(ABC);
    }

    @Test
    void renamedKeepsThePositionAndTheValue() {
        Row renamed = ABC.renamed("b", "bee");

        assertThat(renamed.fieldNames()).containsExactly("a", "bee", "c");
        assertThat(renamed.get("bee")).isEqualTo("two");
        assertThat(ABC.fieldNames()).containsExactly("a", "b", "c");
    }

    static Stream<Arguments> renamesOntoExistingFields() {
        return Stream.of(
                Arguments.of("a", "c", List.of("c", "b")),
                Arguments.of("c", "a", List.of("b", "a")));
    }

    @ParameterizedTest(name = "{0} onto {1}")
    @MethodSource("renamesOntoExistingFields")
    void renamedOntoAnExistingFieldReplacesItWithTheRenamedValue(String from, String to, List<String> names) {
        Row renamed = ABC.renamed(from, to);

        assertThat(renamed.fieldNames()).isEqualTo(names);
        assertThat(renamed.get(to)).isEqualTo(ABC.get(from));
    }

    @Test
    void renamedReturnsTheSameRowWhenNothingChanges() {
        assertThat(ABC.renamed("missing", "x")).isSameAs(ABC);
        assertThat(ABC.renamed("a", "a")).isSameAs(ABC);
    }

    @Test
    void renamedRejectsANullTarget() {
        assertThatThrownBy(() -> ABC.renamed("a", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("to");
    }

    @Test
    void toBuilderStartsWithTheFieldsAndDoesNotChangeTheOriginal() {
        Row.Builder builder = ABC.toBuilder();

        Row built = builder.set("d", true).remove("a").build();

        assertThat(built.fieldNames()).containsExactly("b", "c", "d");
        assertThat(ABC.fieldNames()).containsExactly("a", "b", "c");
        assertThat(Row.empty().toBuilder().set("x", 1).build().fieldNames()).containsExactly("x");
    }

    @Test
    void toMapKeepsFieldOrderAndNullsAndIsUnmodifiable() {
        Map<String, Object> map = ABC.toMap();

        assertThat(map.keySet()).containsExactly("a", "b", "c");
        assertThat(map).containsEntry("a", 1L).containsEntry("c", null);
        assertThatThrownBy(() -> map.put("d", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fieldNamesAreUnmodifiable() {
        assertThatThrownBy(() -> ABC.fieldNames().set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void isImmutableAgainstTheCallersCollections() {
        List<Object> list = new ArrayList<>(List.of(1));
        Map<String, Object> map = new LinkedHashMap<>(Map.of("l", list));
        byte[] bytes = {1};

        Row row = Row.builder().set("m", map).set("b", bytes).build();
        list.add(2);
        map.put("other", 1);
        bytes[0] = 9;

        assertThat(((Row) row.get("m")).get("l")).isEqualTo(List.of(1L));
        assertThat(((Row) row.get("m")).has("other")).isFalse();
        assertThat(((Bytes) row.get("b")).get(0)).isEqualTo((byte) 1);
    }

    @Test
    void equalityIgnoresFieldOrder() {
        Row ba = Fields.of("c", "b", "a").record(null, "two", 1);

        assertThat(ABC.equals(ba)).isTrue();
        assertThat(ba.equals(ABC)).isTrue();
        assertThat(ABC.hashCode()).isEqualTo(ba.hashCode());
    }

    @Test
    void aRowEqualsItself() {
        assertThat(ABC.equals(ABC)).isTrue();
    }

    static Stream<Arguments> differentRows() {
        return Stream.of(
                Arguments.of("a different value", ABC.with("b", "three")),
                Arguments.of("null instead of a value", ABC.with("a", null)),
                Arguments.of("a field fewer", ABC.without("c")),
                Arguments.of("a field more", ABC.with("d", 4)),
                Arguments.of("another name", ABC.renamed("c", "d")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentRows")
    void rowsDifferWhenNamesOrValuesDiffer(String description, Row other) {
        assertThat(ABC.equals(other)).isFalse();
        assertThat(other.equals(ABC)).isFalse();
    }

    @Test
    void aRowIsNotEqualToOtherTypes() {
        assertThat(ABC.equals(ABC.toMap())).isFalse();
        assertThat(ABC.equals(null)).isFalse();
    }

    @Test
    void theHashCodeIsThatOfTheMapView() {
        Row nested = Fields.of("x", "row", "list").record("y", ABC, List.of(1, 2));

        assertThat(ABC.hashCode()).isEqualTo(ABC.toMap().hashCode());
        assertThat(nested.hashCode()).isEqualTo(nested.toMap().hashCode()).isNotZero();
    }

    @Test
    void toStringQuotesStringsAndShowsNestedValues() {
        Row row = Fields.of("s", "n", "nil", "list", "row")
                .record("x", 1, null, List.of("a"), Fields.of("k").record(true));

        assertThat(row).hasToString("{s=\"x\", n=1, nil=null, list=[a], row={k=true}}");
        assertThat(Row.empty()).hasToString("{}");
        assertThat(Fields.of("only").record(2.5)).hasToString("{only=2.5}");
    }
}
