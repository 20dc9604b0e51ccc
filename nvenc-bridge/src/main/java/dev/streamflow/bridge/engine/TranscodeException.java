package dev.streamflow.bridge.engine;

/** A segment could not be transcoded; the message says what was wrong with it or with the engine. */
public class TranscodeException extends Exception {
    public TranscodeException(String message) {
        super(message);
    }

    public TranscodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
