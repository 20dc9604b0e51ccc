package dev.streamflow.core.ingest;

/**
 * The publisher sent something Streamflow cannot transcode (garbage, an unsupported codec, no keyframes).
 * The message is written for the admin: it names the stream's problem and, where there is one, the fix.
 * The stream that caused it ends; other streams are not affected.
 */
public class IngestException extends Exception {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
