package dev.streamflow.pm.sender;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import dev.streamflow.pm.ticket.TicketParams;
import java.util.List;

/**
 * Protobuf {@code Payment} (the {@code Livepeer-Payment} header), field for field:
 * {@code ticket_params} (fields 1–6 only), {@code sender}, {@code expiration_params},
 * {@code ticket_sender_params}, {@code expected_price}. Absent fields are null; an off-chain
 * payment has none at all and goes on the wire as the empty header.
 */
public record Payment(
        TicketParams ticketParams,
        Address sender,
        TicketExpirationParams expirationParams,
        List<TicketSenderParams> ticketSenderParams,
        PriceInfo expectedPrice) {

    private static final Payment OFFCHAIN = new Payment(null, null, null, List.of(), null);

    public Payment {
        ticketSenderParams = List.copyOf(ticketSenderParams);
        if (ticketParams != null && ticketParams.expirationParams() != null) {
            throw new IllegalArgumentException("Payment.ticket_params must not carry expiration_params (field 7)");
        }
        if (!ticketSenderParams.isEmpty() && (ticketParams == null || sender == null || expirationParams == null)) {
            throw new IllegalArgumentException("a payment with tickets needs ticket_params, sender and expiration_params");
        }
    }

    /** Off-chain mode: no payment at all (sent as the empty header). */
    public static Payment offchain() {
        return OFFCHAIN;
    }

    /** No new credit needed: only the sender and the expected price (go-livepeer does the same). */
    public static Payment withoutTickets(Address sender, PriceInfo expectedPrice) {
        return new Payment(null, sender, null, List.of(), expectedPrice);
    }

    public boolean isOffchain() {
        return equals(OFFCHAIN);
    }

    public boolean hasTickets() {
        return !ticketSenderParams.isEmpty();
    }

    /** The tickets this payment carries, rebuilt from the shared params and each (nonce, sig). */
    public List<Ticket> tickets() {
        return ticketSenderParams.stream()
                .map(p -> ticketParams.ticket(sender, p.senderNonce(), expirationParams))
                .toList();
    }
}
