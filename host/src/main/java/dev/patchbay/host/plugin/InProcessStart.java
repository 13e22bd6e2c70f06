package dev.patchbay.host.plugin;

import dev.patchbay.api.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts the plugins in this JVM and reports what they did: what the separate JVM of {@link ChildJvmStart} runs,
 * and what trusted callers (the test kit's verify, an author's own plugin) use directly. The platform is closed,
 * and every plugin stopped, before {@link #start} returns.
 */
public final class InProcessStart implements IsolatedStart {

    private final PluginClassLoaderFactory classLoaders;

    public InProcessStart() {
        this(PluginClassLoaderFactory.standard());
    }

    InProcessStart(PluginClassLoaderFactory classLoaders) {
        this.classLoaders = Objects.requireNonNull(classLoaders, "classLoaders");
    }

    @Override
    public StartReport start(StartRequest request) {
        List<StartReport.StartedPlugin> started = new ArrayList<>();
        try (PluginPlatform platform = request.platform(classLoaders)) {
            for (PluginInfo info : platform.start()) {
                started.add(new StartReport.StartedPlugin(info.path(), info.id(), info.version(), info.state(),
                        info.problems(), info.state() == PluginState.STARTED ? extensions(platform, info) : List.of()));
            }
        }
        return StartReport.of(started);
    }

    private static List<StartReport.ExtensionSettings> extensions(PluginPlatform platform, PluginInfo info) {
        VersionRange exactly = VersionRange.of("=" + info.version());
        List<StartReport.ExtensionSettings> all = new ArrayList<>();
        for (ExtensionDescriptor descriptor : info.extensions()) {
            Optional<LoadedExtension> loaded = platform.extension(info.id(), exactly, descriptor.kind(),
                    descriptor.name());
            if (loaded.isEmpty()) {
                continue;
            }
            try {
                List<Setting> settings = loaded.get().settings();
                all.add(new StartReport.ExtensionSettings(descriptor.kind(), descriptor.name(), Optional.of(settings),
                        Optional.empty()));
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                // Plugin code threw; the caller reports it on this extension, as the pipeline check does.
                all.add(new StartReport.ExtensionSettings(descriptor.kind(), descriptor.name(), Optional.empty(),
                        Optional.of(e.toString())));
            }
        }
        return all;
    }
}
