package dev.patchbay.samples.bundledlib;

import dev.patchbay.api.ExtensionContext;
import java.nio.file.Path;

/** The host implements ExtensionContext; tests supply this minimal one. */
final class TestContext implements ExtensionContext {

    @Override
    public String pluginId() {
        return "bundled-lib";
    }

    @Override
    public String extensionName() {
        return JsonFieldProcessorFactory.NAME;
    }

    @Override
    public String stageId() {
        return "test/processors[0]";
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("bundled-lib");
    }

    @Override
    public Path baseDirectory() {
        return Path.of("").toAbsolutePath();
    }
}
