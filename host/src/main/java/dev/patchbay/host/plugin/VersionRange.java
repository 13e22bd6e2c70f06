package dev.patchbay.host.plugin;

import java.util.Objects;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * A range of plugin versions, as a stage's {@code "version"} pin or a {@code Plugin-Dependencies} entry writes it:
 * a java-semver expression such as {@code >=1.1.0 & <2.0.0}, {@code 1.x} or {@code *}. A bare version such as
 * {@code 1.2.0} means "at least", as in pf4j. Checked with pf4j's version manager, so pins and dependencies agree.
 *
 * @param expression the range as written, trimmed
 */
public record VersionRange(String expression) {

    // Declared before ANY, which the static initialiser builds with it.
    private static final VersionManager VERSIONS = new DefaultVersionManager();

    /** Every version. */
    public static final VersionRange ANY = new VersionRange("*");

    /**
     * @throws IllegalArgumentException if the expression is blank or not a version range, quoting it
     */
    public VersionRange {
        Objects.requireNonNull(expression, "expression");
        expression = expression.trim();
        if (expression.isEmpty()) {
            throw new IllegalArgumentException("a version range must not be blank; write one such as"
                    + " '>=1.1.0 & <2.0.0', '1.x' or '*'");
        }
        try {
            VERSIONS.checkVersionConstraint("0.0.0", Versions.normalise(expression));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a version range; write one such as"
                    + " '>=1.1.0 & <2.0.0', '1.x' or '*'", e);
        }
    }

    /** Parses a range, as {@link #VersionRange(String)}. */
    public static VersionRange of(String expression) {
        return new VersionRange(expression);
    }

    /** Whether a version lies in this range; an invalid version lies in none. */
    public boolean contains(String version) {
        if ("*".equals(expression)) {
            return true;
        }
        try {
            return VERSIONS.checkVersionConstraint(version, Versions.normalise(expression));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Orders two valid versions, as semantic versions: negative when {@code a} is lower. */
    public static int compare(String a, String b) {
        return VERSIONS.compareVersions(a, b);
    }

    @Override
    public String toString() {
        return expression;
    }
}
