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

class ValuesTest {

    static Stream<Arguments> widenedValues() {
        return Stream.of(
                Arguments.of("integer widens to long", 5, 5L),
                Arguments.of("short widens to long", (short) -5, -5L),
                Arguments.of("byte widens to long", (byte) 5, 5L),
                Arguments.of("float widens to double", 1.5f, 1.5d),
                Arguments.of("byte array becomes bytes", new byte[] {1, 2}, Bytes.of(new byte[] {1, 2})),
                Arguments.of("list elements are converted", List.of(1, "a", List.of((short) 2)),
                        List.of(1L, "a", List.of(2L))),
                Arguments.of("map becomes a nested row", Map.of("k", 1), Fields.of("k").record(1L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("widenedValues")
    void convertsJavaValuesToTheRowValueTypes(String description, Object given, Object expected) {
        Object canonical = Values.canonical("f", given);

        assertThat(canonical).isEqualTo(expected)
                .isInstanceOf(expected instanceof List ? List.class : expected.getClass());
    }

    static Stream<Arguments> canonicalValues() {
        return Stream.of(
                Arguments.of("string", "x"),
                Arguments.of("long", 5L),
                Arguments.of("double", 2.5d),
                Arguments.of("boolean", Boolean.FALSE),
                Arguments.of("row", Fields.of("a").record(1)),
                Arguments.of("bytes", Bytes.of(new byte[] {7})));
    }

    @ParameterizedTest(name = "a {0} is kept as the same instance")
    @MethodSource("canonicalValues")
    void keepsValuesThatAreAlreadyCanonical(String description, Object value) {
        assertThat(Values.canonical("f", value)).isSameAs(value);
    }

    @Test
    void keepsNull() {
        assertThat(Values.canonical("f", null)).isNull();
    }

    @Test
    void copiesListsIntoUnmodifiableListsThatMayHoldNulls() {
        List<Object> given = new ArrayList<>(Arrays.asList("a", null));

        @SuppressWarnings("unchecked") // canonical lists are List<Object>
        List<Object> canonical = (List<Object>) Values.canonical("f", given);
        given.set(0, "changed");

        assertThat(canonical).containsExactly("a", null);
        assertThatThrownBy(() -> canonical.add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copiesMapsSoThatLaterChangesDoNotShowThrough() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("a", 1);

        Row canonical = (Row) Values.canonical("f", given);
        given.put("b", 2);

        assertThat(canonical.fieldNames()).containsExactly("a");
    }

    @Test
    void rejectsUnsupportedTypesNamingTheFieldTheTypeAndTheValue() {
        assertThatThrownBy(() -> Values.canonical("price", new BigDecimal("1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price: unsupported value type java.math.BigDecimal (value 1.5); "
                        + "use String, Long, Double, Boolean, null, Bytes, List or Row");
    }

    @Test
    void namesTheListIndexOfAnUnsupportedElement() {
        assertThatThrownBy(() -> Values.canonical("prices", List.of("ok", List.of(new BigDecimal("2")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prices[1][0]: unsupported value type java.math.BigDecimal");
    }

    static Stream<Arguments> typeNames() {
        return Stream.of(
                Arguments.of(null, "null"),
                Arguments.of("x", "string"),
                Arguments.of(1L, "long"),
                Arguments.of(1.0d, "double"),
                Arguments.of(true, "boolean"),
                Arguments.of(Bytes.of(new byte[0]), "bytes"),
                Arguments.of(List.of(), "list"),
                Arguments.of(Row.empty(), "object"),
                Arguments.of(new StringBuilder("not canonical"), "StringBuilder"));
    }

    @ParameterizedTest(name = "{0} is called {1}")
    @MethodSource("typeNames")
    void namesValueTypesAsOperatorsSeeThem(Object value, String name) {
        assertThat(Values.typeName(value)).isEqualTo(name);
    }
}
