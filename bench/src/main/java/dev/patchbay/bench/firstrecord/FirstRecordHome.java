package dev.patchbay.bench.firstrecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The installation one time-to-first-record contender runs on: a plugins folder with the distribution's plugins and
 * N generated ones (hard links, so no copy), a configuration with one small pipeline (csv-source, filter,
 * jsonl-sink) that uses the distribution's plugins only, its input, and a state folder.
 *
 * @param plugins the plugins folder
 * @param config the configuration file, passed as {@code PATCHBAY_CONFIG}
 * @param state the state folder; {@link #reset} empties it before every timed run
 * @param output the pipeline's output file
 */
public record FirstRecordHome(Path plugins, Path config, Path state, Path output) {

    /** Rows of the pipeline's input: small, so that the run's time is start-up, not throughput. */
    static final int ROWS = 100;

    /**
     * Lays out the home for {@code n} other plugins under {@code work}, from the distribution's plugins and the set
     * {@code generated} (null for n = 0). Idempotent: a plugins folder already laid out is kept.
     */
    public static FirstRecordHome create(Path work, Path dist, int n, Path generated) throws IOException {
        Path base = Files.createDirectories(work.resolve("home-" + n));
        Path plugins = base.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            Path building = Files.createDirectories(base.resolve("plugins.partial"));
            linkAll(dist.resolve("plugins"), building);
            if (generated != null) {
                linkAll(generated, building);
            }
            Files.move(building, plugins);
        }
        Path input = base.resolve("input.csv");
        StringBuilder csv = new StringBuilder("id,name,age,email\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(i).append(",name").append(i).append(',').append(i % 90).append(",user").append(i)
                    .append("@example.com\n");
        }
        Files.writeString(input, csv, StandardCharsets.UTF_8);
        Path state = base.resolve("state");
        Path output = base.resolve("out.jsonl");
        Path config = base.resolve("patchbay.json");
        Files.writeString(config, """
                {
                  "plugins": {"directory": "%s", "enabled": [], "disabled": []},
                  "state": {"directory": "%s"},
                  "logging": {"format": "text", "level": "WARN"},
                  "pipelines": {
                    "first": {
                      "source": {"use": "files/csv-source", "settings": {"path": "%s", "header": true}},
                      "processors": [
                        {"use": "transforms/filter", "settings": {"where": {"field": "age", "op": ">=", "value": 18}}}
                      ],
                      "sink": {"use": "files/jsonl-sink", "settings": {"path": "%s", "mode": "overwrite"}}
                    }
                  }
                }
                """.formatted(plugins, state, input, output), StandardCharsets.UTF_8);
        return new FirstRecordHome(plugins, config, state, output);
    }

    /**
     * Removes the output and what the last run left in the state folder, so the run starts from the beginning of
     * its input; with {@code keepCache}, {@code <state>/cache} stays (a warm start), else it goes too (a cold one).
     */
    public void reset(boolean keepCache) throws IOException {
        Files.deleteIfExists(output);
        if (!Files.isDirectory(state)) {
            return;
        }
        try (Stream<Path> entries = Files.list(state)) {
            for (Path entry : entries.toList()) {
                if (!(keepCache && entry.getFileName().toString().equals("cache"))) {
                    delete(entry);
                }
            }
        }
    }

    private static void linkAll(Path from, Path to) throws IOException {
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                copyTree(entry, to.resolve(entry.getFileName().toString()));
            }
        }
    }

    /** Hard-links files, recreates folders. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createLink(target, path);
                }
            }
        }
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p + " before the next run: " + e.getMessage(),
                            e);
                }
            }
        }
    }
}
