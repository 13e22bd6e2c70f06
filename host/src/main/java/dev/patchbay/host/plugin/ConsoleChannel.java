package dev.patchbay.host.plugin;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The two console streams plugin code can print to, and how a line printed to each is logged: on the
 * logger {@code plugin.<id>.stdout} at INFO or {@code plugin.<id>.stderr} at WARN, children of the
 * {@code plugin.<id>} logger that {@link PluginLoggers} hands to the plugin's extensions.
 */
enum ConsoleChannel {

    STDOUT("stdout") {
        @Override
        void write(Logger logger, String text) {
            logger.info(text);
        }
    },
    STDERR("stderr") {
        @Override
        void write(Logger logger, String text) {
            logger.warn(text);
        }
    };

    private final String suffix;

    ConsoleChannel(String suffix) {
        this.suffix = suffix;
    }

    String loggerName(String pluginId) {
        return "plugin." + pluginId + "." + suffix;
    }

    /**
     * Logs one line with MDC {@code plugin} and {@code stage} as they were where it was written, then
     * restores this thread's MDC.
     */
    void log(PrintOrigin origin, String text) {
        String previousPlugin = MDC.get(PluginScope.MDC_PLUGIN);
        String previousStage = MDC.get(PluginLoggers.MDC_STAGE);
        MDC.put(PluginScope.MDC_PLUGIN, origin.pluginId());
        set(PluginLoggers.MDC_STAGE, origin.stage());
        try {
            write(LoggerFactory.getLogger(loggerName(origin.pluginId())), text);
        } finally {
            set(PluginScope.MDC_PLUGIN, Optional.ofNullable(previousPlugin));
            set(PluginLoggers.MDC_STAGE, Optional.ofNullable(previousStage));
        }
    }

    abstract void write(Logger logger, String text);

    private static void set(String key, Optional<String> value) {
        if (value.isPresent()) {
            MDC.put(key, value.get());
        } else {
            MDC.remove(key);
        }
    }
}
