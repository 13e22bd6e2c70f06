package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the host's class path in {@code dist/lib} holds of the metrics: the Prometheus client's core, text formats
 * and JVM instrumentation, and nothing from Kotlin or protobuf.
 */
class DistLibIT {

    private static List<String> lib() throws IOException {
        try (Stream<Path> jars = Files.list(Patchbay.dist().resolve("lib"))) {
            return jars.map(jar -> jar.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void thePrometheusClientIsShippedWithoutKotlinOrProtobuf() throws IOException {
        List<String> lib = lib();

        assertThat(lib).contains("prometheus-metrics-core-1.10.0.jar", "prometheus-metrics-model-1.10.0.jar",
                "prometheus-metrics-exposition-textformats-1.10.0.jar",
                "prometheus-metrics-instrumentation-jvm-1.10.0.jar");
        assertThat(lib).noneMatch(jar -> jar.startsWith("kotlin")).noneMatch(jar -> jar.contains("protobuf"))
                .noneMatch(jar -> jar.startsWith("prometheus-metrics-exposition-formats"));
    }
}
