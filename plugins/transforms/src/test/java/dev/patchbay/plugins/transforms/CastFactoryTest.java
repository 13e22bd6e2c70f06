package dev.patchbay.plugins.transforms;

import static dev.patchbay.plugins.transforms.Transforms.create;
import static dev.patchbay.plugins.transforms.Transforms.invalid;
import static dev.patchbay.plugins.transforms.Transforms.one;
import static dev.patchbay.plugins.transforms.Transforms.record;
import static dev.patchbay.plugins.transforms.Transforms.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import dev.patchbay.api.SettingsException;
import dev.patchbay.testkit.TestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CastFactoryTest {

    private final CastFactory factory = new CastFactory();

    @ParameterizedTest(name = "{1} to {0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            string  | 'a'                    | 'a'
            string  | ''                     | ''
            string  | 42                     | '42'
            string  | -2.5                   | '-2.5'
            string  | true                   | 'true'
            long    | 42                     | 42
            long    | '42'                   | 42
            long    | ' 42 '                 | 42
            long    | '-7'                   | -7
            long    | '+7'                   | 7
            long    | '4.0'                  | 4
            long    | '1e3'                  | 1000
            long    | 4.0                    | 4
            long    | '9223372036854775807'  | 9223372036854775807
            long    | true                   | 1
            long    | false                  | 0
            double  | 42                     | 42.0
            double  | '2.5'                  | 2.5
            double  | ' 2.5 '                | 2.5
            double  | '-1e3'                 | -1000.0
            double  | '7'                    | 7.0
            double  | 2.5                    | 2.5
            double  | true                   | 1.0
            boolean | true                   | true
            boolean | 'true'                 | true
            boolean | 'FALSE'                | false
            boolean | '1'                    | true
            boolean | ' 0 '                  | false
            boolean | 1                      | true
            boolean | 0.0                    | false
            """)
    void convertsValues(String type, String input, String expected) {
        Row out = run(factory, "{'fields': {'v': '" + type + "'}}", record("{'v': " + input + "}")).get(0);

        Object expectedValue = record("{'v': " + expected + "}").get("v");
        assertThat(out.get("v")).isEqualTo(expectedValue).hasSameClassAs(expectedValue);
    }

    @ParameterizedTest(name = "{1} to {0} fails")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            string  | [1]         | list [1] cannot be cast to string
            string  | {'a': 1}    | object {a=1} cannot be cast to string
            long    | 4.5         | double 4.5 has a fractional part; cast to double instead
            long    | '4.5'       | string "4.5" has a fractional part
            long    | 'abc'       | string "abc" is not a whole number
            long    | ''          | string "" is not a whole number
            long    | 1e19        | double 1.0E19 is outside the long range
            long    | '92233720368547758070' | string "92233720368547758070" is outside the long range
            long    | [1]         | list [1] cannot be cast to long
            long    | '1e999'     | string "1e999" is outside the long range
            double  | '1e999'     | string "1e999" is outside the double range
            double  | '-1e999'    | string "-1e999" is outside the double range
            double  | 'NaN'       | string "NaN" is not a decimal number
            double  | '0x10'      | string "0x10" is not a decimal number
            double  | 'Infinity'  | string "Infinity" is not a decimal number
            double  | {}          | object {} cannot be cast to double
            boolean | 'yes'       | string "yes" is not a boolean; only true, false, 1 and 0 convert
            boolean | 2           | long 2 is not a boolean
            boolean | 0.5         | double 0.5 is not a boolean
            boolean | [true]      | list [true] cannot be cast to boolean
            """)
    void stopsOnAValueThatDoesNotConvertNamingTheFieldAndQuotingTheValue(String type, String input, String message) {
        Processor cast = create(factory, "{'fields': {'v': '" + type + "'}}");

        assertThatThrownBy(() -> run(cast, record("{'v': " + input + "}")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("cast: field 'v': ")
                .hasMessageContaining(message)
                .hasMessageContaining("(cast to " + type + ")")
                .hasMessageEndingWith("; fix the input, or set onError to skip (drop such records) or null (set the"
                        + " field to null)");
    }

    @Test
    void leavesNullValuesAndAbsentFieldsAlone() {
        assertThat(one(factory, "{'fields': {'a': 'long', 'b': 'long'}}", "{'a': null, 'c': '1'}"))
                .isEqualTo("{a=null, c=\"1\"}");
    }

    @Test
    void castsSeveralFieldsOfOneRecord() {
        assertThat(one(factory, "{'fields': {'age': 'long', 'score': 'double', 'vip': 'boolean', 'id': 'string'}}",
                "{'id': 7, 'age': '30', 'score': '2.5', 'vip': 'true'}"))
                .isEqualTo("{id=\"7\", age=30, score=2.5, vip=true}");
    }

    @Test
    void skipDropsTheRecordAndWarnsOnce() {
        TestContext context = Transforms.context(factory);
        Processor cast = create(factory, "{'fields': {'age': 'long'}, 'onError': 'skip'}", context);

        List<Row> out = run(cast, record("{'age': 'x'}"), record("{'age': '5'}"), record("{'age': 'y'}"));

        assertThat(out).containsExactly(record("{'age': 5}"));
        assertThat(context.logLines()).hasSize(2);
        assertThat(context.logLines().get(0)).startsWith("WARNING test/processors[0]: field 'age': string"
                + " \"x\" is not a whole number (cast to long); dropped the record (onError skip); further"
                + " occurrences are logged at DEBUG");
        assertThat(context.logLines().get(1)).startsWith("DEBUG ").contains("string \"y\"", "occurrence 2");
    }

    @Test
    void nullSetsTheFieldToNullAndKeepsTheRecord() {
        TestContext context = Transforms.context(factory);
        Processor cast = create(factory, "{'fields': {'age': 'long', 'score': 'double'}, 'onError': 'null'}",
                context);

        List<Row> out = run(cast, record("{'age': 'x', 'score': '1.5'}"));

        assertThat(out).extracting(Row::toString).containsExactly("{age=null, score=1.5}");
        assertThat(context.logLines()).singleElement().asString().contains("set field 'age' to null");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'fields': {'age': 'int'}}                      | fields  | gives field "age" the type "int", which is not a cast type; use one of string, long, double, boolean
            {'fields': {'age': 'Long'}}                     | fields  | "Long", which is not a cast type (type names are lower case)
            {'fields': {'age': 5}}                          | fields  | gives field "age" the type long 5; the type must be a string
            {'fields': {}}                                  | fields  | is an empty object; give at least one entry, for example {"age": "long"}
            {'fields': ['age']}                             | fields  | expected an object but got list
            {'fields': {'age': 'long'}, 'onError': 'drop'}  | onError | expected one of [stop, skip, null] but got "drop"
            """)
    void rejectsBadSettings(String settings, String key, String message) {
        SettingsException e = invalid(factory, settings);

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).startsWith("cast: setting '" + key + "': ").contains(message);
    }
}
