package dev.patchbay.host.cli;

import dev.patchbay.api.Setting;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.pipeline.VersionUsers;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.PluginDependency;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The human-readable output of the commands. Not a stable format; scripts use {@code --json}. */
final class TextOutput {

    private TextOutput() {
    }

    /** A path relative to the home when it lies inside, absolute otherwise. */
    static String shortPath(Path path, Path home) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(home) ? home.relativize(absolute).toString() : absolute.toString();
    }

    static void pluginSummary(PrintWriter out, PluginInfo info, Path home, List<VersionUsers.StageUser> users) {
        out.println(info.id() + (info.version().isEmpty() ? "" : " " + info.version()) + "  " + info.state());
        out.println("  api:        " + info.requires());
        out.println("  file:       " + shortPath(info.path(), home));
        out.println("  extensions: " + (info.extensions().isEmpty() ? "(none)" : info.extensions().stream()
                .map(e -> e.kind().label() + " " + e.name()).collect(Collectors.joining(", "))));
        out.println("  used by:    " + usedBy(users));
        problems(out, info.problems());
        warnings(out, info.warnings());
    }

    /** Such as {@code pipeline 'orders' (source files/csv-source), pipeline 'audit' (sink files/jsonl-sink)}. */
    static String usedBy(List<VersionUsers.StageUser> users) {
        return users.isEmpty() ? "(no configured pipeline)" : String.join(", ", VersionUsers.describe(users));
    }

    static void problems(PrintWriter out, List<Problem> problems) {
        listed(out, "problems", problems);
    }

    static void warnings(PrintWriter out, List<Problem> warnings) {
        listed(out, "warnings", warnings);
    }

    private static void listed(PrintWriter out, String heading, List<Problem> problems) {
        if (!problems.isEmpty()) {
            out.println("  " + heading + ":");
            for (Problem problem : problems) {
                out.println("    " + problem.code().id() + "  " + problem.message());
            }
        }
    }

    /** Such as {@code CN=Patchbay Release, O=Patchbay}, or {@code (unsigned)}. */
    static String signers(PluginInfo info) {
        return info.signers().isEmpty() ? "(unsigned)" : String.join("; ", info.signers());
    }

    static void pluginDetails(PrintWriter out, PluginInfo info, Path home,
            Optional<Map<ExtensionDescriptor, List<Setting>>> settings, List<VersionUsers.StageUser> users) {
        out.println(info.id() + (info.version().isEmpty() ? "" : " " + info.version()) + "  " + info.state());
        if (!info.description().isEmpty()) {
            out.println("  " + info.description());
        }
        out.println("  provider:     " + orDash(info.provider()));
        out.println("  license:      " + orDash(info.license()));
        out.println("  api:          " + info.requires());
        out.println("  file:         " + shortPath(info.path(), home));
        out.println("  dependencies: " + (info.dependencies().isEmpty() ? "(none)" : info.dependencies().stream()
                .map(TextOutput::dependency).collect(Collectors.joining(", "))));
        out.println("  signed by:    " + signers(info));
        out.println("  used by:      " + usedBy(users));
        problems(out, info.problems());
        warnings(out, info.warnings());
        if (info.extensions().isEmpty()) {
            out.println("  extensions:   (none)");
        }
        for (ExtensionDescriptor extension : info.extensions()) {
            out.println();
            out.println("  " + extension.kind().label() + " " + extension.reference(info.id())
                    + (extension.description().isEmpty() ? "" : ": " + extension.description()));
            if (extension.kind() == dev.patchbay.host.plugin.ExtensionKind.PROCESSOR && !extension.parallel()) {
                out.println("    parallel: no (@Sequential: a pipeline using it runs its processors on "
                        + "one worker)");
            }
            List<Setting> described = settings.map(all -> all.get(extension)).orElse(null);
            if (described == null) {
                // RESOLVED is a plugin whose code was not run (a started platform leaves none RESOLVED).
                out.println("    settings: " + (info.state() == PluginState.RESOLVED ? "not read ("
                        + StartOptions.NOT_RUN + ")" : "not available (the plugin is " + info.state() + ", not STARTED)"));
            } else if (described.isEmpty()) {
                out.println("    settings: none");
            } else {
                out.println("    settings:");
                for (Setting setting : described) {
                    out.println("      " + setting(setting));
                    out.println("          " + setting.description());
                }
            }
        }
    }

    static String setting(Setting setting) {
        StringBuilder line = new StringBuilder();
        line.append(setting.key()).append("  ").append(setting.type().jsonName());
        line.append(setting.required() ? ", required" : ", optional");
        setting.defaultValue().ifPresent(v -> line.append(", default ").append(JsonOutput.value(v)));
        if (!setting.choices().isEmpty()) {
            line.append(", one of ").append(String.join("|", setting.choices()));
        }
        return line.toString();
    }

    static String dependency(PluginDependency dependency) {
        return dependency.pluginId() + (dependency.optional() ? "?" : "") + "@" + dependency.versionRange();
    }

    static void configErrors(PrintWriter out, String heading, List<ConfigError> errors) {
        out.println(heading);
        for (ConfigError error : errors) {
            out.println("  " + error.path() + " (line " + error.location().line() + ", column "
                    + error.location().column() + ")");
            out.println("      " + error.message());
            out.println("      fix: " + error.fix());
        }
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "-" : value;
    }
}
