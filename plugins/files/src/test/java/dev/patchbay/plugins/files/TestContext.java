package dev.patchbay.plugins.files;

import dev.patchbay.api.Position;
import dev.patchbay.api.SourceContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;

/** A host context for tests: a base directory, an optional resume position and a logger that records. */
final class TestContext implements SourceContext {

    private final String extension;
    private final Path base;
    private final Optional<Position> resumeFrom;
    private final RecordingLogger logger = new RecordingLogger();

    TestContext(String extension, Path base, Optional<Position> resumeFrom) {
        this.extension = extension;
        this.base = base;
        this.resumeFrom = resumeFrom;
    }

    TestContext(String extension, Path base) {
        this(extension, base, Optional.empty());
    }

    List<String> logged() {
        return logger.messages();
    }

    @Override
    public String pluginId() {
        return "files";
    }

    @Override
    public String extensionName() {
        return extension;
    }

    @Override
    public String stageId() {
        return "test/" + extension;
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Path baseDirectory() {
        return base;
    }

    @Override
    public Optional<Position> resumeFrom() {
        return resumeFrom;
    }

    /** Keeps every message with its level; guarded by its own monitor. */
    static final class RecordingLogger implements System.Logger {

        private final List<String> messages = new ArrayList<>();

        synchronized List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            messages.add(level + " " + msg);
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
            messages.add(level + " " + (params == null || params.length == 0 ? format
                    : java.text.MessageFormat.format(format, params)));
        }
    }
}
