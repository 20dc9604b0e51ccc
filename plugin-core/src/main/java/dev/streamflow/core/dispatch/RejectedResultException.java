package dev.streamflow.core.dispatch;

/**
 * A result that came back but may not be published: wrong shape, or refused by the {@link ResultCheck}. Either is
 * a verification fault of whoever made it ({@link #verificationFault()}), unlike a transport failure; a check that
 * could not run for our own reasons rejects the result without blaming its maker for cheating.
 */
public class RejectedResultException extends Exception {
    private final boolean verificationFault;

    /** A verification fault: the result failed the shape check or the {@link ResultCheck}. */
    public RejectedResultException(String message) {
        this(message, true);
    }

    public RejectedResultException(String message, boolean verificationFault) {
        super(message);
        this.verificationFault = verificationFault;
    }

    /** The result itself failed a check (as opposed to the check failing to run). */
    public boolean verificationFault() {
        return verificationFault;
    }
}
