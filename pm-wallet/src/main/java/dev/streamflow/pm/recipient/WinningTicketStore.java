package dev.streamflow.pm.recipient;

import dev.streamflow.pm.key.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/** Durable storage for winning tickets until they are redeemed or given up. */
public interface WinningTicketStore {
    /** Persists the ticket durably before returning; storing the same ticket twice keeps one copy. */
    void store(WinningTicket ticket) throws IOException;

    /** Every stored ticket, oldest first. */
    List<WinningTicket> pending();

    /** Forgets a ticket (redeemed, used, or not worth redeeming). */
    void remove(WinningTicket ticket) throws IOException;

    /** Σ faceValue of the stored tickets from {@code sender}: the "pending" of the max-float rule. */
    default BigInteger pendingFaceValue(Address sender) {
        return pending().stream()
                .filter(t -> t.ticket().sender().equals(sender))
                .map(t -> t.ticket().faceValue())
                .reduce(BigInteger.ZERO, BigInteger::add);
    }
}
