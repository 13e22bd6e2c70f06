package dev.patchbay.host.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A route's path: literal segments and parameters, such as {@code /pipelines/{name}/pause}. A parameter matches one
 * whole segment; whether its value is acceptable ({@link #PARAMETER}) is judged by the router, so that a bad id is a
 * 400 that names it rather than a 404.
 */
public final class PathPattern {

    /** What a parameter's value may be: the characters of ids and names, never {@code .} or {@code ..} alone. */
    // '@' for a plugin's id@version, as in POST /plugins/files@1.1.0/disable.
    public static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern NAME = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final String text;
    private final List<String> segments;

    private PathPattern(String text, List<String> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException when it does not start with {@code /} or has an empty or odd segment
     */
    public static PathPattern of(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern must start with '/', got '" + text + "'");
        }
        List<String> segments = new ArrayList<>();
        if (!text.equals("/")) {
            for (String segment : text.substring(1).split("/", -1)) {
                if (!LITERAL.matcher(segment).matches() && !NAME.matcher(segment).matches()) {
                    throw new IllegalArgumentException("path pattern '" + text + "' has the segment '" + segment
                            + "'; write literal segments of A-Z a-z 0-9 . _ - or parameters such as {name}");
                }
                segments.add(segment);
            }
        }
        return new PathPattern(text, segments);
    }

    /**
     * The parameters when {@code path} (split into segments) has this shape, with their raw values; empty when a
     * literal differs or the number of segments does.
     */
    Optional<Map<String, String>> match(List<String> path) {
        if (path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            var name = NAME.matcher(segment);
            if (name.matches()) {
                parameters.put(name.group(1), path.get(i));
            } else if (!segment.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /** The names of its parameters in path order, such as {@code [name]} for {@code /pipelines/{name}/pause}. */
    public List<String> parameters() {
        List<String> names = new ArrayList<>();
        for (String segment : segments) {
            var name = NAME.matcher(segment);
            if (name.matches()) {
                names.add(name.group(1));
            }
        }
        return List.copyOf(names);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathPattern that && that.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
