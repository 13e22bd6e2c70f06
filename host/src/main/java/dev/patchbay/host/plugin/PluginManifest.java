package dev.patchbay.host.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.pf4j.DefaultPluginDescriptor;

/**
 * A plugin's descriptor as read from its manifest, with every problem found in it. Parsing never throws
 * for bad content: each malformed attribute becomes a {@link Problem}.
 */
record PluginManifest(String id, boolean hasId, String version, String provider, String license,
        String description, String requires, List<PluginDependency> dependencies, List<Problem> problems) {

    static final String ID = "Plugin-Id";
    static final String VERSION = "Plugin-Version";
    static final String PROVIDER = "Plugin-Provider";
    static final String LICENSE = "Plugin-License";
    static final String DESCRIPTION = "Plugin-Description";
    static final String REQUIRES = "Plugin-Requires";
    static final String DEPENDENCIES = "Plugin-Dependencies";

    /** Plugin ids appear in references such as {@code files/csv-source}, so they are kept simple. */
    static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * @param id the declared id, or the archive's file name when it has no usable one
     * @param hasId whether the manifest names a usable id; without one the plugin can be neither enabled nor
     *              disabled, and it fails
     */
    PluginManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(requires, "requires");
        dependencies = List.copyOf(dependencies);
        problems = List.copyOf(problems);
    }

    /**
     * Reads the descriptor attributes.
     *
     * @param manifest the manifest
     * @param fileName the archive's file name, used as the id when the manifest has none
     * @param versions the version rules
     */
    static PluginManifest parse(Manifest manifest, String fileName, Versions versions) {
        Attributes attributes = manifest.getMainAttributes();
        List<Problem> problems = new ArrayList<>();
        String id = value(attributes, ID);
        boolean hasId = false;
        if (id.isEmpty()) {
            problems.add(new Problem(ProblemCode.MISSING_DESCRIPTOR, "plugin archive '" + fileName
                    + "' has a manifest without " + ID + "; add '" + ID + ": <id>' to META-INF/MANIFEST.MF"
                    + " (for Maven, a <manifestEntries> element of maven-jar-plugin)"));
            id = fileName;
        } else if (!ID_PATTERN.matcher(id).matches()) {
            problems.add(new Problem(ProblemCode.INVALID_DESCRIPTOR, "plugin archive '" + fileName + "' declares "
                    + ID + " '" + id + "', which is not a valid id; use letters, digits, '.', '_' and '-',"
                    + " starting with a letter or digit"));
            id = fileName;
        } else {
            hasId = true;
        }
        String label = "plugin '" + id + "'";
        String version = value(attributes, VERSION);
        if (version.isEmpty()) {
            problems.add(new Problem(ProblemCode.INVALID_DESCRIPTOR, label + " (" + fileName + ") has no " + VERSION
                    + "; add a semantic version such as '" + VERSION + ": 1.0.0' to its manifest"));
        } else if (!versions.isValidVersion(version)) {
            problems.add(new Problem(ProblemCode.INVALID_DESCRIPTOR, label + " (" + fileName + ") declares "
                    + VERSION + " '" + version + "', which is not a semantic version; use MAJOR.MINOR.PATCH"
                    + " such as 1.0.0"));
        }
        String requires = value(attributes, REQUIRES);
        if (requires.isEmpty()) {
            requires = "*";
        } else if (!versions.isValidRange(requires)) {
            problems.add(new Problem(ProblemCode.INVALID_DESCRIPTOR, label + " (" + fileName + ") declares "
                    + REQUIRES + " '" + requires + "', which is not a version range; write it like"
                    + " '>=1.0.0 & <2.0.0'"));
        }
        List<PluginDependency> dependencies = List.of();
        try {
            dependencies = parseDependencies(value(attributes, DEPENDENCIES), versions);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(ProblemCode.INVALID_DESCRIPTOR, label + " (" + fileName + ") declares "
                    + DEPENDENCIES + " '" + value(attributes, DEPENDENCIES) + "': " + e.getMessage()));
        }
        return new PluginManifest(id, hasId, version, value(attributes, PROVIDER), value(attributes, LICENSE),
                value(attributes, DESCRIPTION), requires, dependencies, problems);
    }

    /**
     * Parses {@code Plugin-Dependencies}: comma-separated {@code id[?][@range]} entries, where {@code ?}
     * marks an optional dependency and a missing range means any version.
     *
     * @throws IllegalArgumentException naming the bad entry and how to write it
     */
    static List<PluginDependency> parseDependencies(String text, Versions versions) {
        List<PluginDependency> dependencies = new ArrayList<>();
        if (text.isBlank()) {
            return dependencies;
        }
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("it has an empty entry; separate dependencies with single commas,"
                        + " as in 'csv@>=1.0.0 & <2.0.0, geo?@*'");
            }
            int at = entry.indexOf('@');
            String id = (at < 0 ? entry : entry.substring(0, at)).trim();
            String range = at < 0 ? "*" : entry.substring(at + 1).trim();
            boolean optional = id.endsWith("?");
            if (optional) {
                id = id.substring(0, id.length() - 1).trim();
            }
            if (!ID_PATTERN.matcher(id).matches()) {
                throw new IllegalArgumentException("entry '" + entry + "' does not start with a plugin id; write"
                        + " 'id@range', or 'id?@range' for an optional dependency");
            }
            if (range.isEmpty() || !versions.isValidRange(range)) {
                throw new IllegalArgumentException("entry '" + entry + "' has the range '" + range
                        + "', which is not a version range; write it like '" + id + "@>=1.0.0 & <2.0.0' or '"
                        + id + "@*'");
            }
            dependencies.add(new PluginDependency(id, range, optional));
        }
        return dependencies;
    }

    /** The descriptor handed to pf4j. */
    DefaultPluginDescriptor toPf4j() {
        DefaultPluginDescriptor descriptor = new DefaultPluginDescriptor(id, description, "", version, requires,
                provider, license);
        for (PluginDependency dependency : dependencies) {
            descriptor.addDependency(new org.pf4j.PluginDependency(
                    dependency.pluginId() + (dependency.optional() ? "?" : "") + "@" + dependency.versionRange()));
        }
        return descriptor;
    }

    /**
     * The descriptor pf4j keeps the loaded plugin under: this manifest's, under another id and without
     * dependencies, which the platform links and orders itself.
     */
    DefaultPluginDescriptor toPf4j(String pf4jId) {
        return new DefaultPluginDescriptor(pf4jId, description, "", version, requires, provider, license);
    }

    private static String value(Attributes attributes, String name) {
        String value = attributes.getValue(name);
        return value == null ? "" : value.trim();
    }
}
