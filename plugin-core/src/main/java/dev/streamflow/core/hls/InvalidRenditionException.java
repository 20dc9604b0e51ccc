package dev.streamflow.core.hls;

/** A rendition cannot be published (its MPEG-TS does not parse, or lacks what a player needs); nothing was written. */
public class InvalidRenditionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidRenditionException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidRenditionException(String message) {
        super(message);
    }
}
