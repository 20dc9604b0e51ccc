package dev.streamflow.pm.recipient;

import dev.streamflow.pm.chain.FixedChain;
import dev.streamflow.pm.key.Address;
import java.math.BigInteger;

/** A frozen chain for the orchestrator side (the on-chain tests use anvil and the real TicketBroker). */
final class FakeRecipientChain extends FixedChain implements RecipientChainView {
    BigInteger gasPrice = BigInteger.valueOf(100_000_000L); // 0.1 gwei, Arbitrum-like
    long poolSize = 10;
    BigInteger claimed = BigInteger.ZERO;
    boolean active = true;

    @Override
    public BigInteger gasPrice() {
        return gasPrice;
    }

    @Override
    public long activePoolSize() {
        return poolSize;
    }

    @Override
    public BigInteger claimedReserve(Address sender, Address claimant) {
        return claimed;
    }

    @Override
    public boolean isActiveOrchestrator(Address address) {
        return active;
    }
}
