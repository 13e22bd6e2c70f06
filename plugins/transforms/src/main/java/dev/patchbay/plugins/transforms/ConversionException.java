package dev.patchbay.plugins.transforms;

/**
 * A value could not be converted. Thrown and caught inside a processor only, and turned into the
 * stage's onError outcome, so it carries no stack trace: with onError skip or null a bad input file can
 * produce one per record.
 */
final class ConversionException extends Exception {

    private static final long serialVersionUID = 1L;

    ConversionException(String message) {
        super(message, null, false, false);
    }

    ConversionException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
