package dev.patchbay.host.plugin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * Semantic versions and ranges, checked with pf4j's {@link DefaultVersionManager} so that the platform's
 * own checks and pf4j's agree exactly. A range is a java-semver expression such as {@code >=1.0.0 & <2.0.0},
 * {@code 1.x} or {@code *}; a bare version such as {@code 1.2.0} means "at least", as in pf4j.
 */
final class Versions {

    private final VersionManager manager;
    // Memoised answers: parsing java-semver expressions dominated discovery when hundreds of plugins declare
    // the same range. The answers are pure functions of their keys; the maps are concurrent because the
    // discovery threads share this object. They hold one entry per distinct version or range seen.
    private final Map<String, Boolean> validVersions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> validRanges = new ConcurrentHashMap<>();
    private final Map<List<String>, Boolean> satisfied = new ConcurrentHashMap<>();

    Versions(VersionManager manager) {
        this.manager = new Memoised(Objects.requireNonNull(manager, "manager"));
    }

    /**
     * The manager handed to pf4j as well: pf4j checks every plugin's Plugin-Requires against the system version when
     * it loads it, and java-semver parsed the same range anew each time (about 25 KB of garbage per plugin).
     */
    private static final class Memoised implements VersionManager {
        private final VersionManager delegate;
        private final Map<List<String>, Boolean> constraints = new ConcurrentHashMap<>();

        Memoised(VersionManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean checkVersionConstraint(String version, String constraint) {
            if (version == null || constraint == null) {
                return delegate.checkVersionConstraint(version, constraint);
            }
            return constraints.computeIfAbsent(List.of(version, constraint),
                    key -> delegate.checkVersionConstraint(version, constraint));
        }

        @Override
        public int compareVersions(String v1, String v2) {
            return delegate.compareVersions(v1, v2);
        }
    }

    Versions() {
        this(new DefaultVersionManager());
    }

    VersionManager manager() {
        return manager;
    }

    boolean isValidVersion(String version) {
        return validVersions.computeIfAbsent(version, this::checkVersion);
    }

    private boolean checkVersion(String version) {
        try {
            manager.compareVersions(version, "0.0.0");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean isValidRange(String range) {
        return validRanges.computeIfAbsent(range, this::checkRange);
    }

    private boolean checkRange(String range) {
        try {
            manager.checkVersionConstraint("0.0.0", normalise(range));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether a valid version lies in a valid range. */
    boolean satisfies(String version, String range) {
        return satisfied.computeIfAbsent(List.of(version, range),
                key -> manager.checkVersionConstraint(version, normalise(range)));
    }

    /** Orders two valid versions as semantic versions; invalid or empty ones sort first, by their text. */
    int compare(String a, String b) {
        boolean validA = !a.isEmpty() && isValidVersion(a);
        boolean validB = !b.isEmpty() && isValidVersion(b);
        if (validA && validB) {
            return manager.compareVersions(a, b);
        }
        return validA == validB ? a.compareTo(b) : validA ? 1 : -1;
    }

    /** pf4j reads a bare version as a minimum; so do we. */
    static String normalise(String range) {
        String trimmed = range.trim();
        return trimmed.matches("^\\d+\\.\\d+\\.\\d+$") ? ">=" + trimmed : trimmed;
    }

    /** The major version of a valid version, for messages such as "built for api 1.x". */
    static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }
}
