package dev.streamflow.pm.onchain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.testchain.ChainRig;
import dev.streamflow.pm.testchain.LivepeerRig;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LivepeerChainViewOnChainTest {
    @RegisterExtension
    static final ChainRig CHAIN = new ChainRig();

    private static final BigInteger ETH = BigInteger.TEN.pow(18);

    @Test
    void readsRoundsBlocksAndSenderStateFromTheContracts() {
        LivepeerRig rig = CHAIN.rig();
        LivepeerChainView view = new LivepeerChainView(rig.eth(), rig.contracts(), Duration.ZERO);
        EthereumKey sender = rig.fundedKey(ETH.multiply(BigInteger.TEN));
        rig.contracts().ticketBroker().fundDepositAndReserve(rig.sender(sender), ETH, ETH.multiply(BigInteger.TWO));
        rig.contracts().ticketBroker().unlock(rig.sender(sender));

        long round = rig.contracts().roundsManager().lastInitializedRound();
        SenderInfo expected = new SenderInfo(ETH, round + LivepeerRig.UNLOCK_PERIOD, ETH.multiply(BigInteger.TWO),
                BigInteger.ZERO);
        assertEquals(expected, view.senderInfo(sender.address()));
        assertEquals(rig.contracts().ticketBroker().senderInfo(sender.address()), view.senderInfo(sender.address()));
        assertTrue(view.senderInfo(sender.address()).unlocksSoon(round + 1), "unlock completes by the next round + 1");
        assertEquals(round, view.lastInitializedRound());
        TicketExpirationParams params = view.lastInitializedRoundParams();
        assertEquals(round, params.creationRound());
        assertArrayEquals(rig.roundBlockHash(), params.creationRoundBlockHash());
        assertEquals(rig.eth().latestBlockNumber(), view.lastSeenL1Block(), "anvil blocks carry no l1BlockNumber");
        assertNotNull(view.gasPrice());
    }

    @Test
    void readsPoolSizeActivityAndClaimedReserve() {
        LivepeerRig rig = CHAIN.rig();
        LivepeerChainView view = new LivepeerChainView(rig.eth(), rig.contracts(), Duration.ZERO);
        EthereumKey orchestrator = EthereumKey.generate(new java.security.SecureRandom());
        rig.setPoolSize(3);
        assertFalse(view.isActiveOrchestrator(orchestrator.address()));
        rig.setActiveTranscoder(orchestrator.address());
        assertTrue(view.isActiveOrchestrator(orchestrator.address()));
        assertEquals(3, view.activePoolSize());
        assertEquals(BigInteger.ZERO, view.claimedReserve(orchestrator.address(), orchestrator.address()));
    }

    @Test
    void answersAreReusedForMaxAgeOnly() {
        LivepeerRig rig = CHAIN.rig();
        LivepeerContracts contracts = rig.contracts();
        MutableClock clock = new MutableClock();
        LivepeerChainView view = new LivepeerChainView(rig.eth(), contracts, Duration.ofSeconds(2), clock);
        long before = view.lastSeenL1Block();
        rig.mineBlocks(3);
        assertEquals(before, view.lastSeenL1Block(), "cached within max age");
        clock.now = clock.now.plusSeconds(2);
        assertEquals(before + 3, view.lastSeenL1Block(), "read again once max age has passed");
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
