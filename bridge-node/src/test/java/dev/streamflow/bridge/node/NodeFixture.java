package dev.streamflow.bridge.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.client.ClientLimits;
import dev.streamflow.protocol.client.HttpTransport;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.client.SegmentJob;
import dev.streamflow.protocol.client.SegmentTimeouts;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/** Shared pieces of the node tests: a 240p two-second source, a one-rung ladder, nodes and clients on loopback. */
final class NodeFixture {
    static final VideoProfile RUNG = VideoProfile.livepeer("P144p30fps16x9").orElseThrow();
    static final SegmentTimeouts TIMEOUTS = new SegmentTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    static final HttpTransport HTTP = HttpTransport.create();
    private static SegmentTranscoder engine;
    private static byte[] source;

    static {
        quietServerLogs();
    }

    private NodeFixture() {
    }

    static synchronized SegmentTranscoder engine() {
        if (engine == null) {
            engine = new EngineTranscoder(new TranscodeEngine(EncoderChoice.detect()));
        }
        return engine;
    }

    static synchronized byte[] source() throws IOException, InterruptedException {
        if (source == null) {
            source = Files.readAllBytes(TestMedia.ts(TestMedia.Spec.pattern(426, 240, 30, 2.0)));
        }
        return source;
    }

    static BridgeConfig config(Path dataDir, boolean cleartext) {
        return BridgeConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0).withCleartext(cleartext);
    }

    static SegmentJob job(long seq) throws IOException, InterruptedException {
        return new SegmentJob("test-stream", seq, source(), Duration.ofSeconds(2), List.of(WireProfiles.toWire(RUNG)));
    }

    static BroadcasterIdentity newBroadcaster() {
        return BroadcasterIdentity.of(EthereumKey.generate(new SecureRandom()));
    }

    static OrchestratorClient rpc(BridgeNode node, BroadcasterIdentity identity) {
        return new OrchestratorClient(node.uri(), identity, ClientLimits.defaults());
    }

    static SegmentClient segments(BroadcasterIdentity identity) {
        return new SegmentClient(identity, HTTP, ClientLimits.defaults());
    }

    /** Logback without a configuration logs everything at DEBUG; Jetty and gRPC then drown the test output. */
    private static void quietServerLogs() {
        for (String name : List.of("org.eclipse.jetty", "io.grpc", "org.bouncycastle")) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
        }
        ((Logger) LoggerFactory.getLogger("dev.streamflow")).setLevel(Level.INFO);
    }
}
