package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.ticket.TicketExpirationParams;

/** What payment logic needs to know about the chain. Implemented by the chain clients (and tests). */
public interface ChainView {
    /** The latest L1 block number seen (on Arbitrum: the header's l1BlockNumber). */
    long lastSeenL1Block();

    long lastInitializedRound();

    /** (lastInitializedRound, its block hash): the sender's own expiration params. */
    TicketExpirationParams lastInitializedRoundParams();

    SenderInfo senderInfo(Address sender);
}
