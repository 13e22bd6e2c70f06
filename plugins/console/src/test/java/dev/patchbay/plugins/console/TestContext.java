package dev.patchbay.plugins.console;

import dev.patchbay.api.ExtensionContext;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** An ExtensionContext for tests whose logger keeps every line it receives. */
final class TestContext implements ExtensionContext {

    private final RecordingLogger logger = new RecordingLogger();

    @Override
    public String pluginId() {
        return "console";
    }

    @Override
    public String extensionName() {
        return PrintSinkFactory.NAME;
    }

    @Override
    public String stageId() {
        return "demo/sink";
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Path baseDirectory() {
        return Path.of("").toAbsolutePath();
    }

    List<String> logLines() {
        return List.copyOf(logger.lines);
    }

    private static final class RecordingLogger implements System.Logger {

        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "plugin.console";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + (params == null || params.length == 0 ? format
                    : MessageFormat.format(format, params)));
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            lines.add(level + " " + supplier.get());
        }
    }
}
