package dev.streamflow.pm.recipient;

import dev.streamflow.pm.key.Hex;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.ticket.Ticket;
import java.math.BigInteger;
import java.util.Objects;

/** A winning ticket with what redemption needs: the signature, recipientRand, and when params expire. */
public record WinningTicket(Ticket ticket, Signature sig, BigInteger recipientRand, BigInteger paramsExpirationBlock) {
    public WinningTicket {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(sig, "sig");
        Objects.requireNonNull(recipientRand, "recipientRand");
        Objects.requireNonNull(paramsExpirationBlock, "paramsExpirationBlock");
    }

    public String hashHex() {
        return Hex.encode(ticket.hash());
    }
}
