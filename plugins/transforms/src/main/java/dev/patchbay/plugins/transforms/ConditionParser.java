package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Row;
import dev.patchbay.api.SettingsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates a filter's condition tree and compiles it. Every problem in the tree is collected, each with
 * its path such as {@code where.all[1].op}, so that an operator can fix them all in one go.
 */
final class ConditionParser {

    static final List<String> OPERATORS = List.of("==", "!=", "=~", "exists", "!exists", "<", "<=", ">", ">=");

    private static final Set<String> GROUP_KEYS = Set.of("all", "any", "not");
    private static final Set<String> LEAF_KEYS = Set.of("field", "op", "value");
    private static final String LEAF_EXAMPLE = "{\"field\": \"age\", \"op\": \">=\", \"value\": 18}";
    private static final String SHAPE = "either a leaf " + LEAF_EXAMPLE
            + " or a group {\"all\": [...]}, {\"any\": [...]} or {\"not\": {...}}";

    private final String extension;
    private final String key;
    private final List<SettingsException> problems = new ArrayList<>();

    private ConditionParser(String extension, String key) {
        this.extension = extension;
        this.key = key;
    }

    /**
     * Compiles a condition tree.
     *
     * @param extension the extension name, for the exception
     * @param key the setting key holding the tree; also the root of the paths in messages
     * @param tree the tree
     * @return a new condition, owned by one processor
     * @throws SettingsException for the first problem, with every further one attached as suppressed
     */
    static Condition compile(String extension, String key, Row tree) {
        ConditionParser parser = new ConditionParser(extension, key);
        Condition condition = parser.node(tree, key);
        if (!parser.problems.isEmpty()) {
            SettingsException first = parser.problems.get(0);
            parser.problems.subList(1, parser.problems.size()).forEach(first::addSuppressed);
            throw first;
        }
        return condition;
    }

    private Condition node(Object node, String path) {
        if (!(node instanceof Row record)) {
            return problem(path + " is " + Describe.value(node) + "; a condition must be an object, " + SHAPE);
        }
        List<String> groupKeys = new ArrayList<>();
        for (String name : record.fieldNames()) {
            if (GROUP_KEYS.contains(name)) {
                groupKeys.add(name);
            }
        }
        if (groupKeys.isEmpty()) {
            return leaf(record, path);
        }
        if (record.size() > 1) {
            return problem(path + " has keys " + record.fieldNames() + "; a group holds exactly one of all, any"
                    + " or not and nothing else, so split it or nest it, for example {\"all\": [{...}, {\"not\":"
                    + " {...}}]}");
        }
        String kind = groupKeys.get(0);
        Object content = record.value(0);
        if (kind.equals("not")) {
            return content instanceof Row ? Condition.not(node(content, path + ".not"))
                    : problem(path + ".not is " + Describe.value(content) + "; give one condition object, "
                            + SHAPE);
        }
        if (!(content instanceof List<?> list)) {
            return problem(path + "." + kind + " is " + Describe.value(content) + "; give a list of conditions,"
                    + " for example [" + LEAF_EXAMPLE + "]");
        }
        if (list.isEmpty()) {
            return problem(path + "." + kind + " is an empty list; give at least one condition, for example ["
                    + LEAF_EXAMPLE + "]");
        }
        Condition[] children = new Condition[list.size()];
        for (int i = 0; i < list.size(); i++) {
            children[i] = node(list.get(i), path + "." + kind + "[" + i + "]");
        }
        return kind.equals("all") ? Condition.all(children) : Condition.any(children);
    }

    private Condition leaf(Row record, String path) {
        int before = problems.size();
        for (String name : record.fieldNames()) {
            if (!LEAF_KEYS.contains(name)) {
                problem(path + " has unknown key " + Describe.quote(name) + "; a condition is " + SHAPE);
            }
        }
        String field = null;
        if (!record.has("field")) {
            problem(path + ".field is missing; name the field to test, for example \"field\": \"age\"");
        } else if (!(record.get("field") instanceof String name) || name.isEmpty()) {
            problem(path + ".field is " + Describe.value(record.get("field"))
                    + "; give the field's name as a non-empty string, for example \"field\": \"age\"");
        } else {
            field = name;
        }
        String op = null;
        if (!record.has("op")) {
            problem(path + ".op is missing; use one of " + String.join(", ", OPERATORS));
        } else if (!(record.get("op") instanceof String text) || !OPERATORS.contains(text)) {
            problem(path + ".op is " + Describe.value(record.get("op")) + ", which is not an operator; use one of "
                    + String.join(", ", OPERATORS));
        } else {
            op = text;
        }
        if (op == null) {
            return null;
        }
        Condition condition = operand(record, path, op, field);
        return problems.size() == before ? condition : null;
    }

    private Condition operand(Row record, String path, String op, String field) {
        boolean hasValue = record.has("value");
        Object value = record.get("value");
        String valuePath = path + ".value";
        FieldRef ref = new FieldRef(field == null ? "" : field);
        switch (op) {
            case "exists", "!exists" -> {
                if (hasValue) {
                    return problem(valuePath + " is given but op \"" + op + "\" takes no value; remove it");
                }
                return Condition.exists(ref, op.equals("exists"));
            }
            case "==", "!=" -> {
                if (!hasValue) {
                    return problem(valuePath + " is missing; op \"" + op + "\" compares against a value, for"
                            + " example \"value\": \"Paris\" (use null to test for a null value)");
                }
                if (!(value == null || value instanceof String || value instanceof Long || value instanceof Double
                        || value instanceof Boolean)) {
                    return problem(valuePath + " is " + Describe.value(value) + "; op \"" + op
                            + "\" compares against a string, number, boolean or null");
                }
                return new EqualsCondition(ref, value, op.equals("!="));
            }
            case "=~" -> {
                if (!(value instanceof String regex)) {
                    return problem(valuePath + (hasValue ? " is " + Describe.value(value) : " is missing")
                            + "; op \"=~\" needs a regular expression string, for example"
                            + " \"value\": \"@example\\\\.com$\"");
                }
                try {
                    return new MatchCondition(ref, Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    problems.add(Invalid.setting(extension, key, valuePath + " " + Describe.quote(regex)
                            + " is not a valid regular expression (" + e.getDescription() + " near index "
                            + e.getIndex() + "); fix the pattern (java.util.regex syntax)", e));
                    return null;
                }
            }
            default -> {
                if (!(value instanceof Long || value instanceof Double)) {
                    return problem(valuePath + (hasValue ? " is " + Describe.value(value) : " is missing")
                            + "; op \"" + op + "\" compares numbers, so give a number, for example \"value\": 18");
                }
                return new CompareCondition(ref, op, (Number) value);
            }
        }
    }

    private Condition problem(String message) {
        problems.add(new SettingsException(extension, key, message));
        return null;
    }
}
