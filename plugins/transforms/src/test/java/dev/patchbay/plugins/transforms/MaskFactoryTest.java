package dev.patchbay.plugins.transforms;

import static dev.patchbay.plugins.transforms.Transforms.create;
import static dev.patchbay.plugins.transforms.Transforms.invalid;
import static dev.patchbay.plugins.transforms.Transforms.one;
import static dev.patchbay.plugins.transforms.Transforms.record;
import static dev.patchbay.plugins.transforms.Transforms.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import dev.patchbay.api.SettingsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskFactoryTest {

    private final MaskFactory factory = new MaskFactory();

    // Known vectors: FIPS 180-2 "abc" and the empty string, and values computed with `printf '%s' VALUE |
    // sha256sum`, which is what Miller's sha256() returns for a string.
    @ParameterizedTest(name = "sha256({0})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            abc                                          | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            ""                                           | e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            The quick brown fox jumps over the lazy dog  | d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592
            alice@example.com                            | ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976
            zoë@example.com                              | 5418899f7aabe5f45dd3350fe8edcf89e1763a9e64c85e529b1f68cbf5144767
            """)
    void hashesWithPlainSha256WhenTheSaltIsEmpty(String value, String expected) {
        Row out = run(factory, "{'fields': ['email'], 'mode': 'hash'}", Row.empty().with("email", value)).get(0);

        assertThat(out.get("email")).isEqualTo(expected);
    }

    @Test
    void prefixesTheSaltToTheValue() {
        Row out = run(factory, "{'fields': ['email'], 'mode': 'hash', 'salt': 'pepper'}",
                record("{'email': 'alice@example.com'}")).get(0);

        // printf '%s' 'pepperalice@example.com' | sha256sum
        assertThat(out.get("email")).isEqualTo("8b8d9adc4875c0dca816e3e17b7ac87b45e40945b731fa02e3b42bf101589e21");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            42          | 42
            -2.5        | -2.5
            true        | true
            'x'         | x
            """)
    void hashesScalarsByTheirText(String json, String text) throws NoSuchAlgorithmException {
        Row out = run(factory, "{'fields': ['v'], 'mode': 'hash', 'salt': 's'}", record("{'v': " + json + "}"))
                .get(0);

        assertThat(out.get("v")).isEqualTo(oracle(("s" + text).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hashesBytesAsTheyAre() throws NoSuchAlgorithmException {
        byte[] raw = {0, (byte) 0xff, 0x10};
        Row out = run(factory, "{'fields': ['b'], 'mode': 'hash'}", Row.empty().with("b", Bytes.of(raw)))
                .get(0);

        assertThat(out.get("b")).isEqualTo(oracle(raw));
    }

    @Test
    void oneProcessorHashesEveryRecordFromAFreshDigest() {
        Processor mask = create(factory, "{'fields': ['email', 'phone'], 'mode': 'hash'}");

        List<Row> out = run(mask, record("{'email': 'abc', 'phone': ''}"), record("{'email': 'abc'}"),
                record("{'phone': 'abc'}"));

        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(out).extracting(Row::toString).containsExactly(
                "{email=\"" + abc + "\", phone=\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}",
                "{email=\"" + abc + "\"}",
                "{phone=\"" + abc + "\"}");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'fields': ['email']}                                      | {'id': 1, 'email': 'a@x'}       | {id=1, email="****"}
            {'fields': ['email'], 'mode': 'redact'}                    | {'email': 'a@x'}                | {email="****"}
            {'fields': ['email', 'ssn'], 'replacement': 'REDACTED'}    | {'ssn': 123, 'email': 'a@x'}    | {ssn="REDACTED", email="REDACTED"}
            {'fields': ['card'], 'replacement': ''}                    | {'card': [1, 2]}                | {card=""}
            {'fields': ['email']}                                      | {'email': null, 'id': 1}        | {email=null, id=1}
            {'fields': ['email']}                                      | {'id': 1}                       | {id=1}
            {'fields': ['email'], 'mode': 'hash'}                      | {'email': null}                 | {email=null}
            {'fields': ['email'], 'mode': 'hash'}                      | {'id': 1}                       | {id=1}
            """)
    void redactsValuesAndLeavesNullsAndAbsentFields(String settings, String input, String expected) {
        assertThat(one(factory, settings, input)).isEqualTo(expected);
    }

    @Test
    void stopsOnAValueThatCannotBeHashed() {
        Processor mask = create(factory, "{'fields': ['tags'], 'mode': 'hash'}");

        assertThatThrownBy(() -> run(mask, record("{'tags': ['a']}")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("mask: field 'tags': list [a] cannot be hashed; only strings, numbers,"
                        + " booleans and bytes can; fix the input, or set onError to skip");
    }

    @Test
    void skipsOrNullsAValueThatCannotBeHashedWhenAskedTo() {
        Row bad = record("{'tags': {'a': 1}, 'email': 'abc'}");

        assertThat(run(factory, "{'fields': ['tags', 'email'], 'mode': 'hash', 'onError': 'skip'}", bad)).isEmpty();
        assertThat(one(factory, "{'fields': ['tags', 'email'], 'mode': 'hash', 'onError': 'null'}",
                "{'tags': {'a': 1}, 'email': 'abc'}"))
                .isEqualTo("{tags=null, email=\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {}                                                      | fields      | is required but missing
            {'fields': []}                                          | fields      | is an empty list; list at least one field name, for example ["email"]
            {'fields': ['email', 'email']}                          | fields      | names field "email" twice
            {'fields': ['email'], 'mode': 'sha256'}                 | mode        | expected one of [redact, hash] but got "sha256"
            {'fields': ['email'], 'salt': 'pepper'}                 | salt        | is "pepper" but applies only to mode "hash"; remove it or set "mode": "hash"
            {'fields': ['email'], 'mode': 'hash', 'replacement': 'x'} | replacement | is "x" but applies only to mode "redact"; remove it or set "mode": "redact"
            {'fields': ['email'], 'salt': 5}                        | salt        | expected a string but got long 5
            """)
    void rejectsBadSettings(String settings, String key, String message) {
        SettingsException e = invalid(factory, settings);

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).startsWith("mask: setting '" + key + "': ").contains(message);
    }

    @Test
    void describesItsDefaults() {
        assertThat(factory.settings()).extracting(s -> s.key() + "=" + s.defaultValue().orElse("-"))
                .containsExactly("fields=-", "mode=redact", "replacement=****", "salt=", "onError=stop");
    }

    // An independent implementation for values without a published vector.
    private static String oracle(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
