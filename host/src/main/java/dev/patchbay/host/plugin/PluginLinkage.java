package dev.patchbay.host.plugin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The linkage check as discovery runs it on one archive: the references of its reachable classes against the JDK,
 * api, slf4j-api and its own roots ({@link LinkageCheck}), the slow pass that names the methods of what it found
 * ({@link ReferenceLocator}), and the JDK packages it bundles ({@link PackageConflicts}). What only a dependency can
 * provide is left for {@link DependencyLinkage} after resolution. Thread-safe.
 */
final class PluginLinkage {

    /** Problems make the plugin FAILED, warnings are shown, deferred references go to the dependency part. */
    record Result(List<Problem> problems, List<Problem> warnings, LinkageCheck.Deferred deferred) {
        Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(deferred, "deferred");
        }
    }

    private final LinkageCheck check;
    private final LinkageMessages messages;
    private final PackageConflicts conflicts;

    PluginLinkage(LinkageCheck check, LinkageMessages messages, PackageConflicts conflicts) {
        this.check = Objects.requireNonNull(check, "check");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.conflicts = Objects.requireNonNull(conflicts, "conflicts");
    }

    /** The check against the running JDK, api and slf4j-api. */
    PluginLinkage(String apiVersion) {
        this(new PlatformClasses(), apiVersion);
    }

    private PluginLinkage(PlatformClasses platform, String apiVersion) {
        this(new LinkageCheck(platform), new LinkageMessages(apiVersion, platform), PackageConflicts.ofRunningJdk());
    }

    LinkageCheck check() {
        return check;
    }

    LinkageMessages messages() {
        return messages;
    }

    Result atDiscovery(PluginManifest plugin, String file, PluginContent content, PluginClasses classes,
            Set<String> packages) throws IOException {
        List<String> entryPoints = new ArrayList<>();
        for (ExtensionKind kind : ExtensionKind.values()) {
            entryPoints.addAll(content.serviceProviders(kind.serviceFile()));
        }
        LinkageCheck.Outcome outcome = check.check(classes, entryPoints, !plugin.dependencies().isEmpty());
        List<Problem> problems = new ArrayList<>(messages.problems(plugin, file,
                LinkageCheck.locate(outcome.findings(), content::read)));
        PackageConflicts.Result bundled = conflicts.check(plugin, file, packages);
        problems.addAll(bundled.failures());
        return new Result(problems, bundled.warnings(), outcome.deferred());
    }
}
