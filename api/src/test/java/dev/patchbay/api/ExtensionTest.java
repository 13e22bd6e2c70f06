package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;

class ExtensionTest {

    @Extension(name = "csv-source", description = "Reads CSV files.")
    private static final class Described {
    }

    @Extension(name = "plain")
    private static final class Plain {
    }

    @Test
    void isReadableAtRunTime() {
        Extension extension = Described.class.getAnnotation(Extension.class);

        assertThat(extension.name()).isEqualTo("csv-source");
        assertThat(extension.description()).isEqualTo("Reads CSV files.");
    }

    @Test
    void theDescriptionDefaultsToEmpty() {
        assertThat(Plain.class.getAnnotation(Extension.class).description()).isEmpty();
    }

    @Test
    void appliesToTypesOnlyAndIsDocumented() {
        assertThat(Extension.class.getAnnotation(Target.class).value()).containsExactly(ElementType.TYPE);
        assertThat(Extension.class.isAnnotationPresent(Documented.class)).isTrue();
    }
}
