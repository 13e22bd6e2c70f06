package dev.patchbay.plugins.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Setting;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the host relies on: the service file, the annotations and complete settings descriptions. */
class ExtensionsTest {

    static Stream<ProcessorFactory> factories() {
        return ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get);
    }

    @Test
    void theServiceFileListsEveryTransformOnce() {
        assertThat(factories().map(Transforms::name))
                .containsExactlyInAnyOrder("filter", "rename", "keep", "drop", "set", "cast", "mask", "timestamp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void eachFactoryIsAnnotatedPublicAndConstructibleWithoutArguments(ProcessorFactory factory) throws Exception {
        Class<?> type = factory.getClass();
        Extension extension = type.getAnnotation(Extension.class);

        assertThat(extension.name()).matches("[a-z][a-z0-9-]*");
        assertThat(extension.description()).isNotBlank().endsWith(".");
        assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
        assertThat(type.getPackageName()).isEqualTo("dev.patchbay.plugins.transforms");
        assertThat(type.getConstructor().newInstance()).isInstanceOf(ProcessorFactory.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void eachSettingIsDescribedInFullSentences(ProcessorFactory factory) {
        List<Setting> settings = factory.settings();

        assertThat(settings).isNotEmpty().isEqualTo(factory.settings());
        assertThat(settings).extracting(Setting::key).doesNotHaveDuplicates();
        assertThat(settings).allSatisfy(setting -> {
            assertThat(setting.description()).as(setting.key()).matches("[A-Z].*[.]");
            if (setting.required()) {
                assertThat(setting.defaultValue()).as(setting.key()).isEmpty();
            }
        });
    }

    @Test
    void transformsThatCanFailOnDataTakeAnErrorPolicy() {
        assertThat(factories()).filteredOn(factory -> factory.settings().stream()
                        .anyMatch(setting -> setting.key().equals("onError")))
                .extracting(Transforms::name)
                .containsExactly("cast", "mask", "timestamp");
        assertThat(factories()).flatExtracting(ProcessorFactory::settings)
                .filteredOn(setting -> setting.key().equals("onError"))
                .allSatisfy(setting -> {
                    assertThat(setting.choices()).containsExactly("stop", "skip", "null");
                    assertThat(setting.defaultValue()).contains("stop");
                });
    }
}
