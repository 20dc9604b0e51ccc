package dev.streamflow.bridge.node;

import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.chain.TicketBroker;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Keystore;
import dev.streamflow.pm.money.Fraction;
import dev.streamflow.pm.money.PriceInfo;
import dev.streamflow.pm.onchain.LivepeerChainView;
import dev.streamflow.pm.recipient.FileWinningTicketStore;
import dev.streamflow.pm.redeem.Redemption;
import dev.streamflow.pm.sender.Payment;
import dev.streamflow.pm.sender.PaymentSession;
import dev.streamflow.pm.sender.PixelEstimate;
import dev.streamflow.pm.sender.SenderLimits;
import dev.streamflow.pm.sender.TicketSender;
import dev.streamflow.pm.sender.TicketSenderParams;
import dev.streamflow.pm.testchain.ChainRig;
import dev.streamflow.pm.testchain.LivepeerRig;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import dev.streamflow.pm.ticket.TicketParams;
import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.client.FailureKind;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.OrchestratorException;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.client.TranscodeResponse;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.wire.PaymentWire;
import dev.streamflow.protocol.wire.WireCapabilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge as an on-chain recipient on anvil with the real TicketBroker: ticket params in its offers, real tickets
 * validated before work, refusals with go-livepeer's texts, winning tickets stored and redeemed on chain.
 * The node's ticket settings make every ticket win (face value EV + 1), and its price makes a 2 s 144p segment
 * cost a little more than one ticket's EV, so an honest sender pays two tickets for the first segment.
 */
class OnchainBridgeTest {
    @RegisterExtension
    static final ChainRig CHAIN = new ChainRig();

    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final BigInteger EV = BigInteger.TEN.pow(16);
    private static final BigInteger FACE_VALUE = EV.add(BigInteger.ONE);
    /** 5 gwei per pixel: a 2 s 256x144@30 segment (2,211,840 pixels) costs 1.1·10^16 wei, above one ticket's EV. */
    private static final long PRICE_PER_PIXEL = 5_000_000_000L;
    private static final SenderLimits TEST_LIMITS = new SenderLimits(EV.multiply(BigInteger.TEN), EV.multiply(BigInteger.valueOf(100)), BigInteger.ONE);
    private static final Duration RPC = Duration.ofSeconds(5);
    private static final char[] PASSWORD = "orchestrator secret".toCharArray();

    @TempDir
    Path dir;

    LivepeerRig rig;
    LivepeerContracts contracts;
    LivepeerChainView chain;
    EthereumKey orchestrator;
    EthereumKey broadcaster;
    OnchainOptions options;
    BridgeNode node;

    @BeforeEach
    void setUp() throws Exception {
        rig = CHAIN.rig();
        contracts = rig.contracts();
        chain = new LivepeerChainView(rig.eth(), contracts, Duration.ZERO);
        orchestrator = rig.fundedKey(ETH);
        broadcaster = rig.fundedKey(ETH.multiply(BigInteger.TEN));
        contracts.ticketBroker().fundDepositAndReserve(rig.sender(broadcaster), ETH, ETH);
        rig.setPoolSize(1);
        rig.setActiveTranscoder(orchestrator.address());
        Path keystore = dir.resolve("orchestrator.json");
        new Keystore(Keystore.ScryptParams.LIGHT).write(orchestrator, PASSWORD, keystore);
        Path passwordFile = Files.writeString(dir.resolve("password"), new String(PASSWORD) + "\n");
        options = OnchainOptions.of(CHAIN.url(), rig.controller(), keystore, passwordFile)
                .withTicketEV(EV).withMaxFaceValue(FACE_VALUE).withChainCacheAge(Duration.ZERO);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private BridgeNode start(Path dataDir, boolean echo) throws Exception {
        BridgeConfig config = NodeFixture.config(dataDir, true).withEcho(echo).withPrice(PRICE_PER_PIXEL, 1);
        return new BridgeNode(config, NodeFixture.engine(), ResultSigner.STANDARD, Optional.of(options)).start();
    }

    @Test
    void offersCarryTicketParamsForTheAskingSenderAtTheNodesPrice() throws Exception {
        node = start(dir.resolve("node"), true);
        assertEquals(orchestrator.address(), node.address(), "the keystore's key is the node's key");
        OrchestratorInfo info = offer(node, broadcaster);

        TicketParams params = PaymentWire.fromWire(info.getTicketParams());
        assertEquals(orchestrator.address(), params.recipient());
        assertEquals(FACE_VALUE, params.faceValue());
        assertTrue(params.expectedValue().compareTo(Fraction.of(EV)) >= 0 && params.expectedValue().compareTo(Fraction.of(EV.add(BigInteger.ONE))) < 0,
                "EV " + params.expectedValue());
        assertTrue(params.expirationBlock().longValueExact() > chain.lastSeenL1Block());
        assertEquals(chain.lastInitializedRoundParams(), params.expirationParams());
        assertEquals(PriceInfo.of(PRICE_PER_PIXEL, 1), PaymentWire.fromWire(info.getPriceInfo()));
    }

    @Test
    void aPaidStreamIsTranscodedAndItsWinningTicketsAreRedeemedOnChainEvenAfterARestart() throws Exception {
        Path dataDir = dir.resolve("node");
        node = start(dataDir, false);
        BroadcasterIdentity identity = BroadcasterIdentity.of(broadcaster);
        OrchestratorInfo info = offer(node, broadcaster);
        PaymentSession session = new PaymentSession(sender(broadcaster), PaymentWire.fromWire(info.getTicketParams()),
                PaymentWire.fromWire(info.getPriceInfo()));
        SegmentClient segments = NodeFixture.segments(identity);
        int tickets = 0;
        for (long seq = 1; seq <= 2; seq++) {
            PaymentSession.PendingPayment pending = session.pay(estimatedPixels());
            tickets += pending.ticketCount();
            TranscodeResponse response = segments.submit(info, NodeFixture.job(seq), PaymentWire.toWire(pending.payment()),
                    NodeFixture.TIMEOUTS);
            session.settle(pending, response.renditions().get(0).getPixels());
            assertTrue(response.renditions().get(0).getPixels() > 0);
            info = response.freshInfo().orElseThrow();
            assertTrue(info.hasTicketParams(), "every result brings fresh ticket params");
            session.update(PaymentWire.fromWire(info.getTicketParams()), PaymentWire.fromWire(info.getPriceInfo()));
        }
        assertTrue(tickets >= 2, "the first segment costs more than one ticket");
        FileWinningTicketStore stored = new FileWinningTicketStore(dataDir.resolve(OnchainRecipient.TICKET_DIR));
        assertEquals(tickets, stored.pending().size(), "every ticket won and was persisted");
        BigInteger expiry = stored.pending().stream().map(t -> t.paramsExpirationBlock()).max(BigInteger::compareTo).orElseThrow();
        assertEquals(List.of(), node.onchainPayments().orElseThrow().redeemDue(), "not due before the params expire");

        node.close();
        mineUntil(expiry);
        node = start(dataDir, true);
        List<Redemption> done = node.onchainPayments().orElseThrow().redeemDue();

        assertEquals(tickets, done.size());
        for (Redemption redemption : done) {
            assertEquals(Redemption.Outcome.REDEEMED, redemption.outcome(), redemption.reason());
            Ticket t = redemption.ticket().ticket();
            assertTrue(contracts.ticketBroker().isUsed(t.hash()), "usedTickets[hash]");
            assertEquals(List.of(new TicketBroker.Redeemed(broadcaster.address(), orchestrator.address(), FACE_VALUE, t.winProb(),
                    BigInteger.valueOf(t.senderNonce()), redemption.ticket().recipientRand())),
                    contracts.ticketBroker().redeemedEvents(redemption.receipt().orElseThrow()), "WinningTicketRedeemed");
        }
        SenderInfo after = contracts.ticketBroker().senderInfo(broadcaster.address());
        assertEquals(ETH.subtract(FACE_VALUE.multiply(BigInteger.valueOf(tickets))), after.deposit(), "the deposit pays the face values");
        assertEquals(List.of(), new FileWinningTicketStore(dataDir.resolve(OnchainRecipient.TICKET_DIR)).pending());
    }

    @Test
    void refusalsEachWithGoLivepeersError() throws Exception {
        node = start(dir.resolve("node"), true);
        BroadcasterIdentity identity = BroadcasterIdentity.of(broadcaster);
        SegmentClient segments = NodeFixture.segments(identity);
        OrchestratorInfo info = offer(node, broadcaster);
        TicketParams params = PaymentWire.fromWire(info.getTicketParams());
        TicketExpirationParams expiration = params.expirationParams();

        Payment good = payment(broadcaster, params, expiration, List.of(1L, 2L));
        segments.submit(info, NodeFixture.job(1), PaymentWire.toWire(good), NodeFixture.TIMEOUTS);

        assertRefused("invalid ticket senderNonce: already seen", segments, info, 2, good);
        assertRefused("invalid ticket senderNonce: already seen", segments, info, 3,
                payment(broadcaster, params, expiration, List.of(3L, 2L)));
        TicketParams elsewhere = new TicketParams(rig.fundedKey(BigInteger.ONE).address(), params.faceValue(), params.winProb(),
                params.recipientRandHash(), params.seed(), params.expirationBlock(), null);
        assertRefused("invalid ticket recipient", segments, info, 4, payment(broadcaster, elsewhere, expiration, List.of(4L, 5L)));
        Payment forged = withSignaturesOf(EthereumKey.generate(new SecureRandom()), broadcaster, params, expiration, List.of(6L, 7L));
        assertRefused("invalid ticket signature", segments, info, 5, forged);
    }

    @Test
    void aPaymentBelowTheSegmentsPriceIsRefused() throws Exception {
        node = start(dir.resolve("node"), true);
        SegmentClient segments = NodeFixture.segments(BroadcasterIdentity.of(broadcaster));
        OrchestratorInfo info = offer(node, broadcaster);
        TicketParams params = PaymentWire.fromWire(info.getTicketParams());

        assertRefused("Insufficient balance", segments, info, 1, payment(broadcaster, params, params.expirationParams(), List.of(1L)));
        assertRefused("Insufficient balance", segments, info, 1, Payment.withoutTickets(broadcaster.address(), PriceInfo.of(PRICE_PER_PIXEL, 1)));
        segments.submit(info, NodeFixture.job(1), PaymentWire.toWire(payment(broadcaster, params, params.expirationParams(), List.of(2L))),
                NodeFixture.TIMEOUTS); // the first ticket's credit is kept: with a second one the segment is covered
    }

    @Test
    void expiredParamsAreRefused() throws Exception {
        node = start(dir.resolve("node"), true);
        SegmentClient segments = NodeFixture.segments(BroadcasterIdentity.of(broadcaster));
        OrchestratorInfo info = offer(node, broadcaster);
        TicketParams params = PaymentWire.fromWire(info.getTicketParams());
        mineUntil(params.expirationBlock());

        assertRefused("TicketParams expired", segments, info, 1, payment(broadcaster, params, params.expirationParams(), List.of(1L, 2L)));
    }

    @Test
    void aSenderWhoseUnlockEndsNextRoundIsRefused() throws Exception {
        node = start(dir.resolve("node"), true);
        SegmentClient segments = NodeFixture.segments(BroadcasterIdentity.of(broadcaster));
        contracts.ticketBroker().unlock(rig.sender(broadcaster));
        rig.advanceRounds(LivepeerRig.UNLOCK_PERIOD - 1);
        OrchestratorInfo info = offer(node, broadcaster);
        TicketParams params = PaymentWire.fromWire(info.getTicketParams());

        assertRefused("deposit and reserve for sender " + broadcaster.address() + " is set to unlock soon", segments, info, 1,
                payment(broadcaster, params, params.expirationParams(), List.of(1L, 2L)));
    }

    private void assertRefused(String text, SegmentClient segments, OrchestratorInfo info, long seq, Payment payment) throws Exception {
        OrchestratorException refused = assertThrows(OrchestratorException.class,
                () -> segments.submit(info, NodeFixture.job(seq), PaymentWire.toWire(payment), NodeFixture.TIMEOUTS));
        assertTrue(refused.getMessage().contains("answered HTTP 400: " + text), refused.getMessage());
        assertEquals(FailureKind.PAYMENT, refused.kind(), refused.getMessage());
    }

    /** Tickets signed by hand (no sender-side guards), so that the recipient's own checks are what is tested. */
    private static Payment payment(EthereumKey key, TicketParams params, TicketExpirationParams expiration, List<Long> nonces) {
        return withSignaturesOf(key, key, params, expiration, nonces);
    }

    private static Payment withSignaturesOf(EthereumKey signer, EthereumKey claimed, TicketParams params,
                                            TicketExpirationParams expiration, List<Long> nonces) {
        List<TicketSenderParams> tickets = new ArrayList<>();
        for (long nonce : nonces) {
            Ticket ticket = params.ticket(claimed.address(), nonce, expiration);
            tickets.add(new TicketSenderParams(nonce, ticket.sign(signer)));
        }
        return new Payment(params.withoutExpirationParams(), claimed.address(), expiration, tickets, PriceInfo.of(PRICE_PER_PIXEL, 1));
    }

    private TicketSender sender(EthereumKey key) {
        return new TicketSender(key, chain, TEST_LIMITS);
    }

    private static OrchestratorInfo offer(BridgeNode node, EthereumKey key) throws Exception {
        try (OrchestratorClient rpc = NodeFixture.rpc(node, BroadcasterIdentity.of(key))) {
            return rpc.getOrchestrator(WireCapabilities.jobCapabilities(List.of(WireProfiles.toWire(NodeFixture.RUNG))), RPC);
        }
    }

    private static long estimatedPixels() {
        return PixelEstimate.estimate(List.of(new PixelEstimate.Rung(NodeFixture.RUNG.width(), NodeFixture.RUNG.height(),
                NodeFixture.RUNG.fps(), 0)), 2000);
    }

    private void mineUntil(BigInteger l1Block) {
        long missing = l1Block.longValueExact() - rig.eth().latestL1BlockNumber();
        if (missing > 0) {
            rig.mineBlocks(missing);
        }
    }
}
