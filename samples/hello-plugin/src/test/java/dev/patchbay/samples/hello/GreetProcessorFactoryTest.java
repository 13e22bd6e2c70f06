package dev.patchbay.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GreetProcessorFactoryTest {

    private final GreetProcessorFactory factory = new GreetProcessorFactory();

    /** Runs one record through a greet processor made with the given settings. */
    private List<Row> greet(Map<String, ?> settings, Row input) {
        Processor processor = factory.create(Settings.of("greet", settings, factory.settings()), new TestContext());
        List<Row> output = new ArrayList<>();
        processor.process(input, output::add);
        return output;
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
        Settings settings = Settings.of("greet", Map.of("field", " "), factory.settings());
        assertThatThrownBy(() -> factory.create(settings, new TestContext()))
                .isInstanceOf(SettingsException.class)
                .hasMessage("greet: setting 'field': must name a field, got \" \"");
    }

    @Test
    void isDiscoverableThroughItsServiceFileAndNamedGreet() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(GreetProcessorFactory.class);
        assertThat(GreetProcessorFactory.class.getAnnotation(Extension.class).name()).isEqualTo("greet");
    }

    /** The host implements ExtensionContext; a test supplies its own. */
    private static final class TestContext implements ExtensionContext {

        @Override
        public String pluginId() {
            return "hello";
        }

        @Override
        public String extensionName() {
            return "greet";
        }

        @Override
        public String stageId() {
            return "test/processors[0]";
        }

        @Override
        public System.Logger logger() {
            return System.getLogger("hello");
        }

        @Override
        public Path baseDirectory() {
            return Path.of("").toAbsolutePath();
        }
    }
}
