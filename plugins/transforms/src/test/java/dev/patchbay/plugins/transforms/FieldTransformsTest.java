package dev.patchbay.plugins.transforms;

import static dev.patchbay.plugins.transforms.Transforms.create;
import static dev.patchbay.plugins.transforms.Transforms.invalid;
import static dev.patchbay.plugins.transforms.Transforms.one;
import static dev.patchbay.plugins.transforms.Transforms.record;
import static dev.patchbay.plugins.transforms.Transforms.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.SettingsException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** rename, keep, drop and set: the transforms that reshape records without converting values. */
class FieldTransformsTest {

    // Expected records are written in Row.toString form, which keeps field order and quotes strings.
    @ParameterizedTest(name = "rename {0} on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'name': 'full_name'}             | {'id': 1, 'name': 'Ann', 'age': 30}  | {id=1, full_name="Ann", age=30}
            {'name': 'full_name'}             | {'id': 1}                            | {id=1}
            {'name': 'full_name'}             | {'name': 'Ann', 'full_name': 'x'}    | {full_name="Ann"}
            {'name': 'full_name'}             | {'full_name': 'x', 'name': 'Ann'}    | {full_name="Ann"}
            {'a': 'x', 'b': 'y'}              | {'a': 1, 'b': 2, 'c': 3}             | {x=1, y=2, c=3}
            {'a': 'b', 'b': 'a'}              | {'a': 1, 'b': 2, 'c': 3}             | {b=1, a=2, c=3}
            {'a': 'b', 'b': 'c'}              | {'a': 1, 'b': 2, 'c': 3}             | {b=1, c=2}
            {'a': 'b', 'b': 'c'}              | {'a': 1, 'x': 0}                     | {b=1, x=0}
            {'a': 'b', 'b': 'c'}              | {'x': 0}                             | {x=0}
            {'n': 'm'}                        | {'n': null}                          | {m=null}
            """)
    void renamesFieldsInPlace(String fields, String input, String expected) {
        assertThat(one(new RenameFactory(), "{'fields': " + fields + "}", input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "keep {0} on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ['id', 'email']        | {'id': 1, 'name': 'Ann', 'email': 'a@x'} | {id=1, email="a@x"}
            ['email', 'id']        | {'id': 1, 'name': 'Ann', 'email': 'a@x'} | {id=1, email="a@x"}
            ['id', 'missing']      | {'id': 1, 'name': 'Ann'}                 | {id=1}
            ['missing']            | {'id': 1}                                | {}
            ['id', 'name']         | {'id': 1, 'name': null}                  | {id=1, name=null}
            """)
    void keepsOnlyTheListedFieldsInRecordOrder(String fields, String input, String expected) {
        assertThat(one(new KeepFactory(), "{'fields': " + fields + "}", input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "drop {0} on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ['password']           | {'id': 1, 'password': 'p', 'name': 'Ann'} | {id=1, name="Ann"}
            ['password', 'ssn']    | {'ssn': 5, 'id': 1, 'password': 'p'}      | {id=1}
            ['missing']            | {'id': 1}                                 | {id=1}
            ['id']                 | {'id': null}                              | {}
            """)
    void dropsTheListedFields(String fields, String input, String expected) {
        assertThat(one(new DropFactory(), "{'fields': " + fields + "}", input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "set {0} overwrite={1} on {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'source': 'crm'}                    | true  | {'id': 1}                    | {id=1, source="crm"}
            {'source': 'crm'}                    | true  | {'source': 'web', 'id': 1}   | {source="crm", id=1}
            {'source': 'crm'}                    | false | {'source': 'web', 'id': 1}   | {source="web", id=1}
            {'source': 'crm'}                    | false | {'source': null}             | {source=null}
            {'source': 'crm'}                    | false | {'id': 1}                    | {id=1, source="crm"}
            {'n': 2, 'd': 2.5, 'b': false}       | true  | {}                           | {n=2, d=2.5, b=false}
            {'gone': null}                       | true  | {'gone': 'x'}                | {gone=null}
            {'tags': ['a', 'b']}                 | true  | {}                           | {tags=[a, b]}
            {'meta': {'v': 1}}                   | true  | {}                           | {meta={v=1}}
            """)
    void setsConstantValues(String fields, boolean overwrite, String input, String expected) {
        assertThat(one(new SetFactory(), "{'fields': " + fields + ", 'overwrite': " + overwrite + "}", input))
                .isEqualTo(expected);
    }

    @Test
    void overwritesByDefault() {
        assertThat(one(new SetFactory(), "{'fields': {'a': 1}}", "{'a': 0}")).isEqualTo("{a=1}");
    }

    @Test
    void setKeepsTheTypesOfItsConstants() {
        Row out = run(new SetFactory(), "{'fields': {'n': 2, 'd': 2.5, 'b': true, 's': '2', 'l': [1]}}",
                Row.empty()).get(0);

        assertThat(out.get("n")).isEqualTo(2L);
        assertThat(out.get("d")).isEqualTo(2.5);
        assertThat(out.get("b")).isEqualTo(Boolean.TRUE);
        assertThat(out.get("s")).isEqualTo("2");
        assertThat(out.get("l")).isEqualTo(List.of(1L));
    }

    @Test
    void leavesRecordsWithNothingToChangeUntouched() {
        Row record = record("{'id': 1, 'name': 'Ann'}");

        assertThat(run(new RenameFactory(), "{'fields': {'x': 'y'}}", record).get(0)).isSameAs(record);
        assertThat(run(new RenameFactory(), "{'fields': {'x': 'y', 'y': 'x'}}", record).get(0)).isSameAs(record);
        assertThat(run(new KeepFactory(), "{'fields': ['id', 'name']}", record).get(0)).isSameAs(record);
        assertThat(run(new DropFactory(), "{'fields': ['x']}", record).get(0)).isSameAs(record);
    }

    @Test
    void aProcessorHandlesManyRecordsInARow() {
        Processor rename = create(new RenameFactory(), "{'fields': {'name': 'full_name'}}");

        List<Row> out = run(rename, record("{'name': 'a'}"), record("{'id': 2}"), record("{'x': 1, 'name': 'c'}"));

        assertThat(out).extracting(Row::toString)
                .containsExactly("{full_name=\"a\"}", "{id=2}", "{x=1, full_name=\"c\"}");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(new RenameFactory(), "{}", "fields", "is required but missing"),
                Arguments.of(new RenameFactory(), "{'fields': ['a']}", "fields", "expected an object but got list"),
                Arguments.of(new RenameFactory(), "{'fields': {}}", "fields",
                        "is an empty object; give at least one entry, for example {\"name\": \"full_name\"}"),
                Arguments.of(new RenameFactory(), "{'fields': {'a': 1}}", "fields",
                        "maps \"a\" to long 1; the new name must be a non-empty string"),
                Arguments.of(new RenameFactory(), "{'fields': {'a': ''}}", "fields",
                        "maps \"a\" to string \"\"; the new name must be a non-empty string"),
                Arguments.of(new RenameFactory(), "{'fields': {'a': 'a'}}", "fields",
                        "renames \"a\" to itself; remove the entry"),
                Arguments.of(new RenameFactory(), "{'fields': {'a': 'c', 'b': 'c'}}", "fields",
                        "renames both \"a\" and \"b\" to \"c\"; a record cannot hold two fields of one name"),
                Arguments.of(new RenameFactory(), "{'fields': {'': 'c'}}", "fields",
                        "has an entry with an empty field name"),
                Arguments.of(new KeepFactory(), "{'fields': []}", "fields",
                        "is an empty list; list at least one field name, for example [\"id\", \"email\"]"),
                Arguments.of(new KeepFactory(), "{'fields': 'id'}", "fields", "expected an array but got string"),
                Arguments.of(new KeepFactory(), "{'fields': ['id', 7]}", "fields",
                        "element 1 is long 7; field names must be strings"),
                Arguments.of(new KeepFactory(), "{'fields': ['id', 'x', 'id']}", "fields",
                        "names field \"id\" twice (elements 0 and 2); list each field once"),
                Arguments.of(new DropFactory(), "{'fields': ['']}", "fields", "element 0 is an empty string"),
                Arguments.of(new DropFactory(), "{'fields': ['a'], 'field': 'b'}", "field",
                        "is not a setting of this extension"),
                Arguments.of(new SetFactory(), "{'fields': {}}", "fields", "is an empty object"),
                Arguments.of(new SetFactory(), "{'fields': {'a': 1}, 'overwrite': 'no'}", "overwrite",
                        "expected a boolean but got string \"no\""));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("invalidSettings")
    void rejectsBadSettingsNamingTheKey(ProcessorFactory factory, String settings, String key, String message) {
        SettingsException e = invalid(factory, settings);

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).startsWith(Transforms.name(factory) + ": setting '" + key + "': ").contains(message);
    }

    @Test
    void settingsDescribeTheirDefaults() {
        assertThat(new SetFactory().settings()).filteredOn(s -> s.key().equals("overwrite"))
                .singleElement().satisfies(s -> assertThat(s.defaultValue()).contains(true));
        assertThat(Map.of("rename", new RenameFactory().settings(), "keep", new KeepFactory().settings(),
                "drop", new DropFactory().settings())).allSatisfy((name, settings) ->
                assertThat(settings).singleElement().satisfies(s -> assertThat(s.required()).isTrue()));
    }
}
