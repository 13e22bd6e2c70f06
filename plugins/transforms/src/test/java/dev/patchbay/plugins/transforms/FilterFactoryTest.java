package dev.patchbay.plugins.transforms;

import static dev.patchbay.plugins.transforms.Transforms.create;
import static dev.patchbay.plugins.transforms.Transforms.invalid;
import static dev.patchbay.plugins.transforms.Transforms.record;
import static dev.patchbay.plugins.transforms.Transforms.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import dev.patchbay.api.SettingsException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterFactoryTest {

    private final FilterFactory factory = new FilterFactory();

    @ParameterizedTest(name = "{1} {0} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ==      | 18                | 18                    | true
            ==      | 18                | 18.0                  | true
            ==      | 18                | '18'                  | true
            ==      | 18                | '18.0'                | true
            ==      | 18                | 19                    | false
            ==      | 18                | 'eighteen'            | false
            ==      | 18.5              | 18.5                  | true
            ==      | 18.5              | '18.5'                | true
            ==      | 'Paris'           | 'Paris'               | true
            ==      | 'Paris'           | 'paris'               | false
            ==      | '18'              | 18                    | true
            ==      | '18'              | '18.0'                | false
            ==      | '007'             | '7'                   | false
            ==      | true              | true                  | true
            ==      | true              | 'true'                | true
            ==      | true              | false                 | false
            ==      | 'true'            | true                  | true
            ==      | null              | null                  | true
            ==      | null              | 'x'                   | false
            ==      | 'x'               | null                  | false
            ==      | 'x'               | ABSENT                | false
            ==      | 'a'               | ['a']                 | false
            !=      | 'Paris'           | 'Lyon'                | true
            !=      | 'Paris'           | 'Paris'               | false
            !=      | 'Paris'           | null                  | true
            !=      | 'Paris'           | ABSENT                | false
            !=      | null              | 'x'                   | true
            !=      | null              | null                  | false
            !=      | 18                | '18'                  | false
            =~      | '@example[.]com$' | 'a@example.com'       | true
            =~      | '@example[.]com$' | 'a@example.org'       | false
            =~      | 'ab'              | 'xab'                 | true
            =~      | '^ab'             | 'xab'                 | false
            =~      | '^4'              | 42                    | true
            =~      | 'ru'              | true                  | true
            =~      | 'x'               | null                  | false
            =~      | 'x'               | ABSENT                | false
            =~      | 'a'               | ['a']                 | false
            exists  | -                 | 'x'                   | true
            exists  | -                 | null                  | true
            exists  | -                 | ABSENT                | false
            !exists | -                 | null                  | false
            !exists | -                 | ABSENT                | true
            >=      | 18                | 18                    | true
            >=      | 18                | 17                    | false
            >=      | 18                | '18'                  | true
            >=      | 18                | '17.9'                | false
            >=      | 18                | 18.0                  | true
            >=      | 18                | 'abc'                 | false
            >=      | 18                | ''                    | false
            >=      | 18                | null                  | false
            >=      | 18                | ABSENT                | false
            >=      | 18                | true                  | false
            >=      | 18                | {'n': 20}             | false
            >       | 18                | 18                    | false
            >       | 18                | 18.5                  | true
            >       | 17.5              | 18                    | true
            >       | 17.5              | '18'                  | true
            <       | 10                | '9'                   | true
            <       | 10                | '10'                  | false
            <       | 0                 | '-1'                  | true
            <       | 0                 | '-1e3'                | true
            <       | 0                 | '+1'                  | false
            <       | 1                 | ' 0'                  | false
            <       | 1                 | '0x0'                 | false
            <       | 1                 | '.5'                  | true
            <=      | 10                | 10                    | true
            <=      | 10                | 10.000001             | false
            >       | 9007199254740992  | 9007199254740993      | true
            >       | 9007199254740992  | '9007199254740993'    | true
            """)
    void comparesTheFieldWithTheValue(String op, String value, String field, boolean expected) {
        String where = "{'field': 'x', 'op': '" + op + "'" + (value.equals("-") ? "" : ", 'value': " + value) + "}";
        Row record = field.equals("ABSENT") ? record("{'y': 1}") : record("{'x': " + field + "}");

        List<Row> out = run(factory, "{'where': " + where + "}", record);

        assertThat(out).hasSize(expected ? 1 : 0);
        if (expected) {
            assertThat(out.get(0)).isSameAs(record);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'all': [{'field': 'age', 'op': '>=', 'value': 18}, {'field': 'city', 'op': '==', 'value': 'Paris'}]} | true
            {'all': [{'field': 'age', 'op': '>=', 'value': 18}, {'field': 'city', 'op': '==', 'value': 'Lyon'}]}  | false
            {'any': [{'field': 'age', 'op': '<', 'value': 18}, {'field': 'city', 'op': '==', 'value': 'Lyon'}]}   | false
            {'any': [{'field': 'age', 'op': '<', 'value': 18}, {'field': 'city', 'op': '==', 'value': 'Paris'}]}  | true
            {'not': {'field': 'city', 'op': '==', 'value': 'Paris'}}                                               | false
            {'not': {'field': 'zip', 'op': '==', 'value': '75001'}}                                                | true
            {'not': {'not': {'field': 'city', 'op': 'exists'}}}                                                    | true
            {'all': [{'any': [{'field': 'age', 'op': '>', 'value': 65}, {'field': 'city', 'op': '=~', 'value': '^P'}]}, {'not': {'field': 'vip', 'op': 'exists'}}]} | true
            {'any': [{'all': [{'field': 'age', 'op': '>', 'value': 65}]}, {'all': [{'field': 'vip', 'op': '!exists'}, {'field': 'age', 'op': '<=', 'value': 29.5}]}]}  | false
            """)
    void combinesConditionsWithAllAnyAndNot(String where, boolean expected) {
        Row record = record("{'age': 30, 'city': 'Paris'}");

        assertThat(run(factory, "{'where': " + where + "}", record)).hasSize(expected ? 1 : 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'field': 'age', 'op': '=>', 'value': 18}              | where.op is string "=>", which is not an operator; use one of ==, !=, =~, exists, !exists, <, <=, >, >=
            {'all': [{'field': 'a', 'op': '>=', 'value': 1}, {'field': 'a', 'op': '=>', 'value': 1}]} | where.all[1].op is string "=>", which is not an operator
            {'field': 'age', 'value': 18}                          | where.op is missing; use one of ==, !=
            {'field': 'age', 'op': 5}                              | where.op is long 5, which is not an operator
            {'field': 'age', 'op': '>='}                           | where.value is missing; op ">=" compares numbers, so give a number, for example "value": 18
            {'field': 'age', 'op': '>=', 'value': '18'}            | where.value is string "18"; op ">=" compares numbers, so give a number
            {'field': 'age', 'op': '<', 'value': null}             | where.value is null; op "<" compares numbers
            {'op': 'exists'}                                       | where.field is missing; name the field to test, for example "field": "age"
            {'field': '', 'op': 'exists'}                          | where.field is string ""; give the field's name as a non-empty string
            {'field': ['a'], 'op': 'exists'}                       | where.field is list [a]; give the field's name
            {'field': 'a', 'op': 'exists', 'value': 1}             | where.value is given but op "exists" takes no value; remove it
            {'field': 'a', 'op': '!exists', 'value': null}         | where.value is given but op "!exists" takes no value; remove it
            {'field': 'a', 'op': '=='}                             | where.value is missing; op "==" compares against a value
            {'field': 'a', 'op': '!=', 'value': [1]}               | where.value is list [1]; op "!=" compares against a string, number, boolean or null
            {'field': 'a', 'op': '=~', 'value': '('}               | where.value "(" is not a valid regular expression (Unclosed group near index 1); fix the pattern
            {'field': 'a', 'op': '=~', 'value': 5}                 | where.value is long 5; op "=~" needs a regular expression string
            {'field': 'a', 'op': '=~'}                             | where.value is missing; op "=~" needs a regular expression string
            {'field': 'a', 'op': 'exists', 'extra': 1}             | where has unknown key "extra"; a condition is either a leaf
            {'all': []}                                            | where.all is an empty list; give at least one condition
            {'all': {}}                                            | where.all is object {}; give a list of conditions
            {'any': ['x']}                                         | where.any[0] is string "x"; a condition must be an object
            {'not': []}                                            | where.not is list []; give one condition object
            {'all': [{'field': 'a', 'op': 'exists'}], 'field': 'a'} | where has keys [all, field]; a group holds exactly one of all, any or not
            {'all': [], 'any': []}                                 | where has keys [all, any]; a group holds exactly one
            {'not': {'not': {'field': 'a', 'op': '<'}}}            | where.not.not.value is missing
            {}                                                     | where.field is missing
            """)
    void rejectsABadConditionTreeNamingThePath(String where, String message) {
        SettingsException e = invalid(factory, "{'where': " + where + "}");

        assertThat(e.key()).isEqualTo("where");
        assertThat(e.getMessage()).startsWith("filter: setting 'where': ").contains(message);
    }

    @Test
    void reportsEveryProblemOfTheTreeAtOnce() {
        SettingsException e = invalid(factory, "{'where': {'all': [{'field': 'a', 'op': '=>'},"
                + " {'field': 1, 'op': 'exists'}, {'any': []}]}}");

        assertThat(e.getMessage()).contains("where.all[0].op is string \"=>\"");
        assertThat(Arrays.stream(e.getSuppressed()).map(Throwable::getMessage))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("where.all[1].field is long 1"))
                .anySatisfy(m -> assertThat(m).contains("where.all[2].any is an empty list"));
    }

    @Test
    void keepsTheRegexSyntaxErrorAsTheCause() {
        SettingsException e = invalid(factory, "{'where': {'field': 'a', 'op': '=~', 'value': '[a-'}}");

        assertThat(e.getCause()).isInstanceOf(java.util.regex.PatternSyntaxException.class);
    }

    @Test
    void requiresTheWhereSetting() {
        SettingsException e = invalid(factory, "{}");

        assertThat(e.key()).isEqualTo("where");
        assertThat(e.getMessage()).contains("is required but missing");
    }

    @Test
    void findsTheFieldWhenRecordsChangeTheirLayout() {
        Processor filter = create(factory, "{'where': {'field': 'age', 'op': '>=', 'value': 18}}");
        Row first = record("{'age': 20, 'name': 'a'}");
        Row moved = record("{'name': 'b', 'age': 20}");
        Row young = record("{'name': 'c', 'age': 10}");
        Row without = record("{'name': 'd'}");
        Row again = record("{'age': 30}");

        assertThat(run(filter, first, moved, young, without, again)).containsExactly(first, moved, again);
    }

    @Test
    void instancesFromOneFactoryDoNotShareState() {
        String settings = "{'where': {'field': 'email', 'op': '=~', 'value': '@example[.]com$'}}";
        Processor one = create(factory, settings);
        Processor two = create(factory, settings);
        Row match = record("{'email': 'a@example.com'}");
        Row other = record("{'email': 'b@example.org'}");

        List<Row> out = new java.util.ArrayList<>();
        one.process(match, out::add);
        two.process(other, out::add);
        one.process(other, out::add);
        two.process(match, out::add);

        assertThat(out).containsExactly(match, match);
    }
}
