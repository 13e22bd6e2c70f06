package dev.patchbay.testkit;

import java.util.List;

/**
 * A tester was given settings the host would reject. The message lists every problem exactly as
 * {@code patchbay config check} shows it to an operator: where, what is wrong, and the fix.
 *
 * <pre>
 * 1 settings problem for transforms/filter, as `patchbay config check` reports it:
 *   settings.wher
 *       transforms/filter: setting 'wher' is not a setting of this extension
 *       fix: did you mean 'where'? remove or correct it; known settings are [where]
 * </pre>
 *
 * @since 1.0.0
 */
public final class SettingsError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    SettingsError(String use, List<String> paths, List<String> messages, List<String> fixes) {
        super(render(use, paths, messages, fixes));
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            lines.add(messages.get(i) + "; fix: " + fixes.get(i));
        }
        this.problems = List.copyOf(lines);
    }

    /**
     * Returns every problem on one line each, as {@code "<message>; fix: <fix>"}, for example
     * {@code "transforms/filter: setting 'where' is required but missing; fix: add \"where\": <object> (...)"}.
     *
     * @return the problems, in the order the host reports them
     */
    public List<String> problems() {
        return problems;
    }

    private static String render(String use, List<String> paths, List<String> messages, List<String> fixes) {
        StringBuilder text = new StringBuilder();
        int count = messages.size();
        text.append(count).append(count == 1 ? " settings problem for " : " settings problems for ").append(use)
                .append(count == 1 ? ", as `patchbay config check` reports it:" : ", as `patchbay config check`"
                        + " reports them:");
        for (int i = 0; i < count; i++) {
            text.append("\n  ").append(paths.get(i))
                    .append("\n      ").append(messages.get(i))
                    .append("\n      fix: ").append(fixes.get(i));
        }
        return text.toString();
    }
}
