package dev.patchbay.api;

import java.util.Objects;

/**
 * Input that a stage skipped instead of turning it into a record, as reported through
 * {@link Emitter#reject}: a malformed line that a source's error policy skips, or a record a
 * processor's error policy drops.
 *
 * <p>The host counts rejections per stage and, when the pipeline has a dead-letter stage, writes each one
 * there, before the checkpoint that passes it is committed.
 *
 * @param reason why the input was rejected, in one sentence, for example
 *               {@code "expected 4 fields but found 3"}; not blank
 * @param location where the input was, in the source's own terms, for example
 *                 {@code "data/zone1970.tab line 12"}; empty when there is nothing to say
 * @param input the rejected input as text, for example the line; empty when it is unknown or is a record,
 *              which the host already has. Keep it short: the host stores it as given.
 * @since 1.1.0
 */
public record Rejection(String reason, String location, String input) {

    /**
     * Validates the parts.
     *
     * @param reason why the input was rejected; not blank
     * @param location where the input was; may be empty
     * @param input the rejected input as text; may be empty
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if the reason is blank
     */
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(input, "input");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a reason; say why the input was skipped");
        }
    }
}
