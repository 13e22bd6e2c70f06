package dev.patchbay.host.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns linkage findings into problems: one per code and plugin, naming up to {@link #SHOWN} missing classes or
 * members with the class and method that use each, counting the rest, and saying how to fix it.
 */
final class LinkageMessages {

    /** How many findings a message names; the rest are counted. */
    static final int SHOWN = 5;

    private final String apiVersion;
    private final PlatformClasses platform;

    LinkageMessages(String apiVersion, PlatformClasses platform) {
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    /** The problems of one plugin's findings, in code order. */
    List<Problem> problems(PluginManifest plugin, String file, List<LinkageFinding> findings) {
        Map<ProblemCode, List<LinkageFinding>> byCode = new LinkedHashMap<>();
        findings.stream().sorted(java.util.Comparator.comparing(LinkageFinding::code))
                .forEach(f -> byCode.computeIfAbsent(f.code(), code -> new ArrayList<>()).add(f));
        List<Problem> problems = new ArrayList<>();
        byCode.forEach((code, list) -> problems.add(new Problem(code, message(plugin, file, code, list))));
        return problems;
    }

    private String message(PluginManifest plugin, String file, ProblemCode code, List<LinkageFinding> findings) {
        String id = plugin.id();
        String who = "plugin '" + id + "'" + (plugin.version().isEmpty() ? "" : " " + plugin.version()) + " (" + file
                + ")";
        String listed = list(findings, code == ProblemCode.MEMBER_MISSING || code == ProblemCode.PACKAGE_CONFLICT);
        return switch (code) {
            case API_MEMBER_MISSING -> who + " uses " + listed + ", which this host's api " + apiVersion
                    + " lacks; the plugin declares Plugin-Requires '" + plugin.requires() + "', so it was built"
                    + " against a newer api than this host has; install a version of '" + id + "' built for api "
                    + Versions.major(apiVersion) + "." + minor(apiVersion) + ", or upgrade the host to the api"
                    + " version '" + id + "' was built for (and correct its Plugin-Requires to that version)";
            case CLASS_NOT_VISIBLE -> who + " references " + listed + ", which no class loader visible to it"
                    + " provides: a plugin sees only the JDK, dev.patchbay.api, slf4j-api, its own classes and"
                    + " lib/ jars, and the packages of its Plugin-Dependencies; " + hint(findings);
            case MEMBER_MISSING -> who + " uses " + listed + ", which the class it sees lacks; a member missing"
                    + " from a JDK class means the plugin needs a newer Java than " + Runtime.version().feature()
                    + ", one missing from a lib/ jar or a dependency means it bundles or links another version of"
                    + " that library than it was compiled against; run the host on the Java the plugin needs, or"
                    + " rebuild '" + id + "' against the library versions it ships and depends on";
            case PACKAGE_CONFLICT -> who + " calls " + listed + ", whose signature uses classes of a package that both"
                    + " the plugin and that dependency bundle; the two copies are different classes, so the call fails"
                    + " with LinkageError (loader constraint violation); stop bundling the library in '" + id
                    + "' and use the dependency's classes";
            default -> throw new IllegalArgumentException("not a linkage code: " + code);
        };
    }

    private String hint(List<LinkageFinding> findings) {
        boolean host = findings.stream().anyMatch(f -> platform.hostHas(f.missingClass().orElse("")));
        boolean other = findings.stream().anyMatch(f -> !platform.hostHas(f.missingClass().orElse("")));
        List<String> hints = new ArrayList<>();
        if (host) {
            hints.add("a class of the host itself (Patchbay's host, pf4j, Jackson, Logback, picocli) is not exported"
                    + " to plugins: use only dev.patchbay.api, and bundle your own copy of any library you need");
        }
        if (other) {
            hints.add("bundle the missing library in the plugin (lib/ of a zip or folder plugin, or shaded into its"
                    + " jar), or declare the plugin that provides its package in Plugin-Dependencies");
        }
        return String.join("; ", hints);
    }

    /**
     * The findings grouped by what is missing, in order: {@code class X in A.run() and B.size()}, with up to two
     * referrers per missing class or member and a count of the rest.
     */
    private static String list(List<LinkageFinding> findings, boolean withOrigin) {
        Map<String, List<LinkageFinding>> byMissing = new LinkedHashMap<>();
        for (LinkageFinding finding : findings) {
            String missing = finding.missing() + (withOrigin ? " of " + finding.ownerOrigin().orElse("?") : "");
            byMissing.computeIfAbsent(missing, m -> new ArrayList<>()).add(finding);
        }
        String shown = byMissing.entrySet().stream().limit(SHOWN).map(entry -> {
            List<LinkageFinding> users = entry.getValue();
            String named = users.stream().limit(2).map(LinkageFinding::referrerDisplay)
                    .collect(Collectors.joining(" and "));
            int others = users.size() - 2;
            return entry.getKey() + " in " + named + (others > 0 ? " and " + others + " more" : "");
        }).collect(Collectors.joining(", "));
        int more = byMissing.size() - SHOWN;
        return more <= 0 ? shown : shown + ", and " + more + " more (" + byMissing.size() + " in all, used in "
                + findings.size() + " places)";
    }

    private static String minor(String version) {
        String[] parts = version.split("[.]");
        return parts.length > 1 ? parts[1] : "0";
    }
}
