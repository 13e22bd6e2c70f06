package dev.patchbay.plugins.transforms;

import static dev.patchbay.plugins.transforms.Transforms.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Fields;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's job (issue 4): keep age >= 18, rename name to full_name, replace email by its plain
 * SHA-256 hex, on records as a CSV source produces them (every value a string, shared field names).
 */
class DemoJobTest {

    @Test
    void filtersRenamesAndHashesCsvRecordsLikeMiller() {
        Processor filter = create(new FilterFactory(), "{'where': {'field': 'age', 'op': '>=', 'value': 18}}");
        Processor rename = create(new RenameFactory(), "{'fields': {'name': 'full_name'}}");
        Processor mask = create(new MaskFactory(), "{'fields': ['email'], 'mode': 'hash'}");
        Fields header = Fields.of("id", "name", "email", "age", "city", "score");
        List<Row> input = List.of(
                header.record("1", "Alice", "alice@example.com", "34", "Paris", "7.5"),
                header.record("2", "Bob", "abc", "17", "Lyon", "3"),
                header.record("3", "Carl", "", "18", "Nice", "9.25"),
                header.record("4", "Dana", "abc", "", "Rome", "1"),
                header.record("5", "Eve", "abc", "18.5", "Oslo", "2"));

        List<Row> out = new ArrayList<>();
        for (Row record : input) {
            filter.process(record, kept -> rename.process(kept, renamed -> mask.process(renamed, out::add)));
        }

        assertThat(out).extracting(Row::toString).containsExactly(
                "{id=\"1\", full_name=\"Alice\", email=\"ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976\","
                        + " age=\"34\", city=\"Paris\", score=\"7.5\"}",
                "{id=\"3\", full_name=\"Carl\", email=\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\","
                        + " age=\"18\", city=\"Nice\", score=\"9.25\"}",
                "{id=\"5\", full_name=\"Eve\", email=\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\","
                        + " age=\"18.5\", city=\"Oslo\", score=\"2\"}");
    }
}
