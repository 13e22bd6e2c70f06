package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import java.util.Objects;

/**
 * Applies a stage's onError policy to a value that could not be converted. One instance per processor,
 * used from the processor's single thread, which is what makes the unguarded counter safe.
 */
final class FailurePolicy {

    private final String extension;
    private final OnError onError;
    private final ExtensionContext context;
    private long handled;

    FailurePolicy(String extension, OnError onError, ExtensionContext context) {
        this.extension = Objects.requireNonNull(extension, "extension");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Handles a failed conversion of {@code field}.
     *
     * @param record the record being processed
     * @param field the field whose value failed
     * @param target the field that would have received the result, set to null under onError null
     * @param problem what failed, quoting the value
     * @param out the processor's emitter, told of a record dropped under onError skip so the host counts it
     *        and can dead-letter it
     * @return the record to continue with, or null to drop the record
     * @throws ExtensionException under onError stop
     */
    Row fail(Row record, String field, String target, ConversionException problem, Emitter out) {
        String message = "field '" + field + "': " + problem.getMessage();
        switch (onError) {
            case STOP -> throw new ExtensionException(extension, message + "; fix the input, or set onError to"
                    + " skip (drop such records) or null (set the field to null)", problem);
            case SKIP -> {
                report(message, "dropped the record");
                out.reject(new Rejection(message, "", ""));
                return null;
            }
            case NULL -> {
                report(message, "set field '" + target + "' to null");
                return record.with(target, null);
            }
            default -> throw new IllegalStateException("unhandled onError policy " + onError);
        }
    }

    // Bad input can repeat on every record: the first occurrence is a warning an operator will see, the
    // rest stay available at DEBUG without flooding the log.
    private void report(String message, String outcome) {
        handled++;
        System.Logger logger = context.logger();
        if (handled == 1) {
            logger.log(System.Logger.Level.WARNING, () -> context.stageId() + ": " + message + "; " + outcome
                    + " (onError " + onError.label() + "); further occurrences are logged at DEBUG");
        } else if (logger.isLoggable(System.Logger.Level.DEBUG)) {
            logger.log(System.Logger.Level.DEBUG, context.stageId() + ": " + message + "; " + outcome
                    + " (onError " + onError.label() + ", occurrence " + handled + ")");
        }
    }
}
