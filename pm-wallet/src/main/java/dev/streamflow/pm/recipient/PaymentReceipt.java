package dev.streamflow.pm.recipient;

import dev.streamflow.pm.money.Fraction;
import java.util.List;

/**
 * What processing a payment did: credit added to the session, the winning tickets stored, and the
 * first error (null when every ticket passed). The bridge answers 400 with {@code error.getMessage()}.
 */
public record PaymentReceipt(Fraction credited, int ticketsCredited, List<WinningTicket> winners,
        PaymentRejectedException error) {
    public PaymentReceipt {
        winners = List.copyOf(winners);
    }

    public boolean accepted() {
        return error == null;
    }

    public void requireAccepted() throws PaymentRejectedException {
        if (error != null) {
            throw error;
        }
    }
}
