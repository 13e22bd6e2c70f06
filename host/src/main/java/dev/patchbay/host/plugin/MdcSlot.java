package dev.patchbay.host.plugin;

import java.util.Objects;
import org.slf4j.MDC;

/**
 * One MDC key set for the length of a call and put back after it, without allocating: for a thread that calls
 * into plugin code again and again, as a pipeline stage thread does once per chunk or batch.
 *
 * <p>Logback's MDC adapter keeps a {@code HashMap} per thread: removing a key frees its map node, and the next
 * put of that key allocates a new one (32 bytes). So where the key was missing before the call, {@link #restore}
 * does not remove it but sets it to {@link #VACANT}: the line logged next still names no plugin or stage, and
 * the next call only replaces a value, which allocates nothing. Reading the key and putting a value over a
 * present one allocate nothing either; a call that finds the value already in place does not write at all.
 *
 * <p>Confined to one thread, one call at a time; callers that nest take one slot per level.
 */
public final class MdcSlot {

    /**
     * What a key holds between calls on a thread where it held nothing before them: the empty string. The text
     * log format prints nothing for it, exactly as for a missing key; JSON lines show it as {@code ""}.
     */
    public static final String VACANT = "";

    private final String key;
    // What the key held when set() ran; null when it was missing.
    private String previous;

    /**
     * @param key the MDC key, such as {@link PluginScope#MDC_PLUGIN}
     */
    public MdcSlot(String key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** Sets the key to {@code value} for a call, remembering what it held; no write when it already holds it. */
    public void set(String value) {
        if (value == null) {
            // Not requireNonNull with a message supplier: the capturing lambda would allocate on every call.
            throw new NullPointerException("value of MDC key '" + key + "'");
        }
        String held = MDC.get(key);
        previous = held;
        if (!value.equals(held)) {
            MDC.put(key, value);
        }
    }

    /**
     * Puts back what the key held when {@link #set} ran ({@link #VACANT} where it held nothing), whatever the
     * call did to it in between.
     */
    public void restore() {
        String back = previous == null ? VACANT : previous;
        previous = null;
        if (!back.equals(MDC.get(key))) {
            MDC.put(key, back);
        }
    }
}
