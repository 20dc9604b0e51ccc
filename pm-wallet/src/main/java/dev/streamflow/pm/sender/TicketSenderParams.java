package dev.streamflow.pm.sender;

import dev.streamflow.pm.key.Signature;
import java.util.Objects;

/** Protobuf {@code TicketSenderParams}: one ticket's nonce (uint32) and signature. */
public record TicketSenderParams(long senderNonce, Signature sig) {
    public TicketSenderParams {
        if (senderNonce < 0 || senderNonce > 0xffffffffL) {
            throw new IllegalArgumentException("sender nonce must be a uint32, got " + senderNonce);
        }
        Objects.requireNonNull(sig, "sig");
    }
}
