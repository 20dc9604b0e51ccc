package dev.streamflow.bridge.node;

import com.google.protobuf.ByteString;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.client.FailureKind;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.OrchestratorException;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.client.SegmentJob;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.net.OrchestratorGrpc;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.OrchestratorRequest;
import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.net.SegData;
import dev.streamflow.protocol.wire.HeaderCodec;
import dev.streamflow.protocol.wire.WireCapabilities;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the node turns away, with go-livepeer's statuses and texts. Cleartext and echo mode keep it quick. */
class BridgeRefusalsTest {
    private static final Duration RPC = Duration.ofSeconds(5);
    private static final long MAX_SEGMENT = 256 << 10;

    @TempDir
    static Path dataDir;
    private static BridgeNode node;
    private static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        node = new BridgeNode(config(dataDir).withMaxSessions(10), NodeFixture.engine()).start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static BridgeConfig config(Path dir) {
        return NodeFixture.config(dir, true).withEcho(true).withLimits(BridgeConfig.Limits.defaults().withMaxSegmentBytes(MAX_SEGMENT));
    }

    @Test
    void capacityIsCappedUntilASessionEnds(@TempDir Path ownDir) throws Exception {
        BroadcasterIdentity broadcaster = NodeFixture.newBroadcaster();
        try (BridgeNode node = new BridgeNode(config(ownDir).withMaxSessions(1), NodeFixture.engine()).start();
             OrchestratorClient rpc = NodeFixture.rpc(node, broadcaster)) {
            SegmentClient segments = NodeFixture.segments(broadcaster);
            OrchestratorInfo first = rpc.getOrchestrator(capabilities(), RPC);
            OrchestratorInfo second = rpc.getOrchestrator(capabilities(), RPC);
            assertEquals(1, segments.submit(first, NodeFixture.job(1), NodeFixture.TIMEOUTS).seq());

            OrchestratorException offer = assertThrows(OrchestratorException.class, () -> rpc.getOrchestrator(capabilities(), RPC));
            assertEquals(FailureKind.RETRYABLE, offer.kind());
            assertTrue(offer.getMessage().contains("Invalid orchestrator request: OrchestratorCapped"), offer.getMessage());
            OrchestratorException segment = assertThrows(OrchestratorException.class,
                    () -> segments.submit(second, NodeFixture.job(1), NodeFixture.TIMEOUTS));
            assertTrue(segment.getMessage().endsWith("answered HTTP 403: OrchestratorCapped"), segment.getMessage());
            assertEquals(2, segments.submit(first, NodeFixture.job(2), NodeFixture.TIMEOUTS).seq(), "the live session goes on");

            rpc.endTranscodingSession(first.getAuthToken(), RPC);
            assertEquals(1, segments.submit(second, NodeFixture.job(1), NodeFixture.TIMEOUTS).seq(), "a place is free again");
            rpc.endTranscodingSession(second.getAuthToken(), RPC);
        }
    }

    @Test
    void segmentSignedBySomeoneElseIsRefused() throws Exception {
        BroadcasterIdentity broadcaster = NodeFixture.newBroadcaster();
        try (OrchestratorClient rpc = NodeFixture.rpc(node, broadcaster)) {
            OrchestratorInfo info = rpc.getOrchestrator(capabilities(), RPC);
            Payment claimsOtherSender = Payment.newBuilder()
                    .setSender(ByteString.copyFrom(EthereumKey.generate(new SecureRandom()).address().bytes())).build();
            OrchestratorException e = assertThrows(OrchestratorException.class,
                    () -> NodeFixture.segments(broadcaster).submit(info, NodeFixture.job(1), claimsOtherSender, NodeFixture.TIMEOUTS));
            assertEquals(FailureKind.NON_RETRYABLE, e.kind());
            assertTrue(e.getMessage().endsWith("answered HTTP 403: ErrSegSig"), e.getMessage());
        }
    }

    @Test
    void anonymousBroadcasterWorksButCannotUseASignedOnesSession() throws Exception {
        BroadcasterIdentity anonymous = BroadcasterIdentity.anonymous();
        BroadcasterIdentity signed = NodeFixture.newBroadcaster();
        try (OrchestratorClient anonymousRpc = NodeFixture.rpc(node, anonymous); OrchestratorClient signedRpc = NodeFixture.rpc(node, signed)) {
            OrchestratorInfo own = anonymousRpc.getOrchestrator(capabilities(), RPC);
            assertEquals(1, NodeFixture.segments(anonymous).submit(own, NodeFixture.job(1), NodeFixture.TIMEOUTS).seq());
            anonymousRpc.endTranscodingSession(own.getAuthToken(), RPC);

            OrchestratorInfo someoneElses = signedRpc.getOrchestrator(capabilities(), RPC);
            OrchestratorException e = assertThrows(OrchestratorException.class,
                    () -> NodeFixture.segments(anonymous).submit(someoneElses, NodeFixture.job(1), NodeFixture.TIMEOUTS));
            assertTrue(e.getMessage().endsWith("answered HTTP 403: invalid auth token"), e.getMessage());
        }
    }

    @Test
    void requestWithAForgedAddressSignatureIsRefused() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", node.port()).usePlaintext().build();
        try {
            OrchestratorRequest forged = OrchestratorRequest.newBuilder()
                    .setAddress(ByteString.copyFrom(EthereumKey.generate(new SecureRandom()).address().bytes()))
                    .setSig(ByteString.copyFrom(new byte[65])).build();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> OrchestratorGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS).getOrchestrator(forged));
            assertEquals("Invalid orchestrator request: orchestrator req sig check failed", e.getStatus().getDescription());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void malformedHeadersAndBodiesGetTheProtocolsErrors() throws Exception {
        BroadcasterIdentity broadcaster = NodeFixture.newBroadcaster();
        try (OrchestratorClient rpc = NodeFixture.rpc(node, broadcaster)) {
            OrchestratorInfo info = rpc.getOrchestrator(capabilities(), RPC);
            SegmentClient segments = NodeFixture.segments(broadcaster);
            SegmentJob job = NodeFixture.job(9);
            SegData good = segments.segData(info, job);
            String payment = HeaderCodec.encode(broadcaster.paymentWithoutTickets(info));
            byte[] body = job.ts();

            assertRefused(402, "Livepeer-Payment header is not standard base64", "!!!!", HeaderCodec.encode(good), body);
            assertRefused(403, "ErrorSegEncoding: Livepeer-Segment is not a SegData message", payment, "/////w==", body);
            assertRefused(403, "ErrorSegEncoding: no Livepeer-Segment header", payment, null, body);
            SegData noCaps = resign(segments, good.toBuilder().clearCapabilities().build(), info, job);
            assertRefused(403, "incompatible capabilities", payment, HeaderCodec.encode(noCaps), body);
            SegData noToken = good.toBuilder().clearAuthToken().build();
            assertRefused(403, "missing auth token", payment, HeaderCodec.encode(noToken), body);
            SegData badDuration = good.toBuilder().setDuration(400_000).build();
            assertRefused(403, "invalid duration", payment, HeaderCodec.encode(badDuration), body);
            byte[] tampered = body.clone();
            tampered[tampered.length - 1] ^= 1;
            assertRefused(403, "Forbidden", payment, HeaderCodec.encode(good), tampered);
            byte[] huge = new byte[(int) MAX_SEGMENT + 1];
            assertRefused(413, "segment of " + huge.length + " bytes is over the limit of " + MAX_SEGMENT, payment, HeaderCodec.encode(good), huge);
            assertTrue(node.uri().toString().startsWith("http://"));
        }
    }

    @Test
    void renditionUrlsOutsideTheStoreAre404() throws Exception {
        HttpResponse<String> response = RAW.send(HttpRequest.newBuilder(URI.create(node.uri() + "/stream/nope/0_x/1.ts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertTrue(response.body().startsWith("no rendition at /stream/nope/0_x/1.ts"), response.body());
    }

    /** The profiles are not the signed ones any more, so the test re-signs with the broadcaster's own client. */
    private static SegData resign(SegmentClient segments, SegData changed, OrchestratorInfo info, SegmentJob job) {
        SegData signedAsSent = segments.segData(info, job);
        return changed.toBuilder().setSig(signedAsSent.getSig()).build();
    }

    private static void assertRefused(int status, String text, String payment, String segment, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.uri() + "/segment"))
                .header("Content-Type", "video/MP2T").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!payment.isEmpty()) {
            request.header(HeaderCodec.PAYMENT_HEADER, payment);
        }
        if (segment != null) {
            request.header(HeaderCodec.SEGMENT_HEADER, segment);
        }
        HttpResponse<String> response = RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().startsWith(text), "'" + response.body() + "' should start with '" + text + "'");
    }

    private static Capabilities capabilities() throws Exception {
        return WireCapabilities.jobCapabilities(List.of(WireProfiles.toWire(NodeFixture.RUNG)));
    }
}
