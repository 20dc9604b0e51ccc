package dev.streamflow.pm.redeem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.chain.TicketBroker;
import dev.streamflow.pm.chain.TransactionSender;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.onchain.LivepeerChainView;
import dev.streamflow.pm.recipient.FileWinningTicketStore;
import dev.streamflow.pm.recipient.PaymentReceipt;
import dev.streamflow.pm.recipient.Recipient;
import dev.streamflow.pm.recipient.RecipientConfig;
import dev.streamflow.pm.recipient.RecipientSession;
import dev.streamflow.pm.recipient.WinningTicket;
import dev.streamflow.pm.recipient.WinningTicketStore;
import dev.streamflow.pm.redeem.Redemption.Outcome;
import dev.streamflow.pm.sender.Payment;
import dev.streamflow.pm.sender.SenderLimits;
import dev.streamflow.pm.sender.TicketBatch;
import dev.streamflow.pm.sender.TicketSender;
import dev.streamflow.pm.testchain.ChainRig;
import dev.streamflow.pm.testchain.LivepeerRig;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketParams;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broadcaster key pays our Recipient (the real sender and recipient code, reading the chain through
 * {@link LivepeerChainView}); the Redeemer takes the winning ticket from the file store and the real
 * TicketBroker pays it out.
 */
class RedeemerOnChainTest {
    @RegisterExtension
    static final ChainRig CHAIN = new ChainRig();

    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final BigInteger EV = BigInteger.TEN.pow(16);
    /**
     * Face value capped at EV + 1: winProb is EV·⌈(2^256−1)/(EV+1)⌉, a ticket loses with probability 10^-16.
     * (A face value of exactly EV would give winProb 2^256 − 1, but go-livepeer's sender refuses EV ≥ faceValue.)
     */
    private static final BigInteger FACE_VALUE = EV.add(BigInteger.ONE);
    private static final RecipientConfig ALWAYS_WIN = new RecipientConfig(EV, RecipientConfig.ARBITRUM_REDEEM_GAS, 100,
            FACE_VALUE, 40);
    private static final PriceInfo PRICE = PriceInfo.of(1, 1);

    @TempDir
    Path dir;

    LivepeerRig rig;
    LivepeerContracts contracts;
    LivepeerChainView chain;
    EthereumKey broadcaster;
    EthereumKey orchestrator;

    @BeforeEach
    void fundBroadcasterAndActivateOrchestrator() {
        rig = CHAIN.rig();
        contracts = rig.contracts();
        chain = new LivepeerChainView(rig.eth(), contracts, Duration.ZERO);
        broadcaster = rig.fundedKey(ETH.multiply(BigInteger.TEN));
        orchestrator = rig.fundedKey(ETH);
        contracts.ticketBroker().fundDepositAndReserve(rig.sender(broadcaster), ETH, ETH);
        rig.setPoolSize(1);
        rig.setActiveTranscoder(orchestrator.address());
    }

    @Test
    void aWinningTicketIsRedeemedOnChainOnceItsParamsExpire() throws Exception {
        WinningTicketStore store = new FileWinningTicketStore(dir);
        WinningTicket winner = winTicket(store);
        assertEquals(chain.senderInfo(broadcaster.address()), contracts.ticketBroker().senderInfo(broadcaster.address()));
        Redeemer redeemer = redeemer(store);

        assertEquals(List.of(), redeemer.redeemDue(), "not due before paramsExpirationBlock");
        mineUntil(winner.paramsExpirationBlock());
        List<Redemption> done = redeemer.redeemDue();

        assertEquals(1, done.size());
        assertEquals(Outcome.REDEEMED, done.get(0).outcome(), done.get(0).reason());
        Ticket t = winner.ticket();
        List<TicketBroker.Redeemed> events = contracts.ticketBroker().redeemedEvents(done.get(0).receipt().orElseThrow());
        assertEquals(List.of(new TicketBroker.Redeemed(broadcaster.address(), orchestrator.address(), t.faceValue(),
                t.winProb(), BigInteger.valueOf(t.senderNonce()), winner.recipientRand())), events);
        assertTrue(contracts.ticketBroker().isUsed(t.hash()));
        assertEquals(new SenderInfo(ETH.subtract(FACE_VALUE), 0, ETH, BigInteger.ZERO),
                contracts.ticketBroker().senderInfo(broadcaster.address()));
        assertEquals(List.of(), store.pending());
    }

    @Test
    void aReplayedTicketIsSkippedWithoutATransaction() throws Exception {
        WinningTicketStore store = new FileWinningTicketStore(dir);
        WinningTicket winner = winTicket(store);
        mineUntil(winner.paramsExpirationBlock());
        Redeemer redeemer = redeemer(store);
        assertEquals(Outcome.REDEEMED, redeemer.redeemDue().get(0).outcome());
        SenderInfo afterFirst = contracts.ticketBroker().senderInfo(broadcaster.address());

        store.store(winner);
        BigInteger nonceBefore = rig.eth().pendingNonce(orchestrator.address());
        List<Redemption> replay = redeemer.redeemDue();

        assertEquals(Outcome.USED, replay.get(0).outcome());
        assertEquals(nonceBefore, rig.eth().pendingNonce(orchestrator.address()), "no transaction was sent");
        assertEquals(afterFirst, contracts.ticketBroker().senderInfo(broadcaster.address()));
        assertEquals(List.of(), store.pending());
    }

    @Test
    void aRestartedRedeemerRedeemsFromTheSameStoreDirectory() throws Exception {
        WinningTicket winner = winTicket(new FileWinningTicketStore(dir));
        mineUntil(winner.paramsExpirationBlock());

        WinningTicketStore reopened = new FileWinningTicketStore(dir);
        assertEquals(List.of(winner), reopened.pending());
        List<Redemption> done = redeemer(reopened).redeemDue();

        assertEquals(Outcome.REDEEMED, done.get(0).outcome(), done.get(0).reason());
        assertTrue(contracts.ticketBroker().isUsed(winner.ticket().hash()));
        assertEquals(List.of(), new FileWinningTicketStore(dir).pending());
    }

    @Test
    void aTicketWhoseFaceValueDoesNotCoverTheGasIsDroppedUnsent() throws Exception {
        WinningTicketStore store = new FileWinningTicketStore(dir);
        WinningTicket winner = winTicket(store);
        mineUntil(winner.paramsExpirationBlock());
        BigInteger gasPrice = rig.eth().gasPrice();
        long gasAboveFaceValue = FACE_VALUE.divide(gasPrice).longValueExact() + 1;
        BigInteger nonceBefore = rig.eth().pendingNonce(orchestrator.address());

        List<Redemption> done = new Redeemer(orchestrator.address(), rig.eth(), contracts, rig.sender(orchestrator), store,
                gasAboveFaceValue).redeemDue();

        assertEquals(Outcome.UNPROFITABLE, done.get(0).outcome());
        assertEquals(nonceBefore, rig.eth().pendingNonce(orchestrator.address()));
        assertEquals(List.of(), store.pending());
        assertEquals(ETH, contracts.ticketBroker().senderInfo(broadcaster.address()).deposit());
    }

    @Test
    void anExpiredTicketIsDroppedUnsent() throws Exception {
        WinningTicketStore store = new FileWinningTicketStore(dir);
        WinningTicket winner = winTicket(store);
        mineUntil(winner.paramsExpirationBlock());
        rig.advanceRounds(LivepeerRig.TICKET_VALIDITY_PERIOD);

        List<Redemption> done = redeemer(store).redeemDue();

        assertEquals(Outcome.INVALID, done.get(0).outcome());
        assertTrue(done.get(0).reason().startsWith("ticket is expired"), done.get(0).reason());
        assertEquals(List.of(), store.pending());
    }

    /** The broadcaster signs one ticket for our Recipient, which validates it and stores it as a winner. */
    private WinningTicket winTicket(WinningTicketStore store) throws Exception {
        Recipient recipient = new Recipient(orchestrator.address(), chain, ALWAYS_WIN, store, new SecureRandom());
        TicketParams params = recipient.ticketParams(broadcaster.address(), PRICE.weiPerPixel());
        assertEquals(FACE_VALUE, params.faceValue());
        TicketSender sender = new TicketSender(broadcaster, chain, new SenderLimits(FACE_VALUE, FACE_VALUE, BigInteger.ONE));
        TicketBatch batch = sender.createTicketBatch(sender.startSession(params), 1);
        Payment payment = new Payment(batch.ticketParams(), broadcaster.address(), batch.expirationParams(),
                batch.ticketSenderParams(), PRICE);
        PaymentReceipt receipt = recipient.processPayment(payment,
                new RecipientSession(broadcaster.address(), "session", PRICE.weiPerPixel()));
        assertTrue(receipt.accepted(), String.valueOf(receipt.error()));
        assertEquals(1, receipt.winners().size());
        return receipt.winners().get(0);
    }

    private Redeemer redeemer(WinningTicketStore store) {
        TransactionSender gasPayer = rig.sender(orchestrator);
        return new Redeemer(orchestrator.address(), rig.eth(), contracts, gasPayer, store,
                RecipientConfig.ARBITRUM_REDEEM_GAS);
    }

    private void mineUntil(BigInteger l1Block) {
        long missing = l1Block.longValueExact() - rig.eth().latestL1BlockNumber();
        if (missing > 0) {
            rig.mineBlocks(missing);
        }
    }
}
