package dev.patchbay.host.config;

import java.util.regex.Pattern;

/** Builds the JSON paths used in configuration errors: {@code $.pipelines.demo.processors[1].use}. */
final class JsonPaths {

    static final String ROOT = "$";

    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9_-]+");

    private JsonPaths() {
    }

    static String field(String parent, String name) {
        if (SIMPLE.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
