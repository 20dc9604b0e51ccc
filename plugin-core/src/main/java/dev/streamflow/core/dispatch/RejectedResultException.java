package dev.streamflow.core.dispatch;

/** A result that came back but may not be published: wrong shape, or refused by the {@link ResultCheck}. */
public class RejectedResultException extends Exception {
    public RejectedResultException(String message) {
        super(message);
    }
}
