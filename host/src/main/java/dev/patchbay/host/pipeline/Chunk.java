package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Records moving between two stage threads in one hand-over, so that the cost of the queue is paid
 * per chunk rather than per record.
 *
 * <p>A chunk may carry a source position: every record the source emitted before that position is in
 * this chunk or an earlier one. Once the sink has written and flushed the whole chunk, the position can
 * be committed. {@code sourceRecords} is the number of records the source had emitted up to that
 * position, which lets the runtime say how many records a forced stop left uncommitted.
 *
 * <p>A chunk is filled by one thread, handed over through a {@link RecordQueue} (whose lock publishes
 * its contents) and then only read by the receiving thread.
 */
final class Chunk {

    /** The most records in one chunk. */
    static final int MAX_RECORDS = 256;

    /** Marks the end of the stream in a queue. */
    static final Chunk END = new Chunk(0);

    private final Row[] records;
    private int size;
    private Position position;
    private long sourceRecords;
    private Position readAfter;
    private List<Row> deadLetters;
    private boolean endsGroup;
    private FlushRequest flushRequest;

    Chunk(int capacity) {
        this.records = new Row[capacity];
    }

    boolean add(Row record) {
        records[size++] = record;
        return size == records.length;
    }

    boolean isFull() {
        return size == records.length;
    }

    Row[] array() {
        return records;
    }

    int size() {
        return size;
    }

    Row get(int index) {
        return records[index];
    }

    /** Marks that every record up to {@code position} ({@code sourceRecords} in all) is in this chunk or before. */
    void position(Position newPosition, long newSourceRecords) {
        this.position = newPosition;
        this.sourceRecords = newSourceRecords;
    }

    /** The position committed once this chunk is flushed, or null if the chunk carries none. */
    Position position() {
        return position;
    }

    long sourceRecords() {
        return sourceRecords;
    }

    /** The source position its records were read after (resuming there reads them again), or null. */
    Position readAfter() {
        return readAfter;
    }

    void readAfter(Position position) {
        this.readAfter = position;
    }

    /** Adds dead letters that travel with this chunk to the sink thread, which writes them before the commit. */
    void addDeadLetters(List<Row> more) {
        if (more.isEmpty()) {
            return;
        }
        if (deadLetters == null) {
            deadLetters = new ArrayList<>(more.size());
        }
        deadLetters.addAll(more);
    }

    void addDeadLetter(Row deadLetter) {
        if (deadLetters == null) {
            deadLetters = new ArrayList<>();
        }
        deadLetters.add(deadLetter);
    }

    /** The dead letters carried, possibly none. */
    List<Row> deadLetters() {
        return deadLetters == null ? List.of() : deadLetters;
    }

    /** Marks this chunk as the last a processor worker emits for one input chunk (see {@link OrderedMerge}). */
    void endGroup() {
        this.endsGroup = true;
    }

    /** Whether this is the last chunk of a worker's output for one input chunk. */
    boolean endsGroup() {
        return endsGroup;
    }

    /** Asks the sink to flush and commit once it has taken in this chunk, and to mark the request done. */
    void flushRequest(FlushRequest request) {
        this.flushRequest = request;
    }

    /** The source's flush request this chunk carries, or null. */
    FlushRequest flushRequest() {
        return flushRequest;
    }

    /** Counts towards a queue's capacity: empty chunks that only carry a position still take a slot. */
    int weight() {
        return Math.max(1, size);
    }
}
