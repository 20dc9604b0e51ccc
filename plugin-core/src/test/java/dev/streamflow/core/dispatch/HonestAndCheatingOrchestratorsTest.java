package dev.streamflow.core.dispatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.google.inject.Injector;
import dev.streamflow.bridge.cheat.Misbehaviour;
import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.node.BridgeConfig;
import dev.streamflow.bridge.node.BridgeNode;
import dev.streamflow.bridge.node.ResultSigner;
import dev.streamflow.bridge.node.SegmentTranscoder;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.Streamflow;
import dev.streamflow.core.config.StreamflowConfig;
import dev.streamflow.core.discovery.OrchestratorUris;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.testing.FilePackets;
import dev.streamflow.core.testing.HlsRules;
import dev.streamflow.core.verify.VerifiedDispatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end, with one honest and one cheating orchestrator (both real bridge nodes on 127.0.0.1, the cheat one of
 * the misbehaving transcoders from the bridge's test sources): a live 240p stream of 12 s (six 2 s segments, paced in
 * real time) goes through {@link Streamflow#start} with redundancy 2, so every segment goes to both while the cheat
 * is allowed to have any. The HLS must stay continuous and hold only the honest bridge's renditions, and the cheat
 * must be excluded from the stream within the number of segments the policy promises:
 * <pre>
 *   rejections of the cheat  ≤  exclude-after + attempts already on their way to it when the last fault landed
 * </pre>
 * where "on their way" is at most one per other segment in flight, i.e. ≤ deadline / segment − 1 = 8 s / 2 s − 1 = 3
 * ({@link #MAX_IN_FLIGHT}); and exactly: no segment is given to the cheat once the exclusion is recorded (checked
 * from the selector's own record of each choice, which it makes under the same lock that excludes).
 *
 * <p>Two policy settings make that visible within 12 s. Suspensions are scaled down to 100 ms … 400 ms (from 5 s …),
 * so that the cheat is eligible again for the very next segment after each fault: with the default 5 s, 10 s … it
 * would sit out most of a short stream suspended and reach its third fault only on a longer one. And
 * hedge-after is 4 s, so that an honest answer made to wait (below) never starts the local engine beside it.
 *
 * <p>The honest bridge answers a segment only once the cheat's answer to the same segment has been judged (or the
 * cheat is out): with redundancy the first good result wins and the others are cancelled, so an honest bridge that
 * happened to be faster would cancel the cheat before its answer is ever looked at — harmless for viewers, but then
 * nothing would be verified and nothing excluded. Real cheats are usually the faster side (that is what cheating
 * buys); the gate makes it so every time. It waits on the verifier's verdicts as they are logged, never on a clock
 * (its 3 s limit only keeps a broken run from hanging).
 */
class HonestAndCheatingOrchestratorsTest {
    private static final StreamKey STREAM = new StreamKey("live", "verified");
    private static final List<String> LADDER = List.of("P240p30fps16x9", "P144p30fps16x9");
    private static final double SECONDS = 12.0;
    private static final int SEGMENTS = 6;
    private static final int EXCLUDE_AFTER = 3;
    private static final int MAX_IN_FLIGHT = 3;
    private static final Duration GATE_LIMIT = Duration.ofSeconds(3);

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final Observed logs = new Observed();
    private final Logger root = (Logger) LoggerFactory.getLogger("dev.streamflow");
    private final Logger selectorLog = (Logger) LoggerFactory.getLogger(Selector.class);
    private Level selectorLevel;

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
        selectorLevel = selectorLog.getLevel();
        selectorLog.setLevel(Level.TRACE); // each choice of orchestrators, in the order the selector made them
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        selectorLog.setLevel(selectorLevel);
        root.detachAppender(logs);
    }

    /** The content check sees it on every segment when every segment is sampled (rate 1). */
    @Test
    void aDifferentVideoIsCaughtByTheDeepCheckAndTheCheatExcluded() throws Exception {
        streamWithACheat(Misbehaviour.DIFFERENT_VIDEO, 1.0, "content");
    }

    /** The cheap chain alone (rate 0: no deep check at all) sees it on every segment. */
    @Test
    void aWrongResolutionIsCaughtByTheCheapChainAndTheCheatExcluded() throws Exception {
        streamWithACheat(Misbehaviour.WRONG_RESOLUTION, 0.0, "resolution");
    }

    /**
     * Bytes that are not MPEG-TS at all are judged like any other result (not taken for a transport failure), so they
     * are kept as evidence and count towards exclusion.
     */
    @Test
    void garbageInPlaceOfRenditionsIsAFaultAndTheCheatExcluded() throws Exception {
        streamWithACheat(Misbehaviour.GARBAGE_OUTPUT, 0.0, "structure");
    }

    private void streamWithACheat(Misbehaviour misbehaviour, double verificationRate, String check) throws Exception {
        Served cheat = new Served(misbehaviour.transcoder(Bridges.engine(), TestMedia.tools()));
        BridgeNode cheatNode = bridge("cheat", cheat, misbehaviour.signer());
        URI cheatUri = OrchestratorUris.parse(cheatNode.uri().toString());
        Served honest = new Served(new AfterTheCheat(Bridges.engine(), cheat, cheatUri));
        BridgeNode honestNode = bridge("honest", honest, ResultSigner.STANDARD);
        URI honestUri = OrchestratorUris.parse(honestNode.uri().toString());
        Streamflow streamflow = streamflow(List.of(honestNode, cheatNode), verificationRate);

        LiveFeed feed = new LiveFeed(FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(426, 240, 30, SECONDS))),
                streamflow.ingest().open(STREAM), true);
        feed.run();
        assertNull(feed.failure());
        HlsRules.Summary summary = awaitEnded();

        // continuous, every segment there, none of it from the cheat
        assertEquals(LADDER, summary.renditions());
        assertEquals(SEGMENTS, summary.segmentCount());
        assertTrue(summary.discontinuities().isEmpty(), "discontinuities at " + summary.discontinuities());
        for (String rung : LADDER) {
            for (String uri : summary.segmentUris()) {
                String published = digest(Files.readAllBytes(streamDir().resolve(rung).resolve(uri)));
                assertFalse(cheat.served(published), rung + "/" + uri + " is the cheat's");
                assertTrue(honest.served(published), rung + "/" + uri + " is not what the honest bridge served");
            }
        }
        assertEquals(SEGMENTS, honest.calls(), "the honest bridge transcoded every segment");
        assertEquals(0, logs.containing("transcoding locally").size(), "no segment needed the local engine");

        // excluded once, within the promised number of segments, and never given a segment after that
        VerifiedDispatch verification = verification(streamflow);
        long rejections = verification.faultsByOrchestrator().getOrDefault(cheatUri.toString(), 0L);
        List<Integer> exclusion = logs.indexes(m -> m.startsWith(excluded(cheatUri)));
        assertEquals(1, exclusion.size(), "the exclusion is logged once: " + logs.containing("excluded"));
        List<Integer> choicesOfTheCheat = logs.indexes(m -> m.startsWith(STREAM + ": chose [")
                && (m.contains(cheatUri + ",") || m.contains(cheatUri + "]")));
        assertTrue(choicesOfTheCheat.stream().allMatch(i -> i < exclusion.get(0)),
                "the cheat was chosen after its exclusion: " + logs.containing(STREAM + ": chose"));
        assertTrue(rejections >= EXCLUDE_AFTER && rejections <= EXCLUDE_AFTER + MAX_IN_FLIGHT,
                rejections + " rejections, promised " + EXCLUDE_AFTER + " + at most " + MAX_IN_FLIGHT + " in flight");
        assertEquals(cheat.calls(), rejections, "every answer of the cheat was judged, and rejected");
        assertTrue(cheat.calls() < SEGMENTS, "the stream went on without the cheat");

        // counted per orchestrator and per check; the honest bridge never blamed
        assertEquals(Map.of(cheatUri.toString(), rejections), verification.faultsByOrchestrator());
        assertEquals(Map.of(check, rejections), verification.faultsByCheck());
        assertEquals(List.of(), logs.containing("orchestrator " + honestUri + " seq "), "no verdict against the honest bridge");

        // the evidence: one folder per fault, with what the cheat sent and the verdict naming the check
        List<Path> faults;
        try (Stream<Path> folders = Files.list(dir.resolve("faults"))) {
            faults = folders.sorted().toList();
        }
        assertEquals(rejections, faults.size(), "one evidence folder per fault: " + faults);
        for (Path fault : faults) {
            assertTrue(Files.size(fault.resolve("source.ts")) > 0, fault.toString());
            for (int i = 0; i < LADDER.size(); i++) {
                assertTrue(cheat.served(digest(Files.readAllBytes(fault.resolve("rendition-" + i + ".ts")))),
                        fault + ": rendition-" + i + ".ts is what the cheat sent");
            }
            String verdict = Files.readString(fault.resolve("verdict.json"), StandardCharsets.UTF_8);
            assertTrue(verdict.contains("\"orchestrator\":\"" + cheatUri + "\""), verdict);
            assertTrue(verdict.contains("\"accepted\":false"), verdict);
            assertTrue(verdict.contains("{\"check\":\"" + check + "\",\"status\":\"FAIL\""), verdict);
        }
    }

    // ---- fixtures

    private BridgeNode bridge(String name, SegmentTranscoder transcoder, ResultSigner signer) throws IOException {
        BridgeConfig config = BridgeConfig.defaults(dir.resolve("bridge-" + name)).withBindAddress("127.0.0.1").withPort(0)
                .withCleartext(true);
        BridgeNode node = new BridgeNode(config, transcoder, signer).start();
        cleanup.add(node);
        return node;
    }

    private Streamflow streamflow(List<BridgeNode> nodes, double verificationRate) {
        Streamflow streamflow = Streamflow.start(StreamflowConfig.load(Optional.empty(), Map.ofEntries(
                Map.entry("streamflow.hls.directory", dir.resolve("hls").toString()),
                Map.entry("streamflow.hls.window", 10),
                Map.entry("streamflow.ladder", LADDER),
                Map.entry("streamflow.orchestrators", nodes.stream().map(n -> n.uri().toString()).toList()),
                Map.entry("streamflow.transcode.redundancy", 2),
                Map.entry("streamflow.transcode.hedge-after", "4s"),
                Map.entry("streamflow.transcode.suspension", "100ms"),
                Map.entry("streamflow.transcode.max-suspension", "400ms"),
                Map.entry("streamflow.verification.rate", verificationRate),
                Map.entry("streamflow.verification.exclude-after", EXCLUDE_AFTER),
                Map.entry("streamflow.verification.fault-directory", dir.resolve("faults").toString()))));
        cleanup.add(streamflow);
        return streamflow;
    }

    /** The verifier's counters; Streamflow does not hand them out (yet), so from its injector. */
    private static VerifiedDispatch verification(Streamflow streamflow) throws ReflectiveOperationException {
        Field injector = Streamflow.class.getDeclaredField("injector");
        injector.setAccessible(true);
        return ((Injector) injector.get(streamflow)).getInstance(VerifiedDispatch.class);
    }

    /** How the selector begins the line that excludes {@code orchestrator} from the stream. */
    private static String excluded(URI orchestrator) {
        return "orchestrator " + orchestrator + " excluded from stream " + STREAM + ":";
    }

    private Path streamDir() {
        return dir.resolve("hls").resolve(STREAM.app()).resolve(STREAM.stream());
    }

    private HlsRules.Summary awaitEnded() throws InterruptedException {
        return HlsRules.awaitEnded(streamDir(), Duration.ofSeconds(30));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bridge's transcoder, with what it was asked and what it answered (digests of sources and renditions). */
    private final class Served implements SegmentTranscoder {
        private final SegmentTranscoder inner;
        private final AtomicInteger calls = new AtomicInteger();
        private final Set<String> sources = ConcurrentHashMap.newKeySet();
        private final Set<String> renditions = ConcurrentHashMap.newKeySet();

        Served(SegmentTranscoder inner) {
            this.inner = inner;
        }

        @Override
        public List<Output> transcode(byte[] sourceTs, List<VideoProfile> profiles, long durationMillis) throws TranscodeException {
            calls.incrementAndGet();
            try {
                List<Output> outputs = inner.transcode(sourceTs, profiles, durationMillis);
                outputs.forEach(o -> renditions.add(digest(o.ts())));
                return outputs;
            } finally {
                sources.add(digest(sourceTs));
                logs.poke();
            }
        }

        int calls() {
            return calls.get();
        }

        boolean served(String renditionDigest) {
            return renditions.contains(renditionDigest);
        }

        boolean answered(String sourceDigest) {
            return sources.contains(sourceDigest);
        }
    }

    /**
     * The honest engine, answering a segment only once the cheat's answer to it has been judged: the cheat answered
     * this source and every answer it gave so far has its verdict — or it is excluded and gets no more segments.
     */
    private final class AfterTheCheat implements SegmentTranscoder {
        private final SegmentTranscoder engine;
        private final Served cheat;
        private final URI cheatUri;

        AfterTheCheat(SegmentTranscoder engine, Served cheat, URI cheatUri) {
            this.engine = engine;
            this.cheat = cheat;
            this.cheatUri = cheatUri;
        }

        @Override
        public List<Output> transcode(byte[] sourceTs, List<VideoProfile> profiles, long durationMillis) throws TranscodeException {
            String source = digest(sourceTs);
            logs.await(() -> !logs.indexes(m -> m.startsWith(excluded(cheatUri))).isEmpty()
                    || cheat.answered(source) && verdicts() >= cheat.calls(), GATE_LIMIT);
            return engine.transcode(sourceTs, profiles, durationMillis);
        }

        private long verdicts() {
            return logs.containing("orchestrator " + cheatUri + " seq ").size();
        }
    }

    /** Every log line of the plugin, in order, and a monitor the gate waits on (poked on each line and each answer). */
    private static final class Observed extends AppenderBase<ILoggingEvent> {
        private final List<String> messages = new ArrayList<>();

        @Override
        protected synchronized void append(ILoggingEvent event) {
            messages.add(event.getFormattedMessage());
            notifyAll();
        }

        synchronized void poke() {
            notifyAll();
        }

        synchronized void await(BooleanSupplier condition, Duration limit) {
            long end = System.nanoTime() + limit.toNanos();
            try {
                while (!condition.getAsBoolean()) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized List<String> containing(String text) {
            return messages.stream().filter(m -> m.contains(text)).toList();
        }

        synchronized List<Integer> indexes(java.util.function.Predicate<String> which) {
            List<Integer> found = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                if (which.test(messages.get(i))) {
                    found.add(i);
                }
            }
            return found;
        }
    }
}
