package dev.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkTesterTest {

    private final TestFactories.MemorySinkFactory factory = new TestFactories.MemorySinkFactory();
    private final Row ada = Row.of(Map.of("name", "Ada"));
    private final Row bob = Row.of(Map.of("name", "Bob"));

    @Test
    void writesBatchesAndFlushesUnderTheFactorysClassLoader() throws Exception {
        ClassLoader foreign = new ClassLoader("foreign", null) { };
        String factoryLoader = String.valueOf(factory.getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(foreign);
        try (SinkTester memory = SinkTester.create(factory, Map.of())) {
            memory.write(ada, bob);
            memory.write(List.of(bob));
            memory.flush();
            assertThat(thread.getContextClassLoader()).isSameAs(foreign);
        } finally {
            thread.setContextClassLoader(original);
        }
        assertThat(factory.batches).containsExactly(List.of(ada, bob), List.of(bob));
        assertThat(factory.calls).containsExactly("write " + factoryLoader, "write " + factoryLoader,
                "flush " + factoryLoader, "close " + factoryLoader);
    }

    @Test
    void anEmptyBatchIsRejectedBecauseTheHostNeverWritesOne() throws Exception {
        try (SinkTester memory = SinkTester.create(factory, Map.of())) {
            assertThatThrownBy(() -> memory.write(List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("test-plugin/memory: the host never writes an empty batch");
        }
        assertThat(factory.batches).isEmpty();
    }

    @Test
    void settingsOfAnExtensionWithoutSettingsAreRejectedWithTheHostsFix() {
        assertThatThrownBy(() -> SinkTester.create(factory, Map.of("path", "x")))
                .isInstanceOfSatisfying(SettingsError.class, error -> assertThat(error.problems()).containsExactly(
                        "test-plugin/memory: setting 'path' is not a setting of this extension; fix: remove it;"
                                + " the extension takes no settings"));
    }

    @Test
    void closeDoesNotFlushAndLaterWritesFail() throws Exception {
        SinkTester memory = SinkTester.create(factory, Map.of());
        memory.write(ada);
        memory.close();
        memory.close();
        assertThat(factory.calls).extracting(call -> call.split(" ")[0]).containsExactly("write", "close");
        assertThatThrownBy(() -> memory.write(ada)).isInstanceOf(IllegalStateException.class);
    }
}
