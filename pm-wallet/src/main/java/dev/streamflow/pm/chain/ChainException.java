package dev.streamflow.pm.chain;

/** The node could not be reached, answered with an error, or a transaction failed. */
public class ChainException extends RuntimeException {
    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
