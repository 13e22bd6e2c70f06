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
import java.time.DateTimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampFactoryTest {

    private final TimestampFactory factory = new TimestampFactory();

    @ParameterizedTest(name = "{3} from {0} to {1} in {2} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            epochMillis        | iso                | UTC              | 0                       | '1970-01-01T00:00:00Z'
            epochMillis        | iso                | Europe/Paris     | 1714566600000           | '2024-05-01T14:30:00+02:00'
            epochMillis        | iso                | Europe/Paris     | 1704112200000           | '2024-01-01T13:30:00+01:00'
            epochMillis        | iso                | +05:30           | 1714566600000           | '2024-05-01T18:00:00+05:30'
            epochMillis        | iso                | UTC              | 1714566600123           | '2024-05-01T12:30:00.123Z'
            epochMillis        | iso                | UTC              | '1714566600000'         | '2024-05-01T12:30:00Z'
            epochMillis        | iso                | UTC              | -1                      | '1969-12-31T23:59:59.999Z'
            epochMillis        | epochSeconds       | UTC              | 1714566600999           | 1714566600
            epochMillis        | epochSeconds       | UTC              | -1                      | -1
            epochMillis        | epochMillis        | UTC              | 1.7145666E12            | 1714566600000
            epochSeconds       | epochMillis        | UTC              | 1714566600              | 1714566600000
            epochSeconds       | epochMillis        | UTC              | 1714566600.5            | 1714566600500
            epochSeconds       | epochMillis        | UTC              | ' 1714566600.25 '       | 1714566600250
            epochSeconds       | epochMillis        | UTC              | '1714566600.123'        | 1714566600123
            epochSeconds       | epochMillis        | UTC              | 1714566600.123          | 1714566600123
            epochSeconds       | epochMillis        | UTC              | -0.001                  | -1
            epochSeconds       | epochMillis        | UTC              | '1e-999999999'          | 0
            epochSeconds       | epochMillis        | UTC              | '-1e-999999999'         | 0
            epochMillis        | iso                | UTC              | 1714566600123.6         | '2024-05-01T12:30:00.1236Z'
            epochMillis        | iso                | UTC              | '1.7145666001236E12'    | '2024-05-01T12:30:00.1236Z'
            iso                | epochMillis        | UTC              | '2024-05-01T12:30:00Z'  | 1714566600000
            iso                | epochMillis        | Asia/Tokyo       | '2024-05-01T14:30:00+02:00' | 1714566600000
            iso                | epochMillis        | America/New_York | '2024-05-01T08:30:00'   | 1714566600000
            iso                | epochMillis        | Asia/Kolkata     | '2024-05-01'            | 1714501800000
            iso                | epochMillis        | UTC              | '2024-05-01T14:30:00+02:00[Europe/Paris]' | 1714566600000
            iso                | epochMillis        | UTC              | '2024-05-01t12:30:00z'  | 1714566600000
            iso                | iso                | Europe/Paris     | '2024-05-01T12:30:00Z'  | '2024-05-01T14:30:00+02:00'
            iso                | epochSeconds       | UTC              | '2024-05-01T12:30:00.9Z' | 1714566600
            iso                | dd/MM/yyyy HH:mm   | Asia/Tokyo       | '2024-05-01T12:30:00Z'  | '01/05/2024 21:30'
            dd/MM/yyyy HH:mm   | epochMillis        | Asia/Tokyo       | '01/05/2024 21:30'      | 1714566600000
            dd/MM/yyyy         | iso                | UTC              | '01/05/2024'            | '2024-05-01T00:00:00Z'
            dd.MM.yy           | epochMillis        | UTC              | '01.05.24'              | 1714521600000
            yyyy-MM-dd         | iso                | UTC              | '2024-02-29'            | '2024-02-29T00:00:00Z'
            yyyy-MM-dd hh:mm a | iso                | UTC              | '2024-05-01 02:30 PM'   | '2024-05-01T14:30:00Z'
            yyyy-MM-dd HH:mm:ssXXX | epochMillis    | America/Chicago  | '2024-05-01 14:30:00+02:00' | 1714566600000
            epochMillis        | yyyy-MM-dd         | America/Los_Angeles | 1714566600000        | '2024-05-01'
            epochMillis        | EEEE d MMMM uuuu   | UTC              | 1714566600000           | 'Wednesday 1 May 2024'
            yyyy-MM-dd HH:mm   | epochMillis        | Europe/Paris     | '2024-10-27 02:30'      | 1729989000000
            yyyy-MM-dd HH:mm   | epochMillis        | Europe/Paris     | '2024-03-31 02:30'      | 1711848600000
            """)
    void convertsBetweenFormats(String input, String output, String zone, String value, String expected) {
        String settings = "{'field': 't', 'inputFormat': '" + input + "', 'outputFormat': '" + output + "', 'zone': '"
                + zone + "'}";

        Row out = run(factory, settings, record("{'id': 1, 't': " + value + "}")).get(0);

        Object expectedValue = record("{'t': " + expected + "}").get("t");
        assertThat(out.get("t")).isEqualTo(expectedValue).hasSameClassAs(expectedValue);
        assertThat(out.fieldNames()).containsExactly("id", "t");
    }

    // Instants around both DST changes of 2024 in Europe and North America, plus far past and future.
    private static final long[] INSTANTS = {0L, 1714566600123L, 1711846799999L, 1711846800000L, 1729990800000L,
        1729994400000L, 1730613600000L, 1710054000000L, -2208988800000L, 4102444799999L};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
        "Pacific/Chatham", "-03:30"})
    void roundTripsEpochMillisThroughTextInEveryZone(String zone) {
        for (String text : new String[] {"iso", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "uuuu-MM-dd HH:mm:ss.SSS xxxxx"}) {
            Processor there = create(factory, "{'field': 't', 'inputFormat': 'epochMillis', 'outputFormat': \""
                    + text + "\", 'zone': '" + zone + "'}");
            Processor back = create(factory, "{'field': 't', 'inputFormat': \"" + text
                    + "\", 'outputFormat': 'epochMillis', 'zone': '" + zone + "'}");
            for (long millis : INSTANTS) {
                Row original = Row.empty().with("t", millis);

                Row formatted = run(there, original).get(0);
                Row parsed = run(back, formatted).get(0);

                assertThat(formatted.get("t")).isInstanceOf(String.class);
                assertThat(parsed).as("%s via %s in %s", millis, formatted.get("t"), zone).isEqualTo(original);
            }
        }
    }

    @Test
    void writesToATargetAndKeepsTheOriginalField() {
        assertThat(one(factory, "{'field': 'ts', 'inputFormat': 'epochSeconds', 'outputFormat': 'iso', 'target':"
                + " 'when'}", "{'ts': 0, 'id': 1}")).isEqualTo("{ts=0, id=1, when=\"1970-01-01T00:00:00Z\"}");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            , 'target': 'when' | {'ts': null}  | {ts=null, when=null}
            ""                 | {'ts': null}  | {ts=null}
            , 'target': 'when' | {'id': 1}     | {id=1}
            ""                 | {'id': 1}     | {id=1}
            """)
    void leavesNullAndAbsentValuesAlone(String extra, String input, String expected) {
        assertThat(one(factory, "{'field': 'ts', 'inputFormat': 'iso', 'outputFormat': 'epochMillis'" + extra + "}",
                input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} as {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            iso          | 'yesterday'          | string "yesterday" does not match iso (Text 'yesterday' could not be parsed at index 0)
            iso          | '2024-02-30'         | string "2024-02-30" does not match iso
            iso          | 42                   | long 42 is not text in iso
            dd/MM/yyyy   | '2024-05-01'         | string "2024-05-01" does not match pattern "dd/MM/yyyy"
            dd/MM/yyyy   | '31/04/2024'         | string "31/04/2024" does not match pattern "dd/MM/yyyy"
            yyyy-MM-dd HH:mm | '2024-05-01 24:00' | string "2024-05-01 24:00" does not match pattern "yyyy-MM-dd HH:mm"
            epochMillis  | 'abc'                | string "abc" is not a number of milliseconds since 1970-01-01T00:00:00Z
            epochMillis  | true                 | boolean true is not a number of milliseconds
            epochSeconds | 1e300                | double 1.0E300 is out of range for seconds since 1970-01-01T00:00:00Z
            epochSeconds | 9223372036854775807  | long 9223372036854775807 is out of range for seconds
            epochSeconds | '1e999999999'        | string "1e999999999" is out of range for seconds
            epochMillis  | '1e9999999999'       | string "1e9999999999" is out of range for milliseconds
            """)
    void stopsOnAValueItCannotReadNamingTheFieldAndQuotingTheValue(String input, String value, String message) {
        Processor timestamp = create(factory, "{'field': 'ts', 'inputFormat': '" + input + "', 'outputFormat':"
                + " 'iso'}");

        assertThatThrownBy(() -> run(timestamp, record("{'ts': " + value + "}")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("timestamp: field 'ts': " + message)
                .hasMessageEndingWith("; fix the input, or set onError to skip (drop such records) or null (set the"
                        + " field to null)");
    }

    @Test
    void stopsOnATimeTheOutputFormatCannotHold() {
        Processor timestamp = create(factory, "{'field': 'ts', 'inputFormat': 'epochSeconds', 'outputFormat':"
                + " 'epochMillis'}");

        assertThatThrownBy(() -> run(timestamp, record("{'ts': 9223372036854776}")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("timestamp: field 'ts': long 9223372036854776 cannot be written in"
                        + " epochMillis")
                .hasRootCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void keepsTheParseErrorAsTheCause() {
        Processor timestamp = create(factory, "{'field': 'ts', 'inputFormat': 'iso', 'outputFormat': 'iso'}");

        assertThatThrownBy(() -> run(timestamp, record("{'ts': 'x'}"))).hasRootCauseInstanceOf(DateTimeException.class);
    }

    @Test
    void skipDropsAndNullSetsTheTargetToNull() {
        String settings = "{'field': 'ts', 'inputFormat': 'iso', 'outputFormat': 'epochMillis', 'target': 'ms',"
                + " 'onError': ";
        Row bad = record("{'ts': 'soon'}");
        Row good = record("{'ts': '1970-01-01T00:00:01Z'}");

        assertThat(run(factory, settings + "'skip'}", bad, good)).extracting(Row::toString)
                .containsExactly("{ts=\"1970-01-01T00:00:01Z\", ms=1000}");
        assertThat(run(factory, settings + "'null'}", bad, good)).extracting(Row::toString)
                .containsExactly("{ts=\"soon\", ms=null}", "{ts=\"1970-01-01T00:00:01Z\", ms=1000}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'inputFormat': 'iso', 'outputFormat': 'iso'}                                  | field        | is required but missing
            {'field': 't', 'outputFormat': 'iso'}                                          | inputFormat  | is required but missing
            {'field': 't', 'inputFormat': 'iso'}                                           | outputFormat | is required but missing
            {'field': '', 'inputFormat': 'iso', 'outputFormat': 'iso'}                     | field        | is empty; give the name of the field holding the time
            {'field': 't', 'inputFormat': 'iso', 'outputFormat': 'iso', 'target': ''}      | target       | is empty; give a field name, or remove the setting
            {'field': 't', 'inputFormat': 'iso', 'outputFormat': 'iso', 'zone': 'Mars/Base'} | zone       | "Mars/Base" is not a time zone (Unknown time-zone ID: Mars/Base); use a region such as Europe/Paris, an offset such as +02:00, or UTC
            {'field': 't', 'inputFormat': '', 'outputFormat': 'iso'}                       | inputFormat  | is empty; use epochMillis, epochSeconds, iso, or a java.time pattern
            {'field': 't', 'inputFormat': 'iso', 'outputFormat': 'yyyy-MM-dd bb'}          | outputFormat | "yyyy-MM-dd bb" is not a valid java.time pattern (Unknown pattern letter: b)
            {'field': 't', 'inputFormat': 'epochMilis', 'outputFormat': 'iso'}             | inputFormat  | "epochMilis" is not a valid java.time pattern (Unknown pattern letter: o)
            {'field': 't', 'inputFormat': 'yyyy-MM', 'outputFormat': 'iso'}                | inputFormat  | pattern "yyyy-MM" cannot read back what it writes: string "2001-02" holds no full date (year, month and day) in pattern "yyyy-MM"; include year, month and day
            {'field': 't', 'inputFormat': 'yyyy-MM-dd hh:mm', 'outputFormat': 'iso'}       | inputFormat  | pattern "yyyy-MM-dd hh:mm" cannot read back what it writes: string "2001-02-03 04:05" reads as string "2001-02-03 12:00"
            {'field': 't', 'inputFormat': 'iso', 'outputFormat': 'iso', 'onError': 'ignore'} | onError    | expected one of [stop, skip, null] but got "ignore"
            """)
    void rejectsBadSettings(String settings, String key, String message) {
        SettingsException e = invalid(factory, settings);

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).startsWith("timestamp: setting '" + key + "': ").contains(message);
    }

    @Test
    void rejectsAnUnterminatedQuoteInAPattern() {
        SettingsException e = invalid(factory, "{'field': 't', 'inputFormat': \"yyyy-MM-dd'T\", 'outputFormat':"
                + " 'iso'}");

        assertThat(e.key()).isEqualTo("inputFormat");
        assertThat(e.getMessage()).contains("is not a valid java.time pattern", "quote literal letters like 'T'");
        assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
    }
}
