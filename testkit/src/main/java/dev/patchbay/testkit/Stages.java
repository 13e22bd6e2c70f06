package dev.patchbay.testkit;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import dev.patchbay.host.config.SettingsProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every tester does before it creates a stage: names the extension, and validates the settings the way
 * {@code config check} does, inside the factory's class loader. The host class used here is shaded into the
 * kit jar (relocated under {@code dev.patchbay.testkit.internal}), so authors never see the host.
 */
final class Stages {

    private Stages() {
    }

    /** The name in the factory's {@code @Extension}, or {@code test-extension} when it has none. */
    static String name(ExtensionFactory factory) {
        Extension extension = factory.getClass().getAnnotation(Extension.class);
        return extension != null ? extension.name() : "test-extension";
    }

    /** A default context for the factory: its {@code @Extension} name, every other value defaulted. */
    static TestContext defaultContext(ExtensionFactory factory) {
        return TestContext.builder().extensionName(name(factory)).build();
    }

    /**
     * Validates and resolves the settings inside the factory's class loader.
     *
     * @throws SettingsError listing every problem the host would report
     */
    @SuppressWarnings("try") // the call handle is used only for its close()
    static Settings settings(ExtensionFactory factory, Map<String, ?> values, TestContext context) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(values, "settings");
        Objects.requireNonNull(context, "context");
        try (PluginCall ignored = PluginCall.enter(PluginCall.loaderOf(factory))) {
            List<Setting> spec = List.copyOf(factory.settings());
            String name = context.extensionName();
            List<SettingsProblems.Problem> problems = SettingsProblems.check(name, values, spec);
            if (!problems.isEmpty()) {
                List<String> paths = new ArrayList<>();
                List<String> messages = new ArrayList<>();
                List<String> fixes = new ArrayList<>();
                for (SettingsProblems.Problem problem : problems) {
                    paths.add(problem.key().map(key -> "settings." + key).orElse("settings"));
                    messages.add(context.use() + ": " + problem.message());
                    fixes.add(problem.fix());
                }
                throw new SettingsError(context.use(), paths, messages, fixes);
            }
            return Settings.of(name, values, spec);
        }
    }

    /**
     * Creates a stage inside the factory's class loader, as the host does; a factory that returns null fails
     * the test.
     *
     * @param kind {@code source}, {@code processor} or {@code sink}, for the message
     */
    @SuppressWarnings("try") // the call handle is used only for its close()
    static <S> S create(ExtensionFactory factory, TestContext context, String kind, Supplier<S> creation) {
        try (PluginCall ignored = PluginCall.enter(PluginCall.loaderOf(factory))) {
            S stage = creation.get();
            if (stage == null) {
                throw new AssertionError(context.use() + ": create returned null; return a " + kind);
            }
            return stage;
        }
    }
}
