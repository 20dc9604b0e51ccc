package dev.streamflow.core.dispatch;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.node.BridgeConfig;
import dev.streamflow.bridge.node.BridgeNode;
import dev.streamflow.bridge.node.OnchainOptions;
import dev.streamflow.bridge.node.ResultSigner;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.discovery.Offer;
import dev.streamflow.core.discovery.OrchestratorPool;
import dev.streamflow.core.discovery.PoolSettings;
import dev.streamflow.core.discovery.StaticOrchestrators;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Keystore;
import dev.streamflow.pm.onchain.LivepeerChainView;
import dev.streamflow.pm.sender.SenderLimits;
import dev.streamflow.pm.sender.TicketSender;
import dev.streamflow.pm.testchain.ChainRig;
import dev.streamflow.pm.testchain.LivepeerRig;
import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.client.ClientLimits;
import dev.streamflow.protocol.client.FailureKind;
import dev.streamflow.protocol.client.HttpTransport;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.OrchestratorException;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.wire.PaymentWire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One remote attempt's payment handling against an on-chain bridge on anvil: params that expired while the offer
 * waited are refreshed with a new GetOrchestrator and the segment is paid and sent once more; a sender whose own
 * funds are unlocking is a PAYMENT failure at once, without asking the orchestrator again.
 */
class PaymentRefreshOnChainTest {
    @RegisterExtension
    static final ChainRig CHAIN = new ChainRig();

    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final BigInteger EV = BigInteger.TEN.pow(16);
    private static final VideoProfile RUNG = VideoProfile.livepeer("P144p30fps16x9").orElseThrow();
    private static final StreamKey STREAM = new StreamKey("live", "refresh");

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger("dev.streamflow");
    private LivepeerRig rig;
    private LivepeerContracts contracts;
    private EthereumKey broadcaster;
    private BridgeNode bridge;

    @BeforeEach
    void setUp() throws Exception {
        rig = CHAIN.rig();
        contracts = rig.contracts();
        logs.start();
        root.addAppender(logs);
        EthereumKey orchestrator = rig.fundedKey(ETH);
        rig.setPoolSize(1);
        rig.setActiveTranscoder(orchestrator.address());
        broadcaster = rig.fundedKey(ETH.multiply(BigInteger.TEN));
        contracts.ticketBroker().fundDepositAndReserve(rig.sender(broadcaster), ETH, ETH);
        Path keystore = dir.resolve("orchestrator.json");
        new Keystore(Keystore.ScryptParams.LIGHT).write(orchestrator, "pw".toCharArray(), keystore);
        OnchainOptions options = OnchainOptions.of(CHAIN.url(), rig.controller(), keystore, Files.writeString(dir.resolve("pw"), "pw"))
                .withTicketEV(EV).withMaxFaceValue(EV.add(BigInteger.ONE)).withChainCacheAge(Duration.ZERO);
        BridgeConfig config = BridgeConfig.defaults(dir.resolve("bridge")).withBindAddress("127.0.0.1").withPort(0)
                .withCleartext(true).withPrice(5_000_000_000L, 1);
        bridge = new BridgeNode(config, Bridges.engine(), ResultSigner.STANDARD, Optional.of(options)).start();
        cleanup.add(bridge);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        root.detachAppender(logs);
    }

    @Test
    void paramsThatExpiredWhileTheOfferWaitedAreRefreshedAndTheSegmentIsPaidOnce() throws Exception {
        Remote remote = remote();
        Offer offer = remote.pool.offers().get(0);
        mineUntil(PaymentWire.fromWire(offer.info().getTicketParams()).expirationBlock());

        Transcoded done = remote.target(offer).transcode(segment(), List.of(RUNG)).get(30, TimeUnit.SECONDS);

        assertEquals(1, done.renditions().size());
        assertEquals(1, logs.list.stream().filter(e -> e.getFormattedMessage().contains("refreshing the ticket params")).count());
    }

    @Test
    void aSenderWhoseFundsAreUnlockingFailsWithPaymentWithoutAskingAgain() throws Exception {
        Remote remote = remote();
        Offer offer = remote.pool.offers().get(0);
        contracts.ticketBroker().unlock(rig.sender(broadcaster));
        rig.advanceRounds(LivepeerRig.UNLOCK_PERIOD - 1);

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> remote.target(offer).transcode(segment(), List.of(RUNG)).get(30, TimeUnit.SECONDS));

        OrchestratorException cause = assertInstanceOf(OrchestratorException.class, failed.getCause());
        assertEquals(FailureKind.PAYMENT, cause.kind());
        assertTrue(cause.getMessage().contains("deposit and reserve is set to unlock soon"), cause.getMessage());
        assertEquals(0, logs.list.stream().filter(e -> e.getFormattedMessage().contains("refreshing the ticket params")).count());
    }

    private record Remote(OrchestratorPool pool, SessionBook sessions, SegmentClient segments, SegmentPayments payments,
                          ExecutorService workers) {
        OrchestratorTarget target(Offer offer) {
            return new OrchestratorTarget(offer, sessions, segments, payments, workers, Duration.ofSeconds(20));
        }
    }

    private Remote remote() throws Exception {
        BroadcasterIdentity identity = BroadcasterIdentity.of(broadcaster);
        LivepeerChainView chain = new LivepeerChainView(rig.eth(), contracts, Duration.ZERO);
        TicketSender sender = new TicketSender(broadcaster, chain,
                new SenderLimits(EV.multiply(BigInteger.TEN), EV.multiply(BigInteger.valueOf(100)), BigInteger.ONE));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newCachedThreadPool();
        cleanup.add(scheduler::shutdownNow);
        cleanup.add(workers::shutdownNow);
        Capabilities wanted = WireLadder.capabilities(List.of(RUNG));
        OrchestratorPool pool = new OrchestratorPool(new StaticOrchestrators(List.of(bridge.uri())),
                uri -> new OrchestratorClient(uri, identity, ClientLimits.defaults()), wanted, PoolSettings.defaults(),
                Clock.systemUTC(), scheduler, workers);
        cleanup.add(pool::close);
        pool.start();
        assertTrue(pool.awaitFirstOffers(), "the bridge made an offer");
        return new Remote(pool, new SessionBook(pool, wanted, Clock.systemUTC()),
                new SegmentClient(identity, HttpTransport.create(), ClientLimits.defaults()), SegmentPayments.onchain(identity, sender), workers);
    }

    private static Segment segment() throws Exception {
        byte[] ts = Files.readAllBytes(TestMedia.ts(TestMedia.Spec.pattern(426, 240, 30, 2.0)));
        return new Segment(STREAM, 0, 0, 2 * Segment.CLOCK_HZ, Instant.now(), false, 60, 0, ts);
    }

    private void mineUntil(BigInteger l1Block) {
        long missing = l1Block.longValueExact() - rig.eth().latestL1BlockNumber();
        if (missing > 0) {
            rig.mineBlocks(missing);
        }
    }
}
