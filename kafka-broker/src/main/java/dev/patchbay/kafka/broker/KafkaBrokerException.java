package dev.patchbay.kafka.broker;

/** The broker could not be started, answered nothing, or could not be stopped; the message says which and why. */
public final class KafkaBrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the broker directory
     */
    public KafkaBrokerException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the broker directory
     * @param cause the underlying failure
     */
    public KafkaBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
