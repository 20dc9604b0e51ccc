package dev.streamflow.core.verify;

import dev.streamflow.bridge.cheat.CheatMain;
import dev.streamflow.bridge.cheat.Misbehaviour;
import dev.streamflow.bridge.node.WireProfiles;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Content;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.client.ClientLimits;
import dev.streamflow.protocol.client.HttpTransport;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.client.SegmentJob;
import dev.streamflow.protocol.client.SegmentTimeouts;
import dev.streamflow.protocol.client.TranscodeResponse;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.TranscodedSegmentData;
import dev.streamflow.protocol.wire.WireCapabilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every misbehaviour as a real process on loopback ({@link CheatMain}): its results come through the real protocol
 * client (GetOrchestrator, POST /segment, rendition downloads, the result signature) and the verifier judges them as
 * it judges any orchestrator's. The first result from a new orchestrator is always deep-checked; the second segment
 * is sampled, so each check that covers a cheat sees it on both.
 */
class CheatProcessTest {
    private static List<Segment> segments;
    private static Verifier verifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        segments = VerifyFixtures.segments(VerifyFixtures.clip(Content.PATTERN, 426, 240, 4.0));
        verifier = Verifier.standard();
    }

    @AfterAll
    static void stopWorkers() {
        verifier.close();
    }

    @ParameterizedTest
    @EnumSource(Misbehaviour.class)
    void eachCheatRunningAsAProcessIsCaughtByItsCheckAndTheHonestOneIsNot(Misbehaviour misbehaviour) throws Exception {
        List<Verdict> verdicts = answersOf(misbehaviour);

        assertEquals(2, verdicts.size());
        assertTrue(verdicts.get(0).deepChecked(), "the first result from a new orchestrator is always deep-checked");
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict verdict = verdicts.get(i);
            Set<String> expected = i == 0 && misbehaviour == Misbehaviour.STALE_OUTPUT ? Set.of() : failingChecks(misbehaviour);
            String what = misbehaviour + " segment " + i + ": " + verdict.toJson();
            if (expected.isEmpty()) {
                assertTrue(verdict.accepted(), what);
            } else {
                assertTrue(expected.contains(VerifyFixtures.failedCheck(verdict).orElse("none")), what);
            }
        }
    }

    /** The checks that may catch each cheat first in the chain; none for the honest one. */
    private static Set<String> failingChecks(Misbehaviour misbehaviour) {
        return switch (misbehaviour) {
            case HONEST -> Set.of();
            case BLACK_FRAMES -> Set.of("black");
            case WRONG_RESOLUTION, OVERSIZED_OUTPUT -> Set.of("resolution");
            case STALE_OUTPUT -> Set.of("timestamps");
            case TRUNCATED_OUTPUT -> Set.of("structure", "duration");
            case GARBAGE_OUTPUT -> Set.of("structure");
            case BAD_SIGNATURE -> Set.of("signature");
            case WRONG_PIXEL_COUNT -> Set.of("pixels");
            case DIFFERENT_VIDEO -> Set.of("content");
        };
    }

    /** Starts the cheat, sends it both segments as a broadcaster would, and verifies each answer. */
    private List<Verdict> answersOf(Misbehaviour misbehaviour) throws Exception {
        int port = freePort();
        Process cheat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CheatMain.class.getName(),
                misbehaviour.name(), Integer.toString(port), dir.resolve("data").toString())
                .redirectErrorStream(true).start();
        try {
            awaitReady(cheat);
            BroadcasterIdentity me = BroadcasterIdentity.of(EthereumKey.generate(new SecureRandom()));
            var profiles = WireProfiles.toWire(VerifyFixtures.LADDER);
            OrchestratorInfo info;
            try (OrchestratorClient rpc = new OrchestratorClient(URI.create("http://127.0.0.1:" + port), me, ClientLimits.defaults())) {
                info = rpc.getOrchestrator(WireCapabilities.jobCapabilities(profiles), Duration.ofSeconds(10));
            }
            SegmentClient client = new SegmentClient(me, HttpTransport.create(), ClientLimits.defaults());
            List<Verdict> verdicts = new ArrayList<>();
            for (Segment segment : segments.subList(0, 2)) {
                verdicts.add(verifier.verify(answer(client, info, profiles, segment, verdicts.isEmpty())));
            }
            return verdicts;
        } finally {
            cheat.destroy();
            assertTrue(cheat.waitFor(20, TimeUnit.SECONDS), "the cheat stops on SIGTERM");
            assertFalse(cheat.isAlive());
        }
    }

    private static VerificationInput answer(SegmentClient client, OrchestratorInfo info, List<dev.streamflow.protocol.net.VideoProfile> profiles,
                                            Segment segment, boolean first) throws Exception {
        SegmentJob job = new SegmentJob("verify-test", segment.sequence(), segment.ts(),
                Duration.ofMillis(Math.round(segment.durationSeconds() * 1000)), profiles);
        TranscodeResponse response = client.submit(info, job, new SegmentTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
        List<byte[]> renditions = new ArrayList<>();
        for (TranscodedSegmentData data : response.renditions()) {
            renditions.add(client.download(data.getUrl(), Duration.ofSeconds(10)));
        }
        return VerificationInput.remote(segment, VerifyFixtures.LADDER, renditions,
                new ResultProof(new Address(info.getAddress().toByteArray()), response.signature()),
                response.renditions().stream().map(TranscodedSegmentData::getPixels).toList(), first).withDeepCheckOneIn(1);
    }

    /** The cheat prints one line when it serves; anything else before that is its log. */
    private static void awaitReady(Process cheat) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(cheat.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("cheat ready")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the process ended
                    }
                }, "cheat-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the cheat ended before serving:\n" + seen);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
