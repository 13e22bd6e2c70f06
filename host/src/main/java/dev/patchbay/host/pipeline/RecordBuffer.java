package dev.patchbay.host.pipeline;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable, growable array of records that processors emit into. It grows to the largest chunk a
 * processor chain produces and is then reused, so emitting costs no allocation per record.
 *
 * <p>Confined to one thread.
 */
public final class RecordBuffer implements Emitter {

    private Row[] records;
    private int size;
    private Rejections rejections;

    public RecordBuffer(int initialCapacity) {
        this.records = new Row[Math.max(1, initialCapacity)];
    }

    @Override
    public void emit(Row record) {
        Objects.requireNonNull(record, "record");
        if (size == records.length) {
            records = Arrays.copyOf(records, size * 2);
        }
        records[size++] = record;
    }

    /**
     * Hands a rejection to the processor call that owns this buffer. Outside such a call (a benchmark) there is
     * nobody to count it, which is the api's default.
     */
    @Override
    public void reject(Rejection rejection) {
        Objects.requireNonNull(rejection, "a processor rejected null instead of a Rejection");
        if (rejections != null) {
            rejections.rejected(rejection);
        }
    }

    /** Sets who receives rejections while a processor emits here; null for nobody. */
    void rejectTo(Rejections receiver) {
        this.rejections = receiver;
    }

    public int size() {
        return size;
    }

    public Row get(int index) {
        return records[index];
    }

    /** The backing array; valid up to {@link #size()} until the next {@link #emit} or {@link #clear}. */
    Row[] array() {
        return records;
    }

    /** Empties the buffer, dropping references so records can be collected. */
    public void clear() {
        Arrays.fill(records, 0, size, null);
        size = 0;
    }

    /** Receives what a processor rejects while it emits into a buffer. */
    interface Rejections {
        void rejected(Rejection rejection);
    }

    /** Drops what was emitted after the first {@code newSize} records: a rejected record's partial output. */
    void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " records to " + newSize);
        }
        Arrays.fill(records, newSize, size, null);
        size = newSize;
    }
}
