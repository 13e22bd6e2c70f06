package dev.patchbay.host.config;

import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The wording of every problem with a stage's settings object, as {@code config check} reports it: an unknown
 * setting with its close matches, a required setting that is missing, a value of the wrong type or outside the
 * choices, each with a fix.
 *
 * <p>Pure: it depends only on the api and {@link CloseMatches}, so that the test kit can carry it (relocated)
 * and show plugin authors exactly the messages operators see. {@code PipelineValidator} prefixes each message
 * with the pipeline and the stage's {@code use}; the test kit prefixes it with the {@code use} alone.
 */
public final class SettingsProblems {

    private SettingsProblems() {
    }

    /**
     * One problem with a settings object.
     *
     * @param key the key the problem is about; empty when the problem is about the settings object as a whole
     *            (a required setting is missing), so that it is located at the object
     * @param message what is wrong, starting with {@code setting 'key' }
     * @param fix what to do about it
     */
    public record Problem(Optional<String> key, String message, String fix) {

        public Problem {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(fix, "fix");
        }
    }

    /**
     * Checks an operator's settings values against an extension's settings descriptions.
     *
     * @param extension the extension's name, for {@link Settings#check}
     * @param values the operator's values, keyed by setting key
     * @param spec the factory's settings descriptions
     * @return every problem, in the order {@link Settings#check} finds them; empty when the values are valid
     * @throws RuntimeException if the descriptions are inconsistent (a key described twice): a plugin defect
     *         the caller reports as such
     */
    public static List<Problem> check(String extension, Map<String, ?> values, List<Setting> spec) {
        return check(extension, values, spec, Map.of());
    }

    /**
     * Checks an operator's settings values, some of which came from {@code ${env:}} or {@code ${file:}}
     * references: a problem with one of those names the reference as written and never quotes the value.
     *
     * @param written the values that came from references, as written in the file, keyed by setting key
     * @see #check(String, Map, List)
     */
    public static List<Problem> check(String extension, Map<String, ?> values, List<Setting> spec,
            Map<String, ?> written) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(written, "written");
        List<SettingsException> found = Settings.check(extension, values, spec);
        Map<String, Setting> byKey = new LinkedHashMap<>();
        spec.forEach(setting -> byKey.put(setting.key(), setting));
        List<Problem> problems = new ArrayList<>();
        for (SettingsException problem : found) {
            String key = problem.key();
            Setting setting = byKey.get(key);
            String where = "setting '" + key + "' ";
            if (setting == null) {
                problems.add(new Problem(Optional.of(key), where + "is not a setting of this extension",
                        CloseMatches.suggestion(key, byKey.keySet()) + (byKey.isEmpty()
                                ? "remove it; the extension takes no settings"
                                : "remove or correct it; known settings are " + byKey.keySet())));
            } else if (!values.containsKey(key)) {
                problems.add(new Problem(Optional.empty(), where + "is required but missing",
                        "add \"" + key + "\": <" + setting.type().jsonName() + "> (" + setting.description() + ")"));
            } else if (written.containsKey(key)) {
                String reference = String.valueOf(written.get(key));
                problems.add(new Problem(Optional.of(key), where + "is not valid: its value comes from " + reference
                        + " and is not shown", "make what " + reference + " refers to " + (setting.choices().isEmpty()
                                ? article(setting.type().jsonName()) + " (" + setting.description() + ")"
                                : "one of " + setting.choices())));
            } else {
                String message = setting.check(values.get(key)).orElse(problem.getMessage());
                problems.add(new Problem(Optional.of(key), where + message, setting.choices().isEmpty()
                        ? "give " + article(setting.type().jsonName()) + " (" + setting.description() + ")"
                        : "use one of " + setting.choices()));
            }
        }
        return List.copyOf(problems);
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }
}
