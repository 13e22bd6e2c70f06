package dev.patchbay.host.plugin;

import dev.patchbay.api.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plugins as a start check ({@code --start}) found them: the code-free discovery of this process, with each
 * plugin that was to be started taking the state, problems and settings the check reported for it. A plugin the
 * check does not account for (the check failed, or did not list it) is FAILED with the check's problem, so a
 * failed check never reads as a pass. Its extensions answer {@code settings()} from the report and create nothing.
 */
public final class StartedCatalog implements ExtensionCatalog {

    private final List<PluginInfo> plugins;
    private final Map<PluginInfo, List<StartReport.ExtensionSettings>> settings;

    private StartedCatalog(List<PluginInfo> plugins, Map<PluginInfo, List<StartReport.ExtensionSettings>> settings) {
        this.plugins = List.copyOf(plugins);
        this.settings = Map.copyOf(settings);
    }

    /**
     * @param discovered the plugins as this process discovered them, in its order
     * @param report what the start check found
     */
    public static StartedCatalog of(List<PluginInfo> discovered, StartReport report) {
        Objects.requireNonNull(report, "report");
        List<PluginInfo> merged = new ArrayList<>();
        Map<PluginInfo, List<StartReport.ExtensionSettings>> settings = new LinkedHashMap<>();
        for (PluginInfo info : discovered) {
            if (info.state() != PluginState.RESOLVED) {
                merged.add(info);
                continue;
            }
            Optional<StartReport.StartedPlugin> found = report.find(info.path(), info.id(), info.version());
            PluginInfo after;
            if (report.failure().isPresent()) {
                after = info.withState(PluginState.FAILED, List.of(blame(info, report.failure().get())));
            } else if (found.isEmpty()) {
                after = info.withState(PluginState.FAILED, List.of(new Problem(ProblemCode.START_CHECK_FAILED,
                        label(info) + " is missing from the start check's report; the archive may have changed while "
                                + "it ran: run the command again")));
            } else if (found.get().state() == PluginState.STARTED || found.get().state() == PluginState.FAILED) {
                after = info.withState(found.get().state(), found.get().problems());
            } else {
                after = info;
            }
            merged.add(after);
            if (after.state() == PluginState.STARTED) {
                settings.put(after, found.orElseThrow().extensions());
            }
        }
        return new StartedCatalog(merged, settings);
    }

    /**
     * Runs the start check on the plugins discovery left RESOLVED, and merges its report; runs nothing when no
     * plugin is to be started.
     */
    public static StartedCatalog check(List<PluginInfo> discovered, IsolatedStart start, StartRequest request) {
        boolean any = discovered.stream().anyMatch(info -> info.state() == PluginState.RESOLVED);
        return of(discovered, any ? start.start(request) : StartReport.of(List.of()));
    }

    private static Problem blame(PluginInfo info, Problem failure) {
        return new Problem(failure.code(), label(info) + " could not be checked: " + failure.message());
    }

    private static String label(PluginInfo info) {
        return "plugin '" + info.id() + "'" + (info.version().isEmpty() ? "" : " " + info.version()) + " ("
                + info.path().toAbsolutePath() + ")";
    }

    @Override
    public List<PluginInfo> plugins() {
        return plugins;
    }

    /**
     * The settings each extension of a started plugin reported, by descriptor; an extension whose {@code settings()}
     * threw is left out (see {@link #settingsError}). Empty unless the plugin is STARTED.
     */
    public Optional<Map<ExtensionDescriptor, List<Setting>>> settings(PluginInfo info) {
        List<StartReport.ExtensionSettings> reported = settings.get(info);
        if (reported == null) {
            return Optional.empty();
        }
        Map<ExtensionDescriptor, List<Setting>> all = new LinkedHashMap<>();
        for (ExtensionDescriptor descriptor : info.extensions()) {
            reported(reported, descriptor).flatMap(StartReport.ExtensionSettings::settings)
                    .ifPresent(list -> all.put(descriptor, list));
        }
        return Optional.of(all);
    }

    /** What an extension's {@code settings()} threw in the start check, if it threw. */
    public Optional<String> settingsError(PluginInfo info, ExtensionDescriptor descriptor) {
        return Optional.ofNullable(settings.get(info)).flatMap(reported -> reported(reported, descriptor))
                .flatMap(StartReport.ExtensionSettings::error);
    }

    private static Optional<StartReport.ExtensionSettings> reported(List<StartReport.ExtensionSettings> reported,
            ExtensionDescriptor descriptor) {
        return reported.stream().filter(e -> e.kind() == descriptor.kind() && e.name().equals(descriptor.name()))
                .findFirst();
    }

    @Override
    public Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
        return extension(pluginId, VersionRange.ANY, kind, name);
    }

    @Override
    public Optional<LoadedExtension> extension(String pluginId, VersionRange range, ExtensionKind kind, String name) {
        List<LoadedExtension> all = extensions(pluginId, range, kind, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    @Override
    public List<LoadedExtension> extensions(String pluginId, VersionRange range, ExtensionKind kind, String name) {
        List<LoadedExtension> found = new ArrayList<>();
        // plugins() is in id then version order: walked backwards, the highest version comes first.
        for (int i = plugins.size() - 1; i >= 0; i--) {
            PluginInfo info = plugins.get(i);
            if (!info.id().equals(pluginId) || info.state() != PluginState.STARTED
                    || !range.contains(info.version())) {
                continue;
            }
            for (ExtensionDescriptor descriptor : info.extensions()) {
                if (descriptor.kind() != kind || !descriptor.name().equals(name)) {
                    continue;
                }
                Optional<StartReport.ExtensionSettings> reported = reported(settings.get(info), descriptor);
                if (reported.isEmpty()) {
                    continue;
                }
                PluginHandle handle = PluginHandle.standalone(info.id(), info.version(),
                        new PluginScope(info.id(), StartedCatalog.class.getClassLoader()));
                found.add(new LoadedExtension(handle, descriptor, ReportedFactories.of(kind,
                        descriptor.reference(info.id()), reported.get().settings(), reported.get().error())));
            }
        }
        return List.copyOf(found);
    }
}
