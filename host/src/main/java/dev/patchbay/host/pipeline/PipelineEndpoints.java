package dev.patchbay.host.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.plugin.ExtensionCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where one pipeline's run began and where its output went, for the final summary: the checkpoint it resumed
 * from, if any, and each sink stage (the sink, then {@code errors.deadLetter}) with the output paths its plugin
 * declares, or, where it declares none, its settings.
 *
 * @param pipeline the pipeline's name
 * @param resumedFrom the checkpoint the run resumed from; empty when it started at the beginning of its input
 * @param outputs the pipeline's sink stages
 * @param home the Patchbay home, against which paths are shown relative where they lie inside it
 */
public record PipelineEndpoints(String pipeline, Optional<Resumed> resumedFrom, List<SinkOutput> outputs, Path home) {

    // No api tells the host which settings are secret; values of keys named like these are not printed.
    private static final Pattern SECRET = Pattern.compile("password|passwd|secret|token|credential|apikey|api_key");

    public PipelineEndpoints {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(resumedFrom, "resumedFrom");
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(home, "home");
    }

    /**
     * The committed checkpoint a run resumed from.
     *
     * @param position the source's position, as committed
     * @param checkpoint the checkpoint file, absolute
     */
    public record Resumed(String position, Path checkpoint) {
        public Resumed {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(checkpoint, "checkpoint");
        }
    }

    /**
     * One sink stage and where it writes.
     *
     * @param stage {@code sink} or {@code errors.deadLetter}
     * @param use the extension reference
     * @param settings the stage's settings as they may be shown (record values, references as written), for the text
     *                 line when no path is known
     * @param paths the settings its plugin declares as output paths, resolved; empty when it declares none
     */
    public record SinkOutput(String stage, String use, Map<String, Object> settings, List<OutputPath> paths) {
        public SinkOutput {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(use, "use");
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            paths = List.copyOf(paths);
        }
    }

    /**
     * An output path a sink's settings name.
     *
     * @param setting the setting's key
     * @param path the value resolved against the home, absolute
     */
    public record OutputPath(String setting, Path path) {
        public OutputPath {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * The endpoints of each pipeline as a run is about to start: the checkpoint it resumes from, read under the
     * home lock, and its sinks' outputs. A checkpoint that cannot be read is left out here; the pipeline itself
     * then fails at start naming the file.
     */
    public static List<PipelineEndpoints> of(List<PipelineConfig> pipelines, CheckpointStore checkpoints, Path home,
            ExtensionCatalog catalog) {
        return of(pipelines, checkpoints, home, SinkOutputs.declared(catalog));
    }

    static List<PipelineEndpoints> of(List<PipelineConfig> pipelines, CheckpointStore checkpoints, Path home,
            SinkOutputs.OutputKeys keys) {
        List<PipelineEndpoints> all = new ArrayList<>();
        for (PipelineConfig pipeline : pipelines) {
            Optional<Resumed> resumed;
            try {
                resumed = checkpoints.load(pipeline.name())
                        .map(position -> new Resumed(position.value(), checkpoints.file(pipeline.name())));
            } catch (IOException e) {
                // Not lost: the source thread reads the same file at start and fails the pipeline with this error.
                resumed = Optional.empty();
            }
            all.add(new PipelineEndpoints(pipeline.name(), resumed, SinkOutputs.of(pipeline, home, keys), home));
        }
        return all;
    }

    /** The summary's text lines: {@code resumed: ...} and one {@code output: ...} per sink stage. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        resumedFrom.ifPresent(r -> lines.add("resumed: pipeline '" + pipeline + "' from checkpoint '" + r.position()
                + "' (" + shortPath(r.checkpoint()) + ")"));
        for (SinkOutput output : outputs) {
            StringBuilder line = new StringBuilder("output: pipeline '").append(pipeline).append("' ")
                    .append(output.stage()).append(' ').append(output.use()).append(": ");
            if (output.paths().isEmpty()) {
                line.append("settings ").append(json(output.settings()));
            } else {
                List<String> paths = output.paths().stream().map(p -> p.setting() + " " + p.path()).toList();
                line.append(String.join(", ", paths));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Adds {@code resumedFrom} and {@code outputs} to the pipeline's object in the summary's JSON. */
    void toJson(ObjectNode node) {
        if (resumedFrom.isPresent()) {
            ObjectNode resumed = node.putObject("resumedFrom");
            resumed.put("position", resumedFrom.get().position());
            resumed.put("checkpoint", resumedFrom.get().checkpoint().toString());
        } else {
            node.putNull("resumedFrom");
        }
        ArrayNode list = node.putArray("outputs");
        for (SinkOutput output : outputs) {
            ObjectNode o = list.addObject();
            o.put("stage", output.stage());
            o.put("use", output.use());
            ArrayNode paths = o.putArray("paths");
            for (OutputPath path : output.paths()) {
                paths.addObject().put("setting", path.setting()).put("path", path.path().toString());
            }
        }
    }

    private String shortPath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(home) ? home.relativize(absolute).toString() : absolute.toString();
    }

    private static String json(Map<String, Object> settings) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        settings.forEach((key, value) -> {
            if (SECRET.matcher(key.toLowerCase(Locale.ROOT)).find()) {
                object.put(key, "***");
            } else {
                object.set(key, value(value));
            }
        });
        return object.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        } else if (value instanceof String s) {
            return nodes.textNode(s);
        } else if (value instanceof Long l) {
            return nodes.numberNode(l);
        } else if (value instanceof Double d) {
            return nodes.numberNode(d);
        } else if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(element -> array.add(value(element)));
            return array;
        } else if (value instanceof Row row) {
            ObjectNode object = nodes.objectNode();
            for (int i = 0; i < row.size(); i++) {
                object.set(row.name(i), value(row.value(i)));
            }
            return object;
        } else if (value instanceof Bytes bytes) {
            return nodes.textNode(java.util.Base64.getEncoder().encodeToString(bytes.toArray()));
        }
        return nodes.textNode(String.valueOf(value));
    }
}
