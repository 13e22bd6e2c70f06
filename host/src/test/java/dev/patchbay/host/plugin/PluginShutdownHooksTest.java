package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Reading the JDK's shutdown hooks ({@code java.lang.ApplicationShutdownHooks}); the tests run with
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (host/pom.xml), as {@code bin/patchbay} starts the host.
 */
class PluginShutdownHooksTest {

    @TempDir
    Path plugins;

    private final Logger logger = (Logger) LoggerFactory.getLogger(PluginShutdownHooks.class);
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
    void aHookRegisteredWithThePluginsLoaderIsListedAndAttributedToThePlugin() {
        try (SpawnerPlugin spawner = new SpawnerPlugin(plugins)) {
            Thread hook = new Thread(() -> { }, "spawner-flush");
            hook.setContextClassLoader(spawner.loader());
            Thread hostHook = new Thread(() -> { }, "host-flush");
            Runtime.getRuntime().addShutdownHook(hook);
            Runtime.getRuntime().addShutdownHook(hostHook);
            try {
                assertThat(new PluginShutdownHooks().registered()).hasValueSatisfying(hooks -> assertThat(hooks)
                        .contains(hook, hostHook));
                assertThat(PluginThreads.pluginOf(hook)).contains(SpawnerPlugin.ID);
                assertThat(PluginThreads.pluginOf(hostHook)).isEmpty();
            } finally {
                Runtime.getRuntime().removeShutdownHook(hook);
                Runtime.getRuntime().removeShutdownHook(hostHook);
            }
        }
        assertThat(appender.list).isEmpty();
    }

    @Test
    void whenTheHooksCannotBeReadThatIsSaidOnceAtDebugAndNothingIsListed() {
        InaccessibleObjectException denied = new InaccessibleObjectException(
                "module java.base does not \"opens java.lang\" to unnamed module");
        PluginShutdownHooks hooks = new PluginShutdownHooks(() -> {
            throw denied;
        });

        assertThat(hooks.registered()).isEmpty();
        assertThat(hooks.registered()).isEmpty();

        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).contains("shutdown hooks cannot be listed",
                    "--add-opens java.base/java.lang=ALL-UNNAMED", "does not \"opens java.lang\"");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo(denied.getMessage());
        });
    }
}
