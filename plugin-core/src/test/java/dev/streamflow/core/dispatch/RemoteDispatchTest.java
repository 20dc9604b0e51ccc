package dev.streamflow.core.dispatch;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.node.BridgeNode;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.testing.FilePackets;
import dev.streamflow.core.testing.HlsRules;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.client.ClientLimits;
import dev.streamflow.protocol.client.HttpTransport;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.client.SegmentJob;
import dev.streamflow.protocol.client.SegmentTimeouts;
import dev.streamflow.protocol.net.OrchestratorInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The plugin with real bridge nodes on 127.0.0.1: segments leave through the Livepeer protocol, come back, and are
 * published as HLS; dead, full and frozen orchestrators never cost a segment. 240p sources, 2 s segments.
 */
class RemoteDispatchTest {
    private static final StreamKey STREAM = new StreamKey("live", "remote");
    private static final String RUNG = "P144p30fps16x9";
    private static final Duration SEGMENT = Duration.ofSeconds(2);
    private static final String LOCAL_NOTICE = "transcoding locally";

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger("dev.streamflow");

    @BeforeEach
    void captureLogs() {
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
    void segmentsAreTranscodedRemotelyOverTlsIntoValidHls() throws Exception {
        Bridges.Controlled transcoder = new Bridges.Controlled();
        BridgeNode bridge = bridge("tls", transcoder, true, 10);
        Streamflow streamflow = streamflow(List.of(bridge), List.of("P240p30fps16x9", RUNG), "5s");

        feed(streamflow, 6.0, false).run();

        HlsRules.Summary summary = awaitEnded();
        assertEquals(List.of("P240p30fps16x9", RUNG), summary.renditions());
        assertEquals(3, summary.segmentCount());
        assertTrue(summary.discontinuities().isEmpty());
        assertEquals(List.of(426, 240, 256, 144), List.of(summary.variants().get(0).width(), summary.variants().get(0).height(),
                summary.variants().get(1).width(), summary.variants().get(1).height()));
        assertEquals(3, transcoder.calls(), "every segment was transcoded by the bridge");
        assertEquals(0, lines(LOCAL_NOTICE));
    }

    @Test
    void aBridgeClosedMidStreamCostsNoSegmentAndNoTime() throws Exception {
        Bridges.Controlled a = new Bridges.Controlled();
        Bridges.Controlled b = new Bridges.Controlled();
        BridgeNode bridgeA = bridge("a", a, false, 10);
        BridgeNode bridgeB = bridge("b", b, false, 10);
        Streamflow streamflow = streamflow(List.of(bridgeA, bridgeB), List.of(RUNG));

        LiveRun run = live(streamflow, 12.0);
        await("segment 1 published", () -> run.watch.published(1) != null, Duration.ofSeconds(10));
        (a.calls() >= b.calls() ? bridgeA : bridgeB).close();

        assertOnTimeWithoutGaps(run, 6);
        assertEquals(0, lines(LOCAL_NOTICE), "the other bridge took over");
    }

    @Test
    void aFrozenBridgeIsHedgedAroundInTime() throws Exception {
        Bridges.Controlled a = new Bridges.Controlled();
        Bridges.Controlled b = new Bridges.Controlled();
        bridge("a", a, false, 10);
        bridge("b", b, false, 10);
        cleanup.add(a::thaw);
        cleanup.add(b::thaw);
        Streamflow streamflow = streamflow(bridges, List.of(RUNG));

        LiveRun run = live(streamflow, 10.0);
        await("segment 1 published", () -> run.watch.published(1) != null, Duration.ofSeconds(10));
        Bridges.Controlled serving = a.calls() >= b.calls() ? a : b;
        serving.freeze();

        assertOnTimeWithoutGaps(run, 5);
        assertTrue(serving.frozenCalls() >= 1, "a segment really went to the frozen bridge");
    }

    @Test
    void aBridgeAtCapacityIsPassedOver() throws Exception {
        Bridges.Controlled full = new Bridges.Controlled();
        Bridges.Controlled free = new Bridges.Controlled();
        BridgeNode fullBridge = bridge("full", full, false, 1);
        bridge("free", free, false, 10);
        occupyTheOnlySession(fullBridge);
        Streamflow streamflow = streamflow(bridges, List.of(RUNG));

        feed(streamflow, 6.0, false).run();

        HlsRules.Summary summary = awaitEnded();
        assertEquals(3, summary.segmentCount());
        assertTrue(summary.discontinuities().isEmpty());
        assertEquals(3, free.calls());
        assertEquals(1, full.calls(), "only the other broadcaster's segment");
        assertEquals(0, lines(LOCAL_NOTICE));
    }

    @Test
    void withEveryBridgeGoneTheLocalEngineKeepsTheStreamAliveAndSaysSoOnce() throws Exception {
        Bridges.Controlled a = new Bridges.Controlled();
        Bridges.Controlled b = new Bridges.Controlled();
        BridgeNode bridgeA = bridge("a", a, false, 10);
        BridgeNode bridgeB = bridge("b", b, false, 10);
        Streamflow streamflow = streamflow(List.of(bridgeA, bridgeB), List.of(RUNG));
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(426, 240, 30, 10.0)));
        int secondKeyframe = keyframeIndex(packets, 2);
        StreamHandle handle = streamflow.ingest().open(STREAM);
        PublicationWatch watch = watch();

        packets.subList(0, secondKeyframe).forEach(handle::packet);
        await("segment 0 published", () -> watch.published(0) != null, Duration.ofSeconds(10));
        bridgeA.close();
        bridgeB.close();
        packets.subList(secondKeyframe, packets.size()).forEach(handle::packet);
        handle.close();

        HlsRules.Summary summary = awaitEnded();
        assertEquals(5, summary.segmentCount());
        assertTrue(summary.discontinuities().isEmpty(), "no segment was lost: " + summary.discontinuities());
        assertEquals(1, a.calls() + b.calls(), "segment 0 went out, the rest stayed home");
        assertEquals(1, lines(LOCAL_NOTICE), "one line says the stream is transcoded locally: " + messages());
    }

    // ---- fixtures

    private final List<BridgeNode> bridges = new ArrayList<>();

    private BridgeNode bridge(String name, Bridges.Controlled transcoder, boolean tls, int maxSessions) throws Exception {
        BridgeNode node = Bridges.start(dir.resolve("bridge-" + name), transcoder, tls, maxSessions);
        bridges.add(node);
        cleanup.add(node);
        return node;
    }

    private Streamflow streamflow(List<BridgeNode> nodes, List<String> ladder) {
        return streamflow(nodes, ladder, "800ms");
    }

    /** {@code hedgeAfter}: a test of the plain remote path sets it long, so a loaded machine cannot make it hedge. */
    private Streamflow streamflow(List<BridgeNode> nodes, List<String> ladder, String hedgeAfter) {
        Streamflow streamflow = Streamflow.start(StreamflowConfig.load(Optional.empty(), Map.of(
                "streamflow.hls.directory", dir.resolve("hls").toString(),
                "streamflow.hls.window", 10,
                "streamflow.ladder", ladder,
                "streamflow.transcode.hedge-after", hedgeAfter,
                "streamflow.orchestrators", nodes.stream().map(n -> n.uri().toString()).toList())));
        cleanup.add(streamflow);
        return streamflow;
    }

    private LiveFeed feed(Streamflow streamflow, double seconds, boolean paced) throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(426, 240, 30, seconds)));
        return new LiveFeed(packets, streamflow.ingest().open(STREAM), paced);
    }

    private record LiveRun(LiveFeed feed, PublicationWatch watch) {
    }

    private LiveRun live(Streamflow streamflow, double seconds) throws Exception {
        LiveFeed feed = feed(streamflow, seconds, true);
        PublicationWatch watch = watch();
        Thread publisher = new Thread(feed, "live-publisher");
        publisher.start();
        cleanup.add(publisher::join);
        return new LiveRun(feed, watch);
    }

    private PublicationWatch watch() {
        PublicationWatch watch = new PublicationWatch(streamDir().resolve(RUNG).resolve("index.m3u8"));
        cleanup.add(watch);
        return watch;
    }

    /** Every segment published, none later than two segment durations after it was complete, no discontinuity. */
    private void assertOnTimeWithoutGaps(LiveRun run, int segments) throws InterruptedException {
        HlsRules.Summary summary = awaitEnded();
        assertNull(run.feed.failure());
        assertEquals(segments, summary.segmentCount());
        assertTrue(summary.discontinuities().isEmpty(), "discontinuities at " + summary.discontinuities());
        // the watch polls the playlist; ENDLIST can be read before the watch's next look at the last segment
        await("the watch saw every listed segment", () -> run.watch.published(segments - 1) != null, Duration.ofSeconds(5));
        for (int n = 0; n < segments; n++) {
            Instant published = run.watch.published(n);
            assertNotNull(published, "segment " + n + " was never listed");
            Duration late = Duration.between(run.feed.cut(n), published);
            assertTrue(late.compareTo(SEGMENT.multipliedBy(2)) <= 0, "segment " + n + " published " + late.toMillis()
                    + " ms after it was complete");
        }
    }

    private void occupyTheOnlySession(BridgeNode node) throws Exception {
        BroadcasterIdentity other = BroadcasterIdentity.of(EthereumKey.generate(new SecureRandom()));
        VideoProfile rung = VideoProfile.livepeer(RUNG).orElseThrow();
        try (OrchestratorClient client = new OrchestratorClient(node.uri(), other, ClientLimits.defaults())) {
            OrchestratorInfo info = client.getOrchestrator(WireLadder.capabilities(List.of(rung)), Duration.ofSeconds(5));
            byte[] ts = Files.readAllBytes(TestMedia.ts(TestMedia.Spec.pattern(426, 240, 30, 2.0)));
            new SegmentClient(other, HttpTransport.create(), ClientLimits.defaults()).submit(info,
                    new SegmentJob("someone-else", 0, ts, SEGMENT, WireLadder.profiles(List.of(rung))),
                    new SegmentTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        }
    }

    private static int keyframeIndex(List<MediaPacket> packets, int nth) {
        int seen = 0;
        for (int i = 0; i < packets.size(); i++) {
            MediaPacket p = packets.get(i);
            if (p.isVideo() && p.keyframe() && !p.config() && seen++ == nth) {
                return i;
            }
        }
        throw new IllegalArgumentException("fewer than " + (nth + 1) + " keyframes");
    }

    private Path streamDir() {
        return dir.resolve("hls").resolve(STREAM.app()).resolve(STREAM.stream());
    }

    private long lines(String text) {
        return logs.list.stream().filter(e -> e.getFormattedMessage().contains(text)).count();
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private HlsRules.Summary awaitEnded() throws InterruptedException {
        return HlsRules.awaitEnded(streamDir(), Duration.ofSeconds(60));
    }

    private static void await(String what, BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail(what + ": not within " + within.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
