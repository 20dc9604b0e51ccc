package dev.streamflow.pm.recipient;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.money.Fraction;
import java.util.Objects;

/**
 * One broadcaster session on the orchestrator (sender + auth-token session id): a price fixed when
 * the session began and the sender's credit. Work is always charged at this fixed price, never at
 * the price a payment claims.
 */
public final class RecipientSession {
    private final Address sender;
    private final String sessionId;
    private final Fraction fixedPrice;
    private Fraction balance = Fraction.ZERO;

    public RecipientSession(Address sender, String sessionId, Fraction fixedPrice) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        if (fixedPrice.signum() < 0) {
            throw new IllegalArgumentException("negative price " + fixedPrice);
        }
        this.fixedPrice = fixedPrice;
    }

    public Address sender() {
        return sender;
    }

    public String sessionId() {
        return sessionId;
    }

    public Fraction fixedPrice() {
        return fixedPrice;
    }

    public synchronized Fraction balance() {
        return balance;
    }

    synchronized void credit(Fraction amount) {
        balance = balance.add(amount);
    }

    /** Charges {@code pixels} at the session's fixed price. */
    public synchronized void debit(long pixels) {
        balance = balance.subtract(Fraction.of(pixels).multiply(fixedPrice));
    }

    /**
     * go-livepeer {@code /segment} step 9, on our own price: a paid session needs a balance of at least
     * one ticket EV before work starts.
     */
    public synchronized void requireBalanceFor(Fraction ticketEV) throws PaymentRejectedException {
        if (fixedPrice.signum() > 0 && balance.compareTo(ticketEV) < 0) {
            throw new PaymentRejectedException("Insufficient balance", false);
        }
    }

    @Override
    public String toString() {
        return "RecipientSession[" + sender + "/" + sessionId + ", price=" + fixedPrice + "]";
    }
}
