package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SettingTypeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"STRING, string", "LONG, integer", "DOUBLE, number", "BOOLEAN, boolean", "LIST, array",
            "OBJECT, object"})
    void namesItsJsonType(SettingType type, String jsonName) {
        assertThat(type.jsonName()).isEqualTo(jsonName);
    }

    private static final List<Object> ONE_OF_EACH = List.of("s", 1L, 1.5d, true, List.of(), Row.empty(),
            Bytes.of(new byte[0]));

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(SettingType.STRING, "s", "s"),
                Arguments.of(SettingType.LONG, 1L, 1L),
                Arguments.of(SettingType.DOUBLE, 1.5d, 1.5d),
                Arguments.of(SettingType.DOUBLE, 1L, 1.0d),
                Arguments.of(SettingType.BOOLEAN, true, true),
                Arguments.of(SettingType.LIST, List.of(), List.of()),
                Arguments.of(SettingType.OBJECT, Row.empty(), Row.empty()));
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @MethodSource("accepted")
    void acceptsValuesOfItsJsonTypeAndWidensIntegersToNumbers(SettingType type, Object value, Object expected) {
        assertThat(type.coerce(value)).isEqualTo(expected).hasSameClassAs(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SettingType.class)
    void rejectsValuesOfOtherJsonTypesAndNull(SettingType type) {
        long acceptedCount = ONE_OF_EACH.stream().filter(value -> type.coerce(value) != null).count();

        assertThat(acceptedCount).isEqualTo(type == SettingType.DOUBLE ? 2 : 1);
        assertThat(type.coerce(null)).isNull();
    }
}
