package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * At DEBUG, discovery says what it read from each archive: the author guide's second step for a plugin
 * that does not load ({@code patchbay --log-level DEBUG plugins list}).
 */
class PluginDiscoveryLoggingTest {

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(PluginDiscovery.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level level;

    @BeforeEach
    void captureDebug() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }

    @Test
    void debugLogNamesTheArchiveItsClassPathTheApiRangeAndEveryExtensionFound() {
        Path jar = PluginJarBuilder.plugin("geo").processor("com.example.geo.Lookup", "lookup").buildJar(dir);

        new PluginDiscovery().discover(jar, PluginSelection.all());

        assertThat(messages()).singleElement().asString()
                .contains("Discovered plugin 'geo'", jar.toString(), "requires api", "patchbay-plugin-geo-",
                        "geo.jar]", "1 extension(s) [processor lookup = com.example.geo.Lookup]", "state RESOLVED")
                .doesNotContain("class path [" + jar);
        assertThat(appender.list.get(0).getMDCPropertyMap()).containsEntry(PluginScope.MDC_PLUGIN, "geo");
        assertThat(MDC.get(PluginScope.MDC_PLUGIN)).isNull();
    }

    @Test
    void debugLogOfAPluginWithoutServiceFilesShowsThatNoExtensionWasFound() {
        Path jar = PluginJarBuilder.plugin("geo").resource("geo/README.txt", "hi").buildJar(dir);

        new PluginDiscovery().discover(jar, PluginSelection.all());

        assertThat(messages()).singleElement().asString().contains("Discovered plugin 'geo'", "0 extension(s) []");
    }

    @Test
    void nothingIsFormattedAboveDebug() {
        logger.setLevel(Level.INFO);
        Path jar = PluginJarBuilder.plugin("geo").processor("com.example.geo.Lookup", "lookup").buildJar(dir);

        new PluginDiscovery().discover(jar, PluginSelection.all());

        assertThat(messages()).isEmpty();
    }

    private List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
