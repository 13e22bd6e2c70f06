package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.Row;
import dev.patchbay.testkit.ProcessorTester;
import dev.patchbay.testkit.SettingsError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the processor in memory through the test kit: the host's settings checks, then real rows. */
class UpperCaseProcessorFactoryTest {

    @Test
    void writesTheListedFieldsInUpperCase() throws Exception {
        try (ProcessorTester tester = ProcessorTester.create(new UpperCaseProcessorFactory(),
                Map.of("fields", List.of("name")))) {
            List<Row> out = tester.process(Row.of(Map.of("name", "Ada", "city", "London")));

            assertEquals(List.of(Row.of(Map.of("name", "ADA", "city", "London"))), out);
        }
    }

    @Test
    void leavesFieldsThatHoldNoTextAlone() throws Exception {
        try (ProcessorTester tester = ProcessorTester.create(new UpperCaseProcessorFactory(),
                Map.of("fields", List.of("age", "missing")))) {
            Row row = Row.of(Map.of("age", 36L));

            assertEquals(List.of(row), tester.process(row));
        }
    }

    @Test
    void appliesTheCaseRulesOfTheLocale() throws Exception {
        try (ProcessorTester tester = ProcessorTester.create(new UpperCaseProcessorFactory(),
                Map.of("fields", List.of("city"), "locale", "tr"))) {
            assertEquals(List.of(Row.of(Map.of("city", "\u0130ZM\u0130R"))),
                    tester.process(Row.of(Map.of("city", "izmir"))));
        }
    }

    @Test
    void reportsAMissingSettingAsTheOperatorWouldSeeIt() {
        SettingsError error = assertThrows(SettingsError.class,
                () -> ProcessorTester.create(new UpperCaseProcessorFactory(), Map.of()));

        assertTrue(error.getMessage().contains("'fields'"), error.getMessage());
    }
}
