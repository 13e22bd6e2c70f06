package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordQueueTest {

    private static Chunk chunk(int records) {
        Chunk chunk = new Chunk(Math.max(records, 1));
        for (int i = 0; i < records; i++) {
            chunk.add(Row.empty().with("i", (long) i));
        }
        return chunk;
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        while (thread.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
    }

    @Test
    void capacityIsCountedInRecordsNotChunks() throws Exception {
        RecordQueue queue = new RecordQueue(10);
        queue.put(chunk(6));
        queue.put(chunk(4));
        Thread producer = new Thread(() -> {
            try {
                queue.put(chunk(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-producer");
        producer.start();
        awaitWaiting(producer);

        assertThat(queue.occupied()).isEqualTo(10);
        assertThat(queue.poll(0, TimeUnit.SECONDS).size()).isEqualTo(6);
        producer.join();
        assertThat(queue.occupied()).isEqualTo(5);
        assertThat(queue.highWater()).isEqualTo(10);
    }

    @Test
    void anEmptyChunkCarryingAPositionTakesOneSlot() throws Exception {
        RecordQueue queue = new RecordQueue(2);
        Chunk marker = new Chunk(0);
        marker.position(new Position("7"), 7);

        queue.put(marker);

        assertThat(queue.occupied()).isEqualTo(1);
        assertThat(queue.poll(0, TimeUnit.SECONDS).position()).isEqualTo(new Position("7"));
    }

    @Test
    void aClosedQueueIsDrainedBeforeItReportsTheEnd() throws Exception {
        RecordQueue queue = new RecordQueue(10);
        queue.put(chunk(3));
        queue.close();

        assertThat(queue.poll(1, TimeUnit.SECONDS).size()).isEqualTo(3);
        assertThat(queue.poll(1, TimeUnit.SECONDS)).isSameAs(Chunk.END);
        assertThat(queue.poll(0, TimeUnit.SECONDS)).isSameAs(Chunk.END);
    }

    @Test
    void anEmptyQueueTimesOutWithNull() throws Exception {
        assertThat(new RecordQueue(1).poll(1, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void abortWakesABlockedProducerAndConsumer() throws Exception {
        RecordQueue full = new RecordQueue(1);
        full.put(chunk(1));
        RecordQueue empty = new RecordQueue(1);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            try {
                full.put(chunk(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Chunk> consumer = CompletableFuture.supplyAsync(() -> {
            try {
                return empty.poll(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        });
        while (full.highWater() == 0) {
            Thread.sleep(1);
        }

        full.abort();
        empty.abort();

        assertThatThrownBy(() -> producer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RecordQueue.AbortedException.class);
        assertThatThrownBy(() -> consumer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RecordQueue.AbortedException.class);
    }
}
