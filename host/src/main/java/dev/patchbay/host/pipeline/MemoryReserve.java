package dev.patchbay.host.pipeline;

/**
 * Heap held back for the way out of an {@code OutOfMemoryError}: released the moment a stage meets a fatal
 * error, so that the host can still build the failure, log it, stop every pipeline and print its summary
 * even when a plugin keeps what filled the heap reachable (a static cache, say).
 *
 * <p>One per runtime, shared by its attempts; the field is volatile and only ever cleared.
 */
final class MemoryReserve {

    private static final long MIN_BYTES = 1 << 20;
    private static final long MAX_BYTES = 16 << 20;

    @SuppressWarnings("unused") // Held only to be released.
    private volatile byte[] reserve;

    MemoryReserve(int bytes) {
        this.reserve = new byte[bytes];
    }

    /** A sixteenth of the maximum heap, between 1 and 16 MiB. */
    static MemoryReserve forHeap(long maxHeapBytes) {
        return new MemoryReserve((int) Math.max(MIN_BYTES, Math.min(MAX_BYTES, maxHeapBytes / 16)));
    }

    static MemoryReserve none() {
        return new MemoryReserve(0);
    }

    /** Gives the reserve back to the heap; idempotent. */
    void release() {
        reserve = null;
    }

    boolean held() {
        return reserve != null;
    }
}
