package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FieldsTest {

    @Test
    void holdsTheNamesInOrder() {
        Fields fields = Fields.of("id", "name");

        assertThat(fields.size()).isEqualTo(2);
        assertThat(fields.name(0)).isEqualTo("id");
        assertThat(fields.name(1)).isEqualTo("name");
    }

    @ParameterizedTest(name = "index {0}")
    @ValueSource(ints = {-1, 2})
    void rejectsIndexesOutsideTheNames(int index) {
        assertThatThrownBy(() -> Fields.of("id", "name").name(index)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aListGivesTheSameFieldsAsAnArray() {
        Fields fromList = Fields.of(List.of("id", "name"));

        assertThat(fromList).isEqualTo(Fields.of("id", "name"));
        assertThat(fromList.size()).isEqualTo(2);
        assertThat(fromList.name(1)).isEqualTo("name");
    }

    @Test
    void copiesTheCallersArray() {
        String[] names = {"id", "name"};
        Fields fields = Fields.of(names);

        names[0] = "changed";

        assertThat(fields.name(0)).isEqualTo("id");
    }

    @Test
    void rejectsDuplicateNamesQuotingThem() {
        assertThatThrownBy(() -> Fields.of("id", "name", "id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field name 'id' appears twice in [id, name, id]; field names must be distinct");
    }

    @Test
    void rejectsNullNamesGivingTheIndex() {
        assertThatThrownBy(() -> Fields.of("id", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("names[1]");
        assertThatThrownBy(() -> Fields.of((String[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("names");
    }

    @Test
    void recordMakesARowWithTheValuesInOrder() {
        Row row = Fields.of("id", "name", "tags").record(7, "Ada", List.of("x"));

        assertThat(row.fieldNames()).containsExactly("id", "name", "tags");
        assertThat(row.get("id")).isEqualTo(7L);
        assertThat(row).isEqualTo(Row.builder().set("id", 7L).set("name", "Ada").set("tags", List.of("x")).build());
    }

    @Test
    void recordCopiesTheCallersValues() {
        Object[] values = {1, 2};
        Row row = Fields.of("a", "b").record(values);

        values[0] = 9;

        assertThat(row.get("a")).isEqualTo(1L);
    }

    @Test
    void recordRejectsAWrongNumberOfValues() {
        assertThatThrownBy(() -> Fields.of("a", "b").record(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 2 values for fields [a, b] but got 1");
    }

    @Test
    void recordRejectsUnsupportedValuesNamingTheField() {
        assertThatThrownBy(() -> Fields.of("a", "price").record(1, new BigDecimal("2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("price: unsupported value type");
    }

    @Test
    void fieldsAreEqualWhenTheirNamesAreEqualInOrder() {
        Fields ab = Fields.of("a", "b");

        assertThat(ab.equals(Fields.of("a", "b"))).isTrue();
        assertThat(ab.hashCode()).isEqualTo(Fields.of("a", "b").hashCode()).isNotZero();
        assertThat(ab.equals(Fields.of("b", "a"))).isFalse();
        assertThat(ab.equals(Fields.of("a"))).isFalse();
        assertThat(ab.equals(List.of("a", "b"))).isFalse();
    }

    @Test
    void toStringListsTheNames() {
        assertThat(Fields.of("a", "b")).hasToString("[a, b]");
    }
}
