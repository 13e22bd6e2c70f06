package dev.patchbay.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * A plugin archive failed to load through the real host. The message lists every problem with its stable code,
 * exactly as {@code patchbay plugins verify} reports them, for example
 * {@code PB-PLUGIN-002: plugin archive 'broken.jar' has no Plugin-Id in META-INF/MANIFEST.MF; ...}.
 *
 * @since 1.0.0
 */
public final class PluginLoadError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient Path archive;
    private final transient List<String> problems;

    PluginLoadError(Path archive, String summary, List<String> problems) {
        super(summary + (problems.isEmpty() ? "" : "\n  " + String.join("\n  ", problems)));
        this.archive = archive;
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the archive that was loaded.
     *
     * @return the path given to {@link PluginUnderTest#load}
     */
    public Path archive() {
        return archive;
    }

    /**
     * Returns every problem as {@code "PB-PLUGIN-nnn: message"}, prefixed with the plugin id when it is about
     * a dependency given to {@link PluginUnderTest#load}, as {@code "dependency 'id': PB-PLUGIN-nnn: ..."}.
     *
     * @return the problems, in the host's order
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * Returns the stable codes of the problems, such as {@code PB-PLUGIN-002}, in order, without repeats.
     *
     * @return the codes
     */
    public List<String> codes() {
        return problems.stream().map(PluginLoadError::code).filter(code -> !code.isEmpty()).distinct().toList();
    }

    private static String code(String problem) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("PB-PLUGIN-\\d{3}").matcher(problem);
        return matcher.find() ? matcher.group() : "";
    }
}
