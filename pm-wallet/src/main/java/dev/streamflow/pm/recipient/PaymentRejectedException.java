package dev.streamflow.pm.recipient;

/**
 * A payment, or one of its tickets, failed go-livepeer's recipient validation. The message is
 * go-livepeer's text (the bridge answers it with HTTP 400). Fatal errors abort the whole payment;
 * non-fatal ones still let later tickets be checked for wins, but no later ticket is credited.
 */
public class PaymentRejectedException extends Exception {
    private final boolean fatal;

    public PaymentRejectedException(String message, boolean fatal) {
        super(message);
        this.fatal = fatal;
    }

    public boolean isFatal() {
        return fatal;
    }
}
