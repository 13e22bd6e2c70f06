package dev.patchbay.host.pipeline;

import dev.patchbay.api.Fields;
import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import java.time.Instant;

/**
 * The record a dead-letter stage receives for each rejected record, and for each input a stage skipped and
 * reported through {@code Emitter.reject}. Its fields, in order:
 * <ul>
 *   <li>{@code record}: the rejected record, as a nested record; null for input a source skipped, which never
 *       became a record;</li>
 *   <li>{@code pipeline}, {@code stage} (such as {@code processors[0]}), {@code use}, {@code plugin} and
 *       {@code pluginVersion}: whose code rejected it;</li>
 *   <li>{@code exception} and {@code message}: the exception's class name and message; for skipped input, null
 *       and the plugin's reason;</li>
 *   <li>{@code sourcePosition}: the source position the record was read after, so that resuming from it reads
 *       the record again, or null when the source had reported none yet;</li>
 *   <li>{@code timestamp}: when it was rejected, ISO-8601 UTC;</li>
 *   <li>{@code location} and {@code input}: for skipped input, where it was (such as a file and line) and its
 *       text, as the plugin reported them; null for a record a stage threw on.</li>
 * </ul>
 */
final class DeadLetter {

    static final Fields FIELDS = Fields.of("record", "pipeline", "stage", "use", "plugin", "pluginVersion",
            "exception", "message", "sourcePosition", "timestamp", "location", "input");

    private DeadLetter() {
    }

    static Row of(Row record, StageCall call, Throwable error, Position from, Instant when) {
        StageGuard guard = call.guard();
        return FIELDS.record(record, guard.pipeline(), guard.stage(), guard.use(), guard.pluginId(),
                call.pluginVersion(), error.getClass().getName(), String.valueOf(error.getMessage()),
                from == null ? null : from.value(), when.toString(), null, null);
    }

    static Row of(Row record, StageCall call, Rejection rejection, Position from, Instant when) {
        StageGuard guard = call.guard();
        return FIELDS.record(record, guard.pipeline(), guard.stage(), guard.use(), guard.pluginId(),
                call.pluginVersion(), null, rejection.reason(), from == null ? null : from.value(), when.toString(),
                rejection.location(), rejection.input());
    }
}
