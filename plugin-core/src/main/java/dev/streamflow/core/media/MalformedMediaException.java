package dev.streamflow.core.media;

/** The bytes are not the media they claim to be; the message says what was wrong and where. */
public class MalformedMediaException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedMediaException(String message) {
        super(message);
    }
}
