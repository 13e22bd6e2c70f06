package dev.patchbay.host.config;

import java.util.Arrays;
import java.util.List;

/**
 * A configuration document built around one key, wherever it sits ({@code $.runtime.timeouts.callMillis},
 * {@code $.pipelines.demo.restart.jitter}), with the key's value on line 3, so that a table of keys can apply
 * the same cases to each and know where the error must point.
 *
 * @param path the key's JSON path, under {@code $.runtime} or {@code $.pipelines.demo}
 * @param sibling members written after the key in its object, such as {@code , "initialBackoffMillis": 0},
 *        for a key whose bounds hold only with a particular neighbour
 */
record KeyDocument(String path, String sibling) {

    private static final String PIPELINE =
            "    \"demo\": {\"source\": {\"use\": \"a/b\"}, \"sink\": {\"use\": \"c/d\"},";

    KeyDocument {
        if (!path.startsWith("$.runtime.") && !path.startsWith("$.pipelines.demo.")) {
            throw new IllegalArgumentException("path " + path + " is not under $.runtime or $.pipelines.demo");
        }
    }

    String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The document with {@code value} written, as is, for the key. */
    String text(String value) {
        List<String> segments = Arrays.asList(path.substring(2).split("\\."));
        boolean runtime = segments.get(0).equals("runtime");
        List<String> parents = segments.subList(runtime ? 1 : 2, segments.size() - 1);
        String member = "\"" + name() + "\": " + value + sibling;
        for (int i = parents.size() - 1; i >= 0; i--) {
            member = "\"" + parents.get(i) + "\": {" + member + "}";
        }
        return runtime
                ? "{\n  \"runtime\": {\n    " + member + "\n  }\n}"
                : "{\n  \"pipelines\": {\n" + PIPELINE + " " + member + "}\n  }\n}";
    }

    /** Where {@code value} starts in {@link #text}. */
    Location location(String value) {
        String line = text(value).split("\n")[2];
        return new Location(3, line.indexOf("\"" + name() + "\": " + value) + name().length() + 5);
    }
}
