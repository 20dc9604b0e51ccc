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
import org.junit.jupiter.api.Test;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cheating orchestrator as a real process on loopback: its result comes through the real protocol client
 * (GetOrchestrator, POST /segment, rendition downloads) and the verifier rejects it. The cheat sends a different
 * video, correctly signed, so the signature check passes on the wire and the deep check (always run on the first
 * result from an orchestrator not seen before) catches it.
 */
class CheatProcessTest {

    @TempDir
    Path dir;

    @Test
    void aDifferentVideoFromARealCheatIsRejectedByTheDeepCheck() throws Exception {
        Segment segment = VerifyFixtures.segments(VerifyFixtures.clip(Content.PATTERN, 426, 240, 2.0)).get(0);
        int port = freePort();
        Process cheat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CheatMain.class.getName(),
                Misbehaviour.DIFFERENT_VIDEO.name(), Integer.toString(port), dir.resolve("data").toString())
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
            SegmentJob job = new SegmentJob("verify-test", segment.sequence(), segment.ts(), Duration.ofMillis(Math.round(segment.durationSeconds() * 1000)), profiles);
            TranscodeResponse response = client.submit(info, job, new SegmentTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
            List<byte[]> renditions = new ArrayList<>();
            for (TranscodedSegmentData data : response.renditions()) {
                renditions.add(client.download(data.getUrl(), Duration.ofSeconds(10)));
            }
            VerificationInput input = VerificationInput.remote(segment, VerifyFixtures.LADDER, renditions,
                    new ResultProof(new Address(info.getAddress().toByteArray()), response.signature()),
                    response.renditions().stream().map(TranscodedSegmentData::getPixels).toList(), true);

            Verdict verdict;
            try (Verifier verifier = Verifier.standard()) {
                verdict = verifier.verify(input);
            }

            assertTrue(verdict.deepChecked(), "the first result from a new orchestrator is always deep-checked");
            assertEquals(Optional.of("content"), VerifyFixtures.failedCheck(verdict), verdict.toJson());
            assertTrue(verdict.results().stream().anyMatch(r -> r.check().equals("signature") && r.status() == CheckResult.Status.PASS));
            assertTrue(verdict.results().stream().anyMatch(r -> r.check().equals("pixels") && r.status() == CheckResult.Status.PASS));
        } finally {
            cheat.destroy();
            assertTrue(cheat.waitFor(20, TimeUnit.SECONDS), "the cheat stops on SIGTERM");
        }
        assertFalse(cheat.isAlive());
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
