package dev.streamflow.pm.sender;

import dev.streamflow.pm.ticket.TicketExpirationParams;
import dev.streamflow.pm.ticket.TicketParams;
import java.util.List;

/** N tickets sharing one params set, each with its own (nonce, sig). */
public record TicketBatch(TicketParams ticketParams, TicketExpirationParams expirationParams,
        List<TicketSenderParams> ticketSenderParams) {
    public TicketBatch {
        ticketSenderParams = List.copyOf(ticketSenderParams);
    }

    public int size() {
        return ticketSenderParams.size();
    }
}
