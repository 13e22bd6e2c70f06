package dev.patchbay.host.plugin;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The loggers handed to extensions through {@code ExtensionContext.logger()}: {@link System.Logger}s
 * backed by SLF4J, named {@code plugin.<id>}, that put the MDC keys {@code plugin} and {@code stage} on
 * every line they write.
 */
public final class PluginLoggers {

    /** The MDC key that holds the id of the pipeline stage whose extension is logging. */
    public static final String MDC_STAGE = "stage";

    private PluginLoggers() {
    }

    /**
     * Returns a logger for one stage of a plugin's extension.
     *
     * @param pluginId the plugin id, which names the logger {@code plugin.<id>}
     * @param stageId the stage id, such as {@code demo/processors[1]}
     */
    public static System.Logger forStage(String pluginId, String stageId) {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(stageId, "stageId");
        return new Slf4jSystemLogger(LoggerFactory.getLogger("plugin." + pluginId), pluginId, stageId);
    }

    private static final class Slf4jSystemLogger implements System.Logger {

        private final Logger delegate;
        private final String pluginId;
        private final String stageId;

        Slf4jSystemLogger(Logger delegate, String pluginId, String stageId) {
            this.delegate = delegate;
            this.pluginId = pluginId;
            this.stageId = stageId;
        }

        @Override
        public String getName() {
            return delegate.getName();
        }

        @Override
        public boolean isLoggable(Level level) {
            return switch (level) {
                case ALL, TRACE -> delegate.isTraceEnabled();
                case DEBUG -> delegate.isDebugEnabled();
                case INFO -> delegate.isInfoEnabled();
                case WARNING -> delegate.isWarnEnabled();
                case ERROR -> delegate.isErrorEnabled();
                case OFF -> false;
            };
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                write(level, localise(bundle, message), thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                String pattern = localise(bundle, format);
                String message = params == null || params.length == 0 ? pattern : MessageFormat.format(pattern, params);
                write(level, message, null);
            }
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            if (isLoggable(level)) {
                write(level, supplier.get(), null);
            }
        }

        @Override
        public void log(Level level, Supplier<String> supplier, Throwable thrown) {
            if (isLoggable(level)) {
                write(level, supplier.get(), thrown);
            }
        }

        private void write(Level level, String message, Throwable thrown) {
            String previousPlugin = MDC.get(PluginScope.MDC_PLUGIN);
            String previousStage = MDC.get(MDC_STAGE);
            MDC.put(PluginScope.MDC_PLUGIN, pluginId);
            MDC.put(MDC_STAGE, stageId);
            try {
                switch (level) {
                    case ALL, TRACE -> delegate.trace(message, thrown);
                    case DEBUG -> delegate.debug(message, thrown);
                    case INFO -> delegate.info(message, thrown);
                    case WARNING -> delegate.warn(message, thrown);
                    case ERROR -> delegate.error(message, thrown);
                    case OFF -> {
                        // never written
                    }
                }
            } finally {
                restore(PluginScope.MDC_PLUGIN, previousPlugin);
                restore(MDC_STAGE, previousStage);
            }
        }

        private static void restore(String key, String previous) {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        }

        private static String localise(ResourceBundle bundle, String key) {
            if (bundle != null && key != null && bundle.containsKey(key)) {
                return bundle.getString(key);
            }
            return String.valueOf(key);
        }
    }
}
