package dev.patchbay.host.plugin;

/**
 * The stable codes of plugin problems. Codes never change meaning and are never reused; README has a
 * section for each.
 */
public enum ProblemCode {
    CORRUPT_ARCHIVE("PB-PLUGIN-001", "the archive, a lib/ jar or a class file is missing, empty, truncated or unreadable"),
    MISSING_DESCRIPTOR("PB-PLUGIN-002", "no manifest, or the manifest has no Plugin-Id"),
    INVALID_DESCRIPTOR("PB-PLUGIN-003", "an id, version, range or dependency in the manifest is malformed"),
    DUPLICATE_ID("PB-PLUGIN-004", "two archives declare the same Plugin-Id"),
    API_INCOMPATIBLE("PB-PLUGIN-005", "Plugin-Requires excludes the api version this host provides"),
    DEPENDENCY_MISSING("PB-PLUGIN-006", "a required dependency is not installed"),
    DEPENDENCY_VERSION("PB-PLUGIN-007", "a dependency is installed in a version outside the declared range"),
    DEPENDENCY_FAILED("PB-PLUGIN-008", "a required dependency is disabled or failed itself"),
    DEPENDENCY_CYCLE("PB-PLUGIN-009", "plugins depend on each other in a cycle"),
    EXTENSION_CLASS_MISSING("PB-PLUGIN-010", "a service file names a class the plugin does not contain, or a line is not a class name"),
    EXTENSION_WRONG_TYPE("PB-PLUGIN-011", "a service file names a class that does not implement the interface"),
    EXTENSION_NOT_INSTANTIABLE("PB-PLUGIN-012", "an extension class is not public, is abstract or has no public no-arg constructor"),
    EXTENSION_INIT_FAILED("PB-PLUGIN-013", "an extension's static initialiser or constructor threw, or the plugin could not be started"),
    BUNDLES_API("PB-PLUGIN-014", "the archive bundles the Patchbay api classes"),
    EXTENSION_DESCRIPTOR("PB-PLUGIN-015", "an extension lacks a valid @Extension annotation or repeats a name"),
    NO_EXTENSIONS("PB-PLUGIN-016",
            "no service file of the plugin's class path lists a factory (reported by verify only)"),
    EXTENSION_NOT_LISTED("PB-PLUGIN-017",
            "a class annotated @Extension is listed in no service file (reported by verify only)"),
    SERVICE_FILE_MISPLACED("PB-PLUGIN-018",
            "a service file is where the plugin's class path does not read it, or misspells the interface name"
            + " (reported by verify only)"),
    EXIT_CALL("PB-PLUGIN-019",
            "the plugin's bytecode calls System.exit, Runtime.exit or Runtime.halt and the operator did not allow it"),
    START_TIMEOUT("PB-PLUGIN-020",
            "the plugin's start (pf4j start, its factories' static initialisers and constructors) did not end within"
            + " the start deadline, runtime.timeouts.createMillis"),
    LOCK_MISMATCH("PB-PLUGIN-021",
            "the archive's SHA-256, or a lib/ jar's, differs from the lockfile (plugins.lock warn or enforce)"),
    NOT_LOCKED("PB-PLUGIN-022",
            "the archive, or a lib/ jar of it, is not in the lockfile, or the lockfile is missing or unreadable"
            + " (plugins.lock warn or enforce)"),
    UNSIGNED("PB-PLUGIN-023",
            "plugins.requireSigned is on and the archive, a lib/ jar of it, or its classes/ folder is not signed"),
    UNTRUSTED_SIGNER("PB-PLUGIN-024",
            "plugins.requireSigned is on and entries are signed by no signer whose certificate is in the trust"
            + " folder, or the trust folder cannot be read"),
    CHANGED_AFTER_SIGNING("PB-PLUGIN-025",
            "entries of a signed jar were added or modified after it was signed"),
    API_MEMBER_MISSING("PB-PLUGIN-026",
            "the plugin references an api class or member this host's api lacks: it was built against a newer api"),
    CLASS_NOT_VISIBLE("PB-PLUGIN-027",
            "the plugin references a class no loader visible to it provides: a library not bundled, or a host class"),
    MEMBER_MISSING("PB-PLUGIN-028",
            "the plugin references a method or field missing from a JDK, lib/ or dependency class it sees"),
    PACKAGE_CONFLICT("PB-PLUGIN-029",
            "a package the plugin bundles is also a JDK package or is provided by a declared dependency"),
    START_CHECK_FAILED("PB-PLUGIN-030",
            "the separate JVM that --start runs plugin code in ended without a report: a static initialiser or"
            + " constructor exited it, it crashed or ran out of memory, or its report was unreadable");

    private final String id;
    private final String summary;

    ProblemCode(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    /** The stable code, such as {@code PB-PLUGIN-004}. */
    public String id() {
        return id;
    }

    /** A one-line summary for documentation. */
    public String summary() {
        return summary;
    }
}
