package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiVersionTest {

    private static final String RESOURCE = "dev/patchbay/api/api-version.properties";

    @Test
    void isTheSemanticVersionTheBuildFilteredIn() {
        assertThat(ApiVersion.current()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    }

    @Test
    void trimsTheVersion() throws Exception {
        assertThat(versionReadFrom(stream("version = 2.3.4  \n"))).isEqualTo("2.3.4");
    }

    @Test
    void reportsAMissingResourceAsADamagedJar() {
        assertThatThrownBy(() -> versionReadFrom(null))
                .isInstanceOf(ExceptionInInitializerError.class)
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("patchbay-api is missing its resource api-version.properties; "
                        + "the api jar is damaged, rebuild or reinstall it");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "version=", "version=  ", "other=1.0.0", "version=${project.version}"})
    void reportsAnUnfilteredOrEmptyVersion(String properties) {
        assertThatThrownBy(() -> versionReadFrom(stream(properties)))
                .isInstanceOf(ExceptionInInitializerError.class)
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("patchbay-api resource api-version.properties holds no version")
                .hasMessageEndingWith("; the api jar was built without resource filtering");
    }

    @Test
    void reportsAnUnreadableResource() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> versionReadFrom(broken))
                .isInstanceOf(ExceptionInInitializerError.class)
                .cause()
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read patchbay-api resource api-version.properties");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Loads a fresh copy of ApiVersion whose class loader serves {@code resource} (null: none). */
    private static String versionReadFrom(InputStream resource) throws Exception {
        Class<?> type = Class.forName(ApiVersion.class.getName(), true, new OneResourceLoader(resource));
        return (String) type.getMethod("current").invoke(null);
    }

    private static final class OneResourceLoader extends ClassLoader {

        private final InputStream resource;

        OneResourceLoader(InputStream resource) {
            super(ApiVersion.class.getClassLoader());
            this.resource = resource;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(ApiVersion.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            return name.equals(RESOURCE) ? resource : super.getResourceAsStream(name);
        }
    }
}
