package dev.streamflow.protocol.wire;

/** A header or message from the network could not be decoded; the message says which and why. */
public class WireFormatException extends Exception {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
