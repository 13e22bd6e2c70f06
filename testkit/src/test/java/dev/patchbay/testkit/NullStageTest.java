package dev.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A factory whose {@code create} returns null fails the test with a message saying what to return. */
class NullStageTest {

    static Stream<Arguments> factoriesReturningNull() {
        ProcessorFactory processor = new ProcessorFactory() {
            @Override
            public List<Setting> settings() {
                return List.of();
            }

            @Override
            public Processor create(Settings settings, ExtensionContext context) {
                return null;
            }
        };
        SinkFactory sink = new SinkFactory() {
            @Override
            public List<Setting> settings() {
                return List.of();
            }

            @Override
            public Sink create(Settings settings, ExtensionContext context) {
                return null;
            }
        };
        SourceFactory source = new SourceFactory() {
            @Override
            public List<Setting> settings() {
                return List.of();
            }

            @Override
            public Source create(Settings settings, SourceContext context) {
                return null;
            }
        };
        return Stream.of(
                Arguments.of("processor", (ThrowingCallable) () -> ProcessorTester.create(processor, Map.of())),
                Arguments.of("sink", (ThrowingCallable) () -> SinkTester.create(sink, Map.of())),
                Arguments.of("source", (ThrowingCallable) () -> SourceTester.create(source, Map.of()).readAll()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factoriesReturningNull")
    void createReturningNullFailsNamingWhatToReturn(String kind, ThrowingCallable create) {
        assertThatThrownBy(create).isInstanceOf(AssertionError.class)
                .hasMessageEndingWith(": create returned null; return a " + kind);
    }
}
