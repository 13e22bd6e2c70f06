package dev.patchbay.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A newer api for tests: a copy of the api's sources with members and classes added, compiled at test time, for
 * plugins built against an api the host does not have. The sources are found from the test's working folder (a
 * module of the reactor) as {@code ../api/src/main/java}.
 */
public final class ScratchApi {

    private final Map<String, String> sources = new LinkedHashMap<>();

    private ScratchApi() throws IOException {
        Path root = apiSources();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.endsWith("package-info.java")) {
                    continue;
                }
                String className = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
                sources.put(className, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    /** The api's sources as they are. */
    public static ScratchApi copy() {
        try {
            return new ScratchApi();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the api sources at " + apiSources().toAbsolutePath(), e);
        }
    }

    /** Inserts {@code member} (Java source) as the first member of the api type {@code simpleName}. */
    public ScratchApi addMember(String simpleName, String member) {
        String className = "dev.patchbay.api." + simpleName;
        String source = sources.get(className);
        if (source == null) {
            throw new IllegalArgumentException("the api has no type " + className);
        }
        int brace = source.indexOf('{', source.indexOf(" " + simpleName + " "));
        sources.put(className, source.substring(0, brace + 1) + "\n    " + member + "\n" + source.substring(brace + 1));
        return this;
    }

    /** Adds a class (full Java source) to the api. */
    public ScratchApi addClass(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Compiles the api into a classes folder under {@code directory}. */
    public Path compile(Path directory) {
        Map<String, byte[]> classes = PluginJarBuilder.compile(sources, List.of(), directory.resolve("no-api"));
        Path out = directory.resolve("scratch-api");
        try {
            List<Path> written = new ArrayList<>();
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                Path file = out.resolve(entry.getKey());
                Files.createDirectories(file.getParent());
                written.add(Files.write(file, entry.getValue()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scratch api to " + out, e);
        }
    }

    private static Path apiSources() {
        return Path.of("..", "api", "src", "main", "java");
    }
}
