package dev.patchbay.host.plugin;

import java.util.List;
import java.util.Objects;

/**
 * Where one plugin gets one class from, and which other archives hold a class of that name or package: the answer of
 * {@code patchbay plugins explain}. Computed from the discovered layout, without loading the class.
 *
 * @param className the class asked about
 * @param pluginId the plugin whose view it is
 * @param pluginVersion its version
 * @param state its state; a plugin that is not RESOLVED or STARTED is explained as it would load
 * @param rule which rule of the plugin's class loader gives the class, or {@link Rule#NOT_VISIBLE}
 * @param from who provides it: {@code the JDK (java.base)}, {@code the host}, {@code plugin 'x' 1.2.0}; empty when
 *        not visible
 * @param file the file it is read from, such as {@code plugins/a.zip!lib/x-1.jar}; empty when not visible
 * @param why the rule in a sentence, or for a class that is not visible why not and what would fix it
 * @param others every other copy of the class, and every other archive with classes of its package
 */
public record ClassExplanation(String className, String pluginId, String pluginVersion, PluginState state, Rule rule,
        String from, String file, String why, List<Copy> others) {

    /** The rules of a plugin's class loader, in the order it applies them. */
    public enum Rule {
        /** The JDK, through the platform class loader. */
        JDK("jdk"),
        /** {@code dev.patchbay.api}, from the host. */
        API("api"),
        /** The slf4j-api packages, from the host. */
        SLF4J("slf4j-api"),
        /** The plugin's own jar, {@code classes/} or {@code lib/} jar. */
        OWN("own"),
        /** A package of a plugin named in {@code Plugin-Dependencies}. */
        DEPENDENCY("dependency"),
        /** No rule gives the class. */
        NOT_VISIBLE("not-visible");

        private final String jsonName;

        Rule(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The rule's name in JSON output. */
        public String jsonName() {
            return jsonName;
        }
    }

    /** How another copy relates to the one the plugin uses. */
    public enum Relation {
        /** A copy the plugin could reach but does not use: a later root of its own, or a dependency it hides. */
        SHADOWED("shadowed"),
        /** A copy of an api class bundled in an archive; the host's is the one every plugin uses. */
        BUNDLED_API("bundled-api"),
        /** The same class name in another archive: harmless until objects of the two meet. */
        CONFLICT("conflict"),
        /** Another archive with classes of the same package but not this class. */
        SPLIT_PACKAGE("split-package");

        private final String jsonName;

        Relation(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The relation's name in JSON output. */
        public String jsonName() {
            return jsonName;
        }
    }

    /**
     * Another archive's copy of the class, or of its package.
     *
     * @param pluginId the archive's plugin id (its file name when the manifest cannot be read)
     * @param version the archive's plugin version, possibly empty
     * @param file the root holding it, such as {@code plugins/b.zip!lib/x-2.jar}
     * @param relation how it relates to the copy the plugin uses
     * @param note a sentence saying what that means
     */
    public record Copy(String pluginId, String version, String file, Relation relation, String note) {
        public Copy {
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(note, "note");
        }
    }

    public ClassExplanation {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(why, "why");
        others = List.copyOf(others);
    }

    /** Whether the plugin can load the class at all. */
    public boolean visible() {
        return rule != Rule.NOT_VISIBLE;
    }
}
