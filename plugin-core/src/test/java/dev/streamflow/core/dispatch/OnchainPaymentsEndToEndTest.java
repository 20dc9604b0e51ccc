package dev.streamflow.core.dispatch;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.streamflow.bridge.node.BridgeConfig;
import dev.streamflow.bridge.node.BridgeNode;
import dev.streamflow.bridge.node.OnchainOptions;
import dev.streamflow.bridge.node.ResultSigner;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.testing.FilePackets;
import dev.streamflow.core.testing.HlsRules;
import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.TicketBroker;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Keystore;
import dev.streamflow.pm.recipient.FileWinningTicketStore;
import dev.streamflow.pm.recipient.WinningTicket;
import dev.streamflow.pm.redeem.Redemption;
import dev.streamflow.pm.testchain.ChainRig;
import dev.streamflow.pm.testchain.LivepeerRig;
import dev.streamflow.pm.ticket.Ticket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streamflow in {@code payments.mode = onchain} paying a bridge in {@code --pm onchain} on anvil with the real
 * TicketBroker: a 240p stream is transcoded remotely, paid with tickets from the keystore's funded key, and the
 * bridge redeems the winning tickets on chain (its ticket settings make every ticket win: face value EV + 1).
 */
class OnchainPaymentsEndToEndTest {
    @RegisterExtension
    static final ChainRig CHAIN = new ChainRig();

    private static final StreamKey STREAM = new StreamKey("live", "paid");
    private static final String RUNG = "P144p30fps16x9";
    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final BigInteger EV = BigInteger.TEN.pow(16);
    private static final BigInteger FACE_VALUE = EV.add(BigInteger.ONE);
    /** A 2 s 256x144@30 segment costs 1.1·10^16 wei at 5 gwei per pixel: a little over one ticket's EV. */
    private static final long PRICE_PER_PIXEL = 5_000_000_000L;
    private static final String LOCAL_NOTICE = "transcoding locally";

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger("dev.streamflow");
    private LivepeerRig rig;
    private LivepeerContracts contracts;

    @BeforeEach
    void captureLogs() {
        rig = CHAIN.rig();
        contracts = rig.contracts();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        root.detachAppender(logs);
    }

    @Test
    void aPaidStreamIsTranscodedRemotelyAndItsWinningTicketsAreRedeemedOnChain() throws Exception {
        EthereumKey orchestrator = rig.fundedKey(ETH);
        rig.setPoolSize(1);
        rig.setActiveTranscoder(orchestrator.address());
        EthereumKey broadcaster = rig.fundedKey(ETH.multiply(BigInteger.TEN));
        contracts.ticketBroker().fundDepositAndReserve(rig.sender(broadcaster), ETH, ETH);
        Path bridgeData = dir.resolve("bridge");
        BridgeNode bridge = bridge(orchestrator, bridgeData);
        Streamflow streamflow = streamflow(bridge, broadcaster);

        new LiveFeed(FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(426, 240, 30, 6.0))), streamflow.ingest().open(STREAM), false).run();

        HlsRules.Summary summary = awaitEnded();
        assertEquals(3, summary.segmentCount());
        assertTrue(summary.discontinuities().isEmpty(), "discontinuities at " + summary.discontinuities());
        assertEquals(0, lines(LOCAL_NOTICE), "every segment was transcoded, and paid for, by the bridge");
        assertEquals(0, lines("refused"), "no payment was refused");

        List<WinningTicket> won = new FileWinningTicketStore(bridgeData.resolve(OnchainOptions.TICKET_DIR)).pending();
        assertTrue(won.size() >= 3, "at least one ticket per segment won: " + won.size());
        assertTrue(won.stream().allMatch(t -> t.ticket().sender().equals(broadcaster.address())), "signed by the keystore's key");
        mineUntil(won.stream().map(WinningTicket::paramsExpirationBlock).max(BigInteger::compareTo).orElseThrow());
        List<Redemption> done = bridge.redeemWinningTickets();

        assertEquals(won.size(), done.size());
        for (Redemption redemption : done) {
            assertEquals(Redemption.Outcome.REDEEMED, redemption.outcome(), redemption.reason());
            Ticket t = redemption.ticket().ticket();
            assertTrue(contracts.ticketBroker().isUsed(t.hash()), "usedTickets[hash]");
            assertEquals(List.of(new TicketBroker.Redeemed(broadcaster.address(), orchestrator.address(), FACE_VALUE, t.winProb(),
                    BigInteger.valueOf(t.senderNonce()), redemption.ticket().recipientRand())),
                    contracts.ticketBroker().redeemedEvents(redemption.receipt().orElseThrow()), "WinningTicketRedeemed");
        }
        assertEquals(ETH.subtract(FACE_VALUE.multiply(BigInteger.valueOf(done.size()))),
                contracts.ticketBroker().senderInfo(broadcaster.address()).deposit(), "the deposit paid every face value");
    }

    private BridgeNode bridge(EthereumKey orchestrator, Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        OnchainOptions options = OnchainOptions.of(CHAIN.url(), rig.controller(), keystore(orchestrator, "orchestrator"),
                        passwordFile("orchestrator")).withTicketEV(EV).withMaxFaceValue(FACE_VALUE).withChainCacheAge(Duration.ZERO);
        BridgeConfig config = BridgeConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0).withCleartext(true)
                .withPrice(PRICE_PER_PIXEL, 1);
        BridgeNode node = new BridgeNode(config, Bridges.engine(), ResultSigner.STANDARD, Optional.of(options)).start();
        cleanup.add(node);
        return node;
    }

    private Streamflow streamflow(BridgeNode bridge, EthereumKey broadcaster) throws Exception {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("streamflow.hls.directory", dir.resolve("hls").toString());
        overrides.put("streamflow.hls.window", 10);
        overrides.put("streamflow.ladder", List.of(RUNG));
        overrides.put("streamflow.transcode.hedge-after", "5s");
        overrides.put("streamflow.orchestrators", List.of(bridge.uri().toString()));
        overrides.put("streamflow.payments.mode", "onchain");
        overrides.put("streamflow.payments.eth-url", CHAIN.url());
        overrides.put("streamflow.payments.controller", rig.controller().toLowerHex());
        overrides.put("streamflow.payments.keystore", keystore(broadcaster, "broadcaster").toString());
        overrides.put("streamflow.payments.password-file", passwordFile("broadcaster").toString());
        overrides.put("streamflow.payments.max-ticket-ev", EV.multiply(BigInteger.TEN).toString());
        overrides.put("streamflow.payments.max-total-ev", EV.multiply(BigInteger.valueOf(100)).toString());
        Streamflow streamflow = Streamflow.start(StreamflowConfig.load(Optional.empty(), overrides));
        cleanup.add(streamflow);
        return streamflow;
    }

    private Path keystore(EthereumKey key, String name) throws Exception {
        Path file = dir.resolve(name + ".json");
        new Keystore(Keystore.ScryptParams.LIGHT).write(key, (name + " password").toCharArray(), file);
        return file;
    }

    private Path passwordFile(String name) throws Exception {
        return Files.writeString(dir.resolve(name + ".password"), name + " password\n");
    }

    private void mineUntil(BigInteger l1Block) {
        long missing = l1Block.longValueExact() - rig.eth().latestL1BlockNumber();
        if (missing > 0) {
            rig.mineBlocks(missing);
        }
    }

    private long lines(String text) {
        return logs.list.stream().filter(e -> e.getFormattedMessage().contains(text)).count();
    }

    private HlsRules.Summary awaitEnded() throws InterruptedException {
        return HlsRules.awaitEnded(dir.resolve("hls").resolve(STREAM.app()).resolve(STREAM.stream()), Duration.ofSeconds(60));
    }
}
