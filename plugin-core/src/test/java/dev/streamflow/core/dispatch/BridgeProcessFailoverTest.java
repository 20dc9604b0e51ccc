package dev.streamflow.core.dispatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.node.BridgeMain;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.ingest.MediaPacket;
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

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Failover with real bridge processes: two {@link BridgeMain} JVMs on 127.0.0.1 (cleartext h2c, each with its own data
 * dir), the plugin pointed at both, a paced 12 s 240p stream with 2 s segments and a one-rung 144p ladder
 * (implementation notes, clarification (d) and §6). The bridge that is being sent a segment is killed with SIGKILL, or
 * frozen with SIGSTOP, right after the first segments are published; the HLS media sequence must have no gap and no
 * discontinuity, and every segment must be listed within two segment durations of its cut.
 *
 * <p>Which bridge is serving is read from the plugin's own decisions: the {@link Selector} logs, at TRACE, the
 * orchestrator it chose for each attempt; the test waits for the next choice after segment 1 is published and stops
 * the bridge it names, so a segment is in flight on it. That the survivor did the later segments follows from two
 * observations: no segment was transcoded locally (the dispatcher says so once, on the first local one) and the
 * stopped bridge cannot answer; the choices after the stop naming the survivor confirm it.
 */
class BridgeProcessFailoverTest {
    private static final StreamKey STREAM = new StreamKey("live", "failover");
    private static final String RUNG = "P144p30fps16x9";
    private static final Duration SEGMENT = Duration.ofSeconds(2);
    private static final double SECONDS = 12.0;
    private static final int SEGMENTS = 6;
    private static final String LOCAL_NOTICE = "transcoding locally";
    private static final Pattern SERVING = Pattern.compile("bridge node serving gRPC and /segment on 127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern NUMBERED = Pattern.compile("(\\d+)\\.ts$");

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final Captured logs = new Captured();
    private final Logger root = (Logger) LoggerFactory.getLogger("dev.streamflow");
    private final Logger selectorLog = (Logger) LoggerFactory.getLogger(Selector.class);
    private final Logger segmentRunLog = (Logger) LoggerFactory.getLogger(SegmentRun.class);

    @BeforeEach
    void captureLogs() {
        selectorLog.setLevel(Level.TRACE); // "chose [uri]": which orchestrator each attempt went to
        segmentRunLog.setLevel(Level.DEBUG); // "no result from uri after … ms": hedged around a frozen one
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void closeAll() throws Exception {
        try {
            for (int i = cleanup.size() - 1; i >= 0; i--) {
                cleanup.get(i).close();
            }
        } finally {
            root.detachAppender(logs);
            selectorLog.setLevel(null);
            segmentRunLog.setLevel(null);
        }
    }

    @Test
    void killingTheServingBridgeProcessCostsNoSegmentAndNoTime() throws Exception {
        List<BridgeProcess> bridges = startBridges();
        LiveRun run = live(streamflow(bridges));

        BridgeProcess victim = servingAfterSegmentOne(run, bridges);
        Instant killedAt = Instant.now();
        victim.process.destroyForcibly();
        assertTrue(victim.process.waitFor(10, TimeUnit.SECONDS), "the killed bridge exits");
        BridgeProcess survivor = other(bridges, victim);

        assertOnTimeWithoutGaps(run);
        assertTrue(survivor.process.isAlive(), "the other bridge still runs");
        assertEquals(0, count(e -> e.getFormattedMessage().contains(LOCAL_NOTICE)),
                "no segment was transcoded locally, so the survivor did every one after the kill: " + messages());
        assertTrue(count(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith("orchestrator " + victim.uri + " failed")) >= 1,
                "the segment in flight on the killed bridge failed there: " + messages());
        assertTrue(choicesNaming(survivor, killedAt) >= 1, "later segments went to the survivor: " + messages());
    }

    @Test
    void freezingTheServingBridgeProcessIsHedgedAroundInTime() throws Exception {
        List<BridgeProcess> bridges = startBridges();
        LiveRun run = live(streamflow(bridges));

        BridgeProcess victim = servingAfterSegmentOne(run, bridges);
        Instant frozenAt = Instant.now();
        victim.signal("STOP");
        await("the bridge process is stopped", victim::stopped, Duration.ofSeconds(5));
        BridgeProcess survivor = other(bridges, victim);

        assertOnTimeWithoutGaps(run);
        assertTrue(victim.stopped(), "the bridge stayed frozen for the whole stream");
        assertEquals(0, count(e -> e.getFormattedMessage().contains(LOCAL_NOTICE)),
                "no segment was transcoded locally, so the survivor did every one after the freeze: " + messages());
        assertTrue(count(e -> e.getTimeStamp() >= frozenAt.toEpochMilli()
                        && e.getFormattedMessage().contains("no result from " + victim.uri + " after")) >= 1,
                "a segment really waited on the frozen bridge and was hedged: " + messages());
        assertTrue(choicesNaming(survivor, frozenAt) >= 1, "later segments went to the survivor: " + messages());
    }

    // ---- bridges as processes

    /** One {@code BridgeMain} JVM: its process, its log, and the URI it serves on. */
    private static final class BridgeProcess implements AutoCloseable {
        final String name;
        final Process process;
        final Path log;
        volatile URI uri;

        BridgeProcess(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        /** The port from the node's own announcement, once it serves; empty until then. */
        Optional<URI> announced() throws IOException {
            if (!Files.exists(log)) {
                return Optional.empty();
            }
            Matcher m = SERVING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(URI.create("http://127.0.0.1:" + m.group(1))) : Optional.empty();
        }

        void signal(String signal) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -" + signal + " " + process.pid());
        }

        /** The kernel's view: state T (stopped) in /proc/PID/stat. */
        boolean stopped() {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
            } catch (IOException e) {
                return false;
            }
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                signal("CONT"); // a stopped process only dies of SIGKILL, but leave nothing frozen behind either way
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public String toString() {
            return name + " " + uri + " (pid " + process.pid() + ")";
        }
    }

    /** Two bridge processes, serving and warm (each has transcoded one segment, as any running orchestrator has). */
    private List<BridgeProcess> startBridges() throws Exception {
        List<BridgeProcess> bridges = List.of(launch("a"), launch("b"));
        for (BridgeProcess bridge : bridges) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
            while ((bridge.uri = bridge.announced().orElse(null)) == null) {
                if (!bridge.process.isAlive() || Instant.now().isAfter(deadline)) {
                    fail("bridge " + bridge.name + " did not come up:\n" + bridge.output());
                }
                bridge.process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        byte[] ts = Files.readAllBytes(TestMedia.ts(TestMedia.Spec.pattern(426, 240, 30, 2.0)));
        List<CompletableFuture<Void>> warming = bridges.stream().map(b -> CompletableFuture.runAsync(() -> warm(b, ts))).toList();
        for (CompletableFuture<Void> w : warming) {
            w.get(40, TimeUnit.SECONDS);
        }
        return bridges;
    }

    private BridgeProcess launch(String name) throws IOException {
        Path log = dir.resolve("bridge-" + name + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                BridgeMain.class.getName(), "--bind", "127.0.0.1", "--port", "0", "--http",
                "--data", dir.resolve("bridge-" + name).toString(), "--max-sessions", "10")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BridgeProcess bridge = new BridgeProcess(name, process, log);
        cleanup.add(bridge);
        return bridge;
    }

    /** One segment from another broadcaster, so that the first stream segment does not pay for loading the codecs. */
    private static void warm(BridgeProcess bridge, byte[] ts) {
        BroadcasterIdentity other = BroadcasterIdentity.of(EthereumKey.generate(new SecureRandom()));
        VideoProfile rung = VideoProfile.livepeer(RUNG).orElseThrow();
        try (OrchestratorClient client = new OrchestratorClient(bridge.uri, other, ClientLimits.defaults())) {
            OrchestratorInfo info = client.getOrchestrator(WireLadder.capabilities(List.of(rung)), Duration.ofSeconds(10));
            new SegmentClient(other, HttpTransport.create(), ClientLimits.defaults()).submit(info,
                    new SegmentJob("warm-up", 0, ts, SEGMENT, WireLadder.profiles(List.of(rung))),
                    new SegmentTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        } catch (Exception e) {
            throw new AssertionError("warming " + bridge + " failed: " + e.getMessage() + "\n" + bridge.output(), e);
        }
    }

    private static BridgeProcess other(List<BridgeProcess> bridges, BridgeProcess one) {
        return bridges.get(0) == one ? bridges.get(1) : bridges.get(0);
    }

    /**
     * After segment 1 is listed, the bridge named by the selector's next choice: it has just been sent a segment.
     * Returns as soon as that choice is logged, so the caller stops the bridge with the segment in flight.
     */
    private BridgeProcess servingAfterSegmentOne(LiveRun run, List<BridgeProcess> bridges) throws InterruptedException {
        await("segment 1 published", () -> run.watch.published(1) != null, Duration.ofSeconds(20));
        int seen = logs.events.size();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(8));
        while (Instant.now().isBefore(deadline)) {
            List<ILoggingEvent> events = logs.events;
            for (int i = seen; i < events.size(); i++) {
                String message = events.get(i).getFormattedMessage();
                if (message.startsWith(STREAM + ": chose [")) {
                    String first = message.substring(message.indexOf('[') + 1).split("[,\\]]")[0].strip();
                    for (BridgeProcess bridge : bridges) {
                        if (bridge.uri.toString().equals(first)) {
                            return bridge;
                        }
                    }
                }
            }
            seen = events.size();
            Thread.sleep(5);
        }
        return fail("no segment was sent to a bridge after segment 1: " + messages());
    }

    /** Selector choices for this stream, made after {@code since}, whose first pick is {@code bridge}. */
    private long choicesNaming(BridgeProcess bridge, Instant since) {
        return count(e -> e.getTimeStamp() >= since.toEpochMilli()
                && e.getFormattedMessage().startsWith(STREAM + ": chose [" + bridge.uri));
    }

    // ---- the plugin and the stream

    private Streamflow streamflow(List<BridgeProcess> bridges) {
        Streamflow streamflow = Streamflow.start(StreamflowConfig.load(Optional.empty(), Map.of(
                "streamflow.hls.directory", dir.resolve("hls").toString(),
                "streamflow.hls.window", 10,
                "streamflow.ladder", List.of(RUNG),
                "streamflow.transcode.hedge-after", "800ms",
                "streamflow.orchestrators", bridges.stream().map(b -> b.uri.toString()).toList())));
        cleanup.add(streamflow);
        return streamflow;
    }

    private record LiveRun(LiveFeed feed, PublicationWatch watch) {
    }

    private LiveRun live(Streamflow streamflow) throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(426, 240, 30, SECONDS)));
        LiveFeed feed = new LiveFeed(packets, streamflow.ingest().open(STREAM), true);
        PublicationWatch watch = new PublicationWatch(streamDir().resolve(RUNG).resolve("index.m3u8"));
        cleanup.add(watch);
        Thread publisher = new Thread(feed, "live-publisher");
        publisher.start();
        cleanup.add(publisher::join);
        return new LiveRun(feed, watch);
    }

    /** Every segment listed, in one continuous media sequence, none later than two segment durations after its cut. */
    private void assertOnTimeWithoutGaps(LiveRun run) throws InterruptedException {
        HlsRules.Summary summary = awaitEnded();
        assertNull(run.feed.failure());
        assertEquals(SEGMENTS, summary.segmentCount());
        assertEquals(0, summary.mediaSequence());
        assertEquals(0, summary.discontinuitySequence());
        assertTrue(summary.discontinuities().isEmpty(), "EXT-X-DISCONTINUITY before " + summary.discontinuities());
        List<Long> numbers = summary.segmentUris().stream().map(uri -> {
            Matcher m = NUMBERED.matcher(uri);
            assertTrue(m.find(), uri);
            return Long.parseLong(m.group(1));
        }).toList();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), numbers, "the media sequence has no gap");
        // the playlist with EXT-X-ENDLIST may have been read before the watch's next poll saw its last segment
        await("the watch saw every listed segment", () -> run.watch.published(SEGMENTS - 1) != null, Duration.ofSeconds(5));
        List<String> lateness = new ArrayList<>();
        for (int n = 0; n < SEGMENTS; n++) {
            Instant published = run.watch.published(n);
            assertNotNull(published, "segment " + n + " was never listed");
            lateness.add(n + ": " + Duration.between(run.feed.cut(n), published).toMillis() + " ms");
        }
        for (int n = 0; n < SEGMENTS; n++) {
            Duration late = Duration.between(run.feed.cut(n), run.watch.published(n));
            assertTrue(late.compareTo(SEGMENT.multipliedBy(2)) <= 0, "segment " + n + " published " + late.toMillis()
                    + " ms after it was complete; all: " + lateness);
        }
        System.out.println("published after cut: " + lateness);
    }

    private HlsRules.Summary awaitEnded() throws InterruptedException {
        return HlsRules.awaitEnded(streamDir(), Duration.ofSeconds(40));
    }

    private Path streamDir() {
        return dir.resolve("hls").resolve(STREAM.app()).resolve(STREAM.stream());
    }

    // ---- logs

    /** Keeps every event, safe to read while the dispatcher's threads are still logging. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }

    private long count(Predicate<ILoggingEvent> which) {
        return logs.events.stream().filter(which).count();
    }

    private List<String> messages() {
        return logs.events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
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
