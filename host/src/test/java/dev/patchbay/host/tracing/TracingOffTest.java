package dev.patchbay.host.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.config.TracingSettings;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tracing off creates no OpenTelemetry SDK at all: in a class loader of its own, {@link Tracing#from} with tracing
 * off does not even load the SDK's classes. The same loader with tracing on is the control that it would see them.
 */
class TracingOffTest {

    private static final List<String> SDK_CLASSES = List.of("io.opentelemetry.sdk.trace.SdkTracerProvider",
            "io.opentelemetry.sdk.trace.export.BatchSpanProcessor",
            "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter",
            "io.opentelemetry.api.trace.Tracer");

    /** A loader of the host's classes and the OpenTelemetry jars alone, which tells what it has loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated() throws Exception {
            super("tracing-off-test", urls(), ClassLoader.getPlatformClassLoader());
        }

        /** The host's classes, and the OpenTelemetry, SLF4J and Logback jars of the test class path. */
        private static URL[] urls() throws Exception {
            List<URL> urls = new ArrayList<>();
            urls.add(Tracing.class.getProtectionDomain().getCodeSource().getLocation());
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                String name = Path.of(entry).getFileName().toString();
                if (name.startsWith("opentelemetry-") || name.startsWith("slf4j-") || name.startsWith("logback-")) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            return urls.toArray(URL[]::new);
        }

        List<String> loaded(List<String> names) {
            return names.stream().filter(name -> findLoadedClass(name) != null).toList();
        }
    }

    private static Object tracingFrom(Isolated loader, Optional<URI> endpoint) throws Exception {
        Class<?> settings = loader.loadClass(TracingSettings.class.getName());
        Object value = settings.getConstructor(Optional.class, String.class).newInstance(endpoint, "patchbay");
        return loader.loadClass(Tracing.class.getName()).getMethod("from", settings).invoke(null, value);
    }

    @Test
    void tracingOffLoadsNoOpenTelemetryClass() throws Exception {
        try (Isolated loader = new Isolated()) {
            Object tracing = tracingFrom(loader, Optional.empty());

            assertThat(loader.loaded(SDK_CLASSES)).isEmpty();
            ((AutoCloseable) tracing).close();
            assertThat(loader.loaded(SDK_CLASSES)).isEmpty();
        }
    }

    @Test
    void theControlTracingOnLoadsTheSdkInTheSameKindOfLoader() throws Exception {
        try (Isolated loader = new Isolated()) {
            Object tracing = tracingFrom(loader, Optional.of(URI.create("http://127.0.0.1:9")));
            try {
                assertThat(loader.loaded(SDK_CLASSES)).contains("io.opentelemetry.sdk.trace.SdkTracerProvider");
            } finally {
                ((AutoCloseable) tracing).close();
            }
        }
    }

    @Test
    void offIsTheNoopTracer() {
        assertThat(Tracing.from(TracingSettings.OFF)).isSameAs(Tracing.OFF);
        assertThat(Tracing.OFF.attemptStarted("demo", 1)).isSameAs(dev.patchbay.host.pipeline.RunTracer.Attempt.NOOP);
    }
}
