package dev.patchbay.host.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One pipeline's committed checkpoint, as {@link CheckpointStore} writes it: a single JSON object with the
 * members {@code pipeline}, {@code position}, {@code sourceRecords} and {@code committedAt}.
 *
 * <p>{@link #parse} accepts exactly what {@link #toJson()} writes, give or take white space around the object
 * and members a later version may add. Anything else is a damaged checkpoint: resuming from it would resume
 * from a position nobody committed (data after the object, a repeated member) or from another pipeline's
 * input, so it is refused rather than half-read.
 *
 * @param pipeline the pipeline whose sink committed it
 * @param position the source position every record before which was flushed
 * @param sourceRecords how many records the source had emitted up to the position, at least 0
 * @param committedAt when it was committed
 */
record Checkpoint(String pipeline, Position position, long sourceRecords, Instant committedAt) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final int QUOTED = 60;

    Checkpoint {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(committedAt, "committedAt");
        if (sourceRecords < 0) {
            throw new IllegalArgumentException("a checkpoint's source record count is at least 0, got "
                    + sourceRecords);
        }
    }

    /** The file's content: the object, pretty-printed. */
    byte[] toJson() throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("pipeline", pipeline);
        node.put("position", position.value());
        node.put("sourceRecords", sourceRecords);
        node.put("committedAt", committedAt.toString());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    }

    /**
     * Reads a checkpoint file's content.
     *
     * @param expected the pipeline the file belongs to
     * @throws IllegalArgumentException saying what is wrong with it, such as {@code is empty} or
     *                                  {@code names pipeline 'a', not 'b', ...}, quoting the bad value
     */
    static Checkpoint parse(byte[] content, String expected) {
        JsonNode node;
        long end;
        try (JsonParser parser = JSON.createParser(content)) {
            node = JSON.readTree(parser);
            end = parser.currentLocation().getByteOffset();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be parsed: " + e, e);
        }
        if (node == null) {
            throw new IllegalArgumentException("is empty");
        }
        String after = new String(content, (int) end, content.length - (int) end, StandardCharsets.UTF_8);
        if (!after.isBlank()) {
            throw new IllegalArgumentException("has data after its JSON object, from byte " + end + ": '"
                    + quote(after.strip()) + "'");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("is not a JSON object but " + kind(node) + ": "
                    + quote(node.toString()));
        }
        String pipeline = text(node, "pipeline");
        if (!pipeline.equals(expected)) {
            throw new IllegalArgumentException("names pipeline '" + pipeline + "', not '" + expected
                    + "', so its position is in another pipeline's input");
        }
        Position position = new Position(text(node, "position"));
        JsonNode records = member(node, "sourceRecords");
        if (!records.isIntegralNumber() || !records.canConvertToLong() || records.asLong() < 0) {
            throw new IllegalArgumentException("\"sourceRecords\" is not a whole number of at least 0: "
                    + quote(records.toString()));
        }
        String committedAt = text(node, "committedAt");
        Instant committed;
        try {
            committed = Instant.parse(committedAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"committedAt\" is not an ISO-8601 instant such as "
                    + "2026-11-22T02:00:00Z: " + quote(member(node, "committedAt").toString()), e);
        }
        return new Checkpoint(pipeline, position, records.asLong(), committed);
    }

    private static JsonNode member(JsonNode node, String name) {
        JsonNode member = node.get(name);
        if (member == null) {
            throw new IllegalArgumentException("has no \"" + name + "\"");
        }
        return member;
    }

    private static String text(JsonNode node, String name) {
        JsonNode member = member(node, name);
        if (!member.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a string: " + quote(member.toString()));
        }
        return member.asText();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** At most 60 characters of {@code text}, control characters shown as '?', for an error message. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder();
        text.codePoints().limit(QUOTED).forEach(c -> quoted.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > QUOTED ? quoted + "..." : quoted.toString();
    }
}
