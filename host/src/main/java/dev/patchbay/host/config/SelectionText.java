package dev.patchbay.host.config;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets {@code plugins.enabled} or {@code plugins.disabled} in the text of a configuration file by rewriting
 * that array alone, or by inserting it (and the {@code plugins} object) where it is missing. Every other
 * character of the text stays as it was.
 *
 * <p>The rewritten array keeps its own layout: the text between {@code [} and the first element, between two
 * elements and after the last element is reused, and elements that stay are copied as written. An inserted member
 * follows its siblings: the separator before it and the spacing around its colon are copied from the object's
 * last member, so indentation and line endings (CRLF included) match the file's.
 */
final class SelectionText {

    private static final String PLUGINS = "plugins";

    private SelectionText() {
    }

    /** The text with {@code plugins.<key>} holding exactly {@code ids}, in order. */
    static String withArray(String text, String key, List<String> ids) {
        JsonSpans.Value root = JsonSpans.parse(text, 3);
        if (!root.isObject()) {
            throw new IllegalArgumentException("the configuration is not a JSON object");
        }
        JsonSpans.Value plugins = root.member(PLUGINS).map(JsonSpans.Member::value).orElse(null);
        if (plugins == null) {
            return insert(text, root, PLUGINS, "{" + quote(key) + colon(text, root) + array(ids) + "}");
        }
        if (!plugins.isObject()) {
            throw new IllegalArgumentException("plugins is not a JSON object");
        }
        JsonSpans.Value array = plugins.member(key).map(JsonSpans.Member::value).orElse(null);
        if (array == null) {
            return insert(text, plugins, key, array(ids));
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("plugins." + key + " is not a JSON array");
        }
        return text.substring(0, array.start()) + rewrite(text, array, ids) + text.substring(array.end());
    }

    /** The array with the new ids, laid out like the old one; ids it held keep their literal text. */
    private static String rewrite(String text, JsonSpans.Value array, List<String> ids) {
        List<JsonSpans.Value> old = array.elements();
        if (ids.isEmpty()) {
            return "[]";
        }
        if (old.isEmpty()) {
            return array(ids);
        }
        Map<String, String> written = new HashMap<>();
        for (JsonSpans.Value element : old) {
            if (element.text() != null) {
                written.putIfAbsent(element.text(), text.substring(element.start(), element.end()));
            }
        }
        String opening = text.substring(array.start() + 1, old.get(0).start());
        String closing = text.substring(old.get(old.size() - 1).end(), array.end() - 1);
        String separator = old.size() >= 2 ? text.substring(old.get(0).end(), old.get(1).start())
                : opening.indexOf('\n') >= 0 ? "," + opening : ", ";
        List<String> literals = new ArrayList<>();
        for (String id : ids) {
            literals.add(written.getOrDefault(id, quote(id)));
        }
        return "[" + opening + String.join(separator, literals) + closing + "]";
    }

    /** The text with the member {@code "key": value} added at the end of {@code object}. */
    private static String insert(String text, JsonSpans.Value object, String key, String value) {
        List<JsonSpans.Member> members = object.members();
        if (members.isEmpty()) {
            String inner = text.substring(object.start() + 1, object.end() - 1);
            String member = quote(key) + ": " + value;
            int newline = inner.lastIndexOf('\n');
            if (newline < 0) {
                return text.substring(0, object.start() + 1) + member + text.substring(object.end() - 1);
            }
            String eol = newline > 0 && inner.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
            String indent = inner.substring(newline + 1);
            return text.substring(0, object.start() + 1) + eol + indent + "  " + member + eol + indent
                    + text.substring(object.end() - 1);
        }
        JsonSpans.Member last = members.get(members.size() - 1);
        String colon = text.substring(last.keyEnd(), last.value().start());
        String before = members.size() >= 2
                ? text.substring(members.get(members.size() - 2).value().end(), last.keyStart())
                : "," + orSpace(text.substring(object.start() + 1, last.keyStart()), colon);
        String member = quote(key) + colon + value;
        int at = last.value().end();
        return text.substring(0, at) + before + member + text.substring(at);
    }

    /** The colon with its spacing as the object's last member has it, {@code ": "} if it has none. */
    private static String colon(String text, JsonSpans.Value object) {
        List<JsonSpans.Member> members = object.members();
        if (members.isEmpty()) {
            return ": ";
        }
        JsonSpans.Member last = members.get(members.size() - 1);
        return text.substring(last.keyEnd(), last.value().start());
    }

    /** The gap before a lone member; where there is none, a space if the file spaces its colons. */
    private static String orSpace(String gap, String colon) {
        return gap.isEmpty() && colon.indexOf(' ') >= 0 ? " " : gap;
    }

    private static String array(List<String> ids) {
        List<String> literals = ids.stream().map(SelectionText::quote).toList();
        return "[" + String.join(", ", literals) + "]";
    }

    private static String quote(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
