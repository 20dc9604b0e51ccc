package dev.streamflow.core.discovery;

/** A source of orchestrators could not say who the candidates are; the message names the source and the fault. */
public class DiscoveryException extends Exception {
    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
