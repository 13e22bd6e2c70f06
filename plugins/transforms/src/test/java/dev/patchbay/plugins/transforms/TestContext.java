package dev.patchbay.plugins.transforms;

import dev.patchbay.api.ExtensionContext;
import java.nio.file.Path;

/** The host's side of a processor, as far as the transforms need it. */
final class TestContext implements ExtensionContext {

    private final String extensionName;
    private final RecordingLogger logger = new RecordingLogger();

    TestContext(String extensionName) {
        this.extensionName = extensionName;
    }

    @Override
    public String pluginId() {
        return "transforms";
    }

    @Override
    public String extensionName() {
        return extensionName;
    }

    @Override
    public String stageId() {
        return "test/processors[0]";
    }

    @Override
    public RecordingLogger logger() {
        return logger;
    }

    @Override
    public Path baseDirectory() {
        return Path.of("").toAbsolutePath();
    }
}
