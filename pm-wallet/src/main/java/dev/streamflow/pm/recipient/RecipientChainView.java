package dev.streamflow.pm.recipient;

import dev.streamflow.pm.chain.ChainView;
import dev.streamflow.pm.key.Address;
import java.math.BigInteger;

/** What the orchestrator side additionally reads from the chain. */
public interface RecipientChainView extends ChainView {
    /** Current gas price in wei; null when unknown (counts as 0, as in go-livepeer). */
    BigInteger gasPrice();

    /** BondingManager active pool size this round. */
    long activePoolSize();

    /** TicketBroker {@code claimedReserve(sender, claimant)} for the current round. */
    BigInteger claimedReserve(Address sender, Address claimant);

    /** BondingManager {@code isActiveTranscoder(address)}. */
    boolean isActiveOrchestrator(Address address);
}
