package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceFileNamesTest {

    @ParameterizedTest(name = "{0} meant for the api: {1}, kind {2}")
    @CsvSource(nullValues = "-", value = {
            "META-INF/service/dev.patchbay.api.ProcessorFactory, true, PROCESSOR",
            "META-INF/Services/dev.patchbay.api.SinkFactory, true, SINK",
            "META-INF/services/dev.patchbay.api.ProcesorFactory, true, PROCESSOR",
            "META-INF/services/dev.patchbay.api.Processor, true, PROCESSOR",
            "META-INF/services/dev.patchbay.api.sourcefactory, true, SOURCE",
            "META-INF/services/dev.patchbay.api.Sinks, true, SINK",
            "META-INF/services/dev.patchbay.apl.SourceFactory, true, SOURCE",
            "META-INF/services/dev.patchbay.api.ExtensionFactory, true, -",
            "META-INF/services/ProcessorFactory, true, PROCESSOR",
            "META-INF/servics/SinkFactory, true, SINK",
            "META-INF/dev.patchbay.api.ProcessorFactory, true, PROCESSOR",
            "dev.patchbay.contrib.GeoProcessorFactory, false, -",
            "dev.patchbay.contrib.SinkFactory, true, SINK",
            "META-INF/services/com.acme.spi.ProcessorFactory, false, PROCESSOR",
            "META-INF/services/java.sql.Driver, false, -",
            "META-INF/services/org.slf4j.spi.SLF4JServiceProvider, false, -",
            "META-INF/MANIFEST.MF, false, -",
            "docs/ProcessorFactory, false, PROCESSOR",
            "dev/patchbay/api/ProcessorFactory.class, false, -",
    })
    void recognisesFilesMeantToBeAnApiServiceFileAndTheKindTheyWereMeantFor(String path, boolean meant,
            ExtensionKind kind) {
        assertThat(ServiceFileNames.meantForApi(path)).isEqualTo(meant);
        if (!path.endsWith(".class")) {
            assertThat(ServiceFileNames.kindNamed(ServiceFileNames.nameOf(path))).isEqualTo(Optional.ofNullable(kind));
        }
    }

    @ParameterizedTest(name = "{0} is exactly {1}")
    @CsvSource(nullValues = "-", value = {
            "META-INF/services/dev.patchbay.api.SourceFactory, SOURCE",
            "META-INF/services/dev.patchbay.api.ProcessorFactory, PROCESSOR",
            "META-INF/services/dev.patchbay.api.SinkFactory, SINK",
            "META-INF/services/dev.patchbay.api.sinkfactory, -",
            "classes/META-INF/services/dev.patchbay.api.SinkFactory, -",
    })
    void exactKindMatchesOnlyTheExactServiceFilePath(String path, ExtensionKind kind) {
        assertThat(ServiceFileNames.exactKind(path)).isEqualTo(Optional.ofNullable(kind));
    }

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({"services, service, 1", "services, Services, 1", "processorfactory, procesorfactory, 1",
            "'', abc, 3", "kitten, sitting, 3", "same, same, 0"})
    void distanceCountsSingleCharacterEdits(String a, String b, int expected) {
        assertThat(EditDistance.between(a, b)).isEqualTo(expected);
    }
}
