package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a Kafka message into a record: the value's fields first (a JSON object's fields, or the value field), then
 * the metadata fields that have a name, in the order key, topic, partition, offset, timestamp, headers.
 *
 * <p>A value field wins over a metadata field of the same name: the value is the data, and the metadata field can
 * be renamed or left out. Each record where that happens counts once in {@link Mapped#clashes()}. A JSON value
 * that is null (a tombstone) gives a record of the metadata fields alone. Text (string values and keys, header
 * values) must be valid UTF-8. Not thread-safe: it reuses its decoder.
 */
final class RecordMapper {

    /** A message that could not become a record, with the reason in one sentence. */
    static final class Unmappable extends Exception {
        private static final long serialVersionUID = 1L;

        Unmappable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A mapped record and whether one of its value fields hid a metadata field. */
    record Mapped(Row row, boolean clashes, boolean tombstone) {
    }

    private final SourceConfig.Format format;
    private final SourceConfig.KeyFormat keyFormat;
    private final SourceConfig.FieldNames names;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    RecordMapper(SourceConfig.Format format, SourceConfig.KeyFormat keyFormat, SourceConfig.FieldNames names) {
        this.format = format;
        this.keyFormat = keyFormat;
        this.names = names;
    }

    Mapped map(ConsumerRecord<byte[], byte[]> message) throws Unmappable {
        Row.Builder row;
        boolean tombstone = message.value() == null;
        switch (format) {
            case JSON -> {
                try {
                    row = tombstone ? Row.builder() : JsonValues.object(message.value()).toBuilder();
                } catch (JsonValues.MalformedJson e) {
                    throw new Unmappable("the value is not a JSON object: " + e.getMessage(), e);
                }
            }
            case STRING -> row = Row.builder().set(names.value(), tombstone ? null : text(message.value(), "value"));
            case BYTES -> row = Row.builder().set(names.value(), tombstone ? null : Bytes.of(message.value()));
            default -> throw new AssertionError(format);
        }
        Row values = row.build();
        boolean clashes = false;
        clashes |= put(row, values, names.key(), key(message.key()));
        clashes |= put(row, values, names.topic(), message.topic());
        clashes |= put(row, values, names.partition(), (long) message.partition());
        clashes |= put(row, values, names.offset(), message.offset());
        clashes |= put(row, values, names.timestamp(),
                message.timestamp() == ConsumerRecord.NO_TIMESTAMP ? null : message.timestamp());
        if (!names.headers().isEmpty()) {
            clashes |= put(row, values, names.headers(), headers(message));
        }
        return new Mapped(row.build(), clashes, tombstone);
    }

    /** Sets a metadata field unless it is left out or a value field already has its name; true on a clash. */
    private static boolean put(Row.Builder row, Row values, String name, Object value) {
        if (name.isEmpty()) {
            return false;
        }
        if (values.has(name)) {
            return true;
        }
        row.set(name, value);
        return false;
    }

    private Object key(byte[] key) throws Unmappable {
        if (key == null || names.key().isEmpty()) {
            return null;
        }
        return switch (keyFormat) {
            case STRING -> text(key, "key");
            case BYTES -> Bytes.of(key);
            case JSON -> {
                try {
                    yield JsonValues.value(key);
                } catch (JsonValues.MalformedJson e) {
                    throw new Unmappable("the key is not JSON: " + e.getMessage(), e);
                }
            }
        };
    }

    private Row headers(ConsumerRecord<byte[], byte[]> message) throws Unmappable {
        Row.Builder headers = Row.builder();
        for (Header header : message.headers()) {
            headers.set(header.key(), header.value() == null ? null
                    : text(header.value(), "header \"" + header.key() + "\""));
        }
        return headers.build();
    }

    private String text(byte[] bytes, String what) throws Unmappable {
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unmappable("the " + what + " is not valid UTF-8 text (" + e.getMessage() + "); read it with"
                    + " format or keyFormat \"bytes\"", e);
        }
    }
}
