package dev.patchbay.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.SettingsException;
import dev.patchbay.testkit.ProcessorTester;
import dev.patchbay.testkit.SettingsError;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GreetProcessorFactoryTest {

    private final GreetProcessorFactory factory = new GreetProcessorFactory();

    /**
     * Runs one record through a greet processor made with the given settings. The test kit validates the settings
     * as the host does and hands the factory a test context; no host is needed.
     */
    private List<Row> greet(Map<String, ?> settings, Row input) {
        try (ProcessorTester greet = ProcessorTester.create(factory, settings)) {
            return greet.process(input);
        }
    }

    @Test
    void addsAGreetingForTheNameField() {
        assertThat(greet(Map.of(), Row.of(Map.of("name", "Ada"))))
                .containsExactly(Row.of(Map.of("name", "Ada", "greeting", "Hello, Ada!")));
    }

    @Test
    void readsAndWritesTheConfiguredFields() {
        assertThat(greet(Map.of("name", "user", "field", "hi"), Row.of(Map.of("user", "Bob"))))
                .containsExactly(Row.of(Map.of("user", "Bob", "hi", "Hello, Bob!")));
    }

    @Test
    void greetsTheWorldWhenTheNameIsMissing() {
        assertThat(greet(Map.of(), Row.of(Map.of("id", 7L))))
                .containsExactly(Row.of(Map.of("id", 7L, "greeting", "Hello, world!")));
    }

    @Test
    void rejectsABlankFieldNameNamingTheSetting() {
        assertThatThrownBy(() -> ProcessorTester.create(factory, Map.of("field", " ")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("greet: setting 'field': must name a field, got \" \"");
    }

    @Test
    void aMisspeltSettingIsReportedAsConfigCheckReportsItToOperators() {
        assertThatThrownBy(() -> ProcessorTester.create(factory, Map.of("feild", "hi")))
                .isInstanceOfSatisfying(SettingsError.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("test-plugin/greet: setting 'feild' is not a setting of this extension; fix: did"
                                + " you mean 'field'?"));
    }

    @Test
    void isDiscoverableThroughItsServiceFileAndNamedGreet() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(GreetProcessorFactory.class);
        assertThat(GreetProcessorFactory.class.getAnnotation(Extension.class).name()).isEqualTo("greet");
    }
}
