package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Position;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The position of a Kafka source: for each partition, the offset of the next record to read, written as
 * {@code orders:0=1200,orders:3=87}, sorted by topic then partition. Kafka topic names hold only letters, digits,
 * {@code .}, {@code _} and {@code -}, so the separators {@code :}, {@code ,} and {@code =} never occur in one.
 * Immutable.
 */
final class KafkaPosition {

    static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private static final KafkaPosition EMPTY = new KafkaPosition(new TreeMap<>(ORDER));

    private final SortedMap<TopicPartition, Long> offsets;

    private KafkaPosition(SortedMap<TopicPartition, Long> offsets) {
        this.offsets = offsets;
    }

    static KafkaPosition empty() {
        return EMPTY;
    }

    /**
     * Reads a position this class wrote.
     *
     * @param where what the text is, for the message, such as {@code "the checkpoint"}
     * @throws IllegalArgumentException naming the bad entry and the expected form
     */
    static KafkaPosition parse(String text, String where) {
        Objects.requireNonNull(text, "text");
        SortedMap<TopicPartition, Long> offsets = new TreeMap<>(ORDER);
        if (text.isEmpty()) {
            return EMPTY;
        }
        for (String entry : text.split(",", -1)) {
            int colon = entry.indexOf(':');
            int equals = entry.indexOf('=');
            if (colon <= 0 || equals < colon + 2 || entry.indexOf(':', colon + 1) >= 0
                    || entry.indexOf('=', equals + 1) >= 0) {
                throw malformed(text, where, "entry \"" + entry + "\" is not of the form topic:partition=offset");
            }
            String topic = entry.substring(0, colon);
            int partition = (int) number(text, where, entry, entry.substring(colon + 1, equals), "partition",
                    Integer.MAX_VALUE);
            long offset = number(text, where, entry, entry.substring(equals + 1), "offset", Long.MAX_VALUE);
            if (offsets.put(new TopicPartition(topic, partition), offset) != null) {
                throw malformed(text, where, "partition " + topic + ":" + partition + " appears twice");
            }
        }
        return new KafkaPosition(offsets);
    }

    private static long number(String text, String where, String entry, String digits, String what, long max) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(text, where, "the " + what + " of entry \"" + entry + "\" is not a non-negative integer");
        }
        try {
            long value = Long.parseLong(digits);
            if (value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // only overflow is left after the digit check: reported below
        }
        throw malformed(text, where, "the " + what + " of entry \"" + entry + "\" is larger than " + max);
    }

    private static IllegalArgumentException malformed(String text, String where, String problem) {
        return new IllegalArgumentException(where + " \"" + text + "\" is not a Kafka source position: " + problem
                + "; a position lists topic:partition=offset entries separated by commas, for example"
                + " \"orders:0=1200,orders:3=87\"");
    }

    /** Returns this position with one partition's next offset set. */
    KafkaPosition with(TopicPartition partition, long nextOffset) {
        Long current = offsets.get(partition);
        if (current != null && current == nextOffset) {
            return this;
        }
        SortedMap<TopicPartition, Long> copy = new TreeMap<>(offsets);
        copy.put(partition, nextOffset);
        return new KafkaPosition(copy);
    }

    /** Returns this position with several partitions' next offsets set. */
    KafkaPosition withAll(Map<TopicPartition, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return this;
        }
        SortedMap<TopicPartition, Long> copy = new TreeMap<>(offsets);
        copy.putAll(nextOffsets);
        return new KafkaPosition(copy);
    }

    /** Returns this position without the given partitions. */
    KafkaPosition without(Collection<TopicPartition> partitions) {
        SortedMap<TopicPartition, Long> copy = new TreeMap<>(offsets);
        copy.keySet().removeAll(partitions);
        return copy.size() == offsets.size() ? this : new KafkaPosition(copy);
    }

    /** Returns the offsets of the given partitions only. */
    KafkaPosition only(Set<TopicPartition> partitions) {
        SortedMap<TopicPartition, Long> copy = new TreeMap<>(offsets);
        copy.keySet().retainAll(partitions);
        return copy.size() == offsets.size() ? this : new KafkaPosition(copy);
    }

    /** The next offsets, sorted. */
    Map<TopicPartition, Long> offsets() {
        return Collections.unmodifiableSortedMap(offsets);
    }

    boolean isEmpty() {
        return offsets.isEmpty();
    }

    Position toPosition() {
        return new Position(toString());
    }

    /** Partitions as {@code orders:0,orders:3}, sorted; empty when there are none. */
    static String partitionList(Collection<TopicPartition> partitions) {
        return partitions.stream().sorted(ORDER).map(tp -> tp.topic() + ":" + tp.partition())
                .collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaPosition that && offsets.equals(that.offsets);
    }

    @Override
    public int hashCode() {
        return offsets.hashCode();
    }

    @Override
    public String toString() {
        return offsets.entrySet().stream()
                .map(e -> e.getKey().topic() + ":" + e.getKey().partition() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
