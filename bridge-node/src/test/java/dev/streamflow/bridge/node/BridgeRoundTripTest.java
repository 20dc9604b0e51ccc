package dev.streamflow.bridge.node;

import com.google.protobuf.ByteString;
import dev.streamflow.protocol.client.BroadcasterIdentity;
import dev.streamflow.protocol.client.OrchestratorClient;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.client.TranscodeResponse;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.net.TicketParams;
import dev.streamflow.protocol.net.TicketSenderParams;
import dev.streamflow.protocol.wire.Capability;
import dev.streamflow.protocol.wire.HeaderCodec;
import dev.streamflow.protocol.wire.PingSignature;
import dev.streamflow.protocol.wire.ResultSignature;
import dev.streamflow.protocol.wire.WireCapabilities;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every message between the client and a real node, over TLS (h2) and over cleartext (h2c gRPC, HTTP/1.1 segments). */
class BridgeRoundTripTest {
    private static final Duration RPC = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "cleartext={0}")
    @ValueSource(booleans = {false, true})
    void everyMessageRoundTrips(boolean cleartext) throws Exception {
        BroadcasterIdentity broadcaster = NodeFixture.newBroadcaster();
        BridgeConfig config = NodeFixture.config(dataDir, cleartext).withPrice(6, 4).withMaxSessions(3);
        try (BridgeNode node = new BridgeNode(config, NodeFixture.engine()).start();
             OrchestratorClient rpc = NodeFixture.rpc(node, broadcaster)) {
            assertEquals(cleartext ? "http" : "https", node.uri().getScheme());
            OrchestratorInfo info = rpc.getOrchestrator(WireCapabilities.jobCapabilities(NodeFixture.job(0).profiles()), RPC);
            checkOffer(node, info);

            byte[] value = "are you there".getBytes(StandardCharsets.UTF_8);
            assertTrue(PingSignature.verify(node.address().bytes(), value, rpc.ping(value, RPC)), "Ping reply is signed by the node");

            SegmentClient segments = NodeFixture.segments(broadcaster);
            TranscodeResponse response = segments.submit(info, NodeFixture.job(5), NodeFixture.TIMEOUTS);
            checkTranscoded(node, segments, info, response);

            TranscodeResponse paid = segments.submit(info, NodeFixture.job(6), bigPayment(broadcaster, info), NodeFixture.TIMEOUTS);
            assertEquals(6, paid.seq());

            rpc.endTranscodingSession(info.getAuthToken(), RPC);
        }
    }

    private static void checkOffer(BridgeNode node, OrchestratorInfo info) {
        assertEquals(node.serviceUri().toString(), info.getTranscoder());
        assertArrayEquals(node.address().bytes(), info.getAddress().toByteArray());
        assertEquals(3, info.getPriceInfo().getPricePerUnit(), "6/4 is sent reduced");
        assertEquals(2, info.getPriceInfo().getPixelsPerUnit());
        assertTrue(WireCapabilities.bitstring(info.getCapabilities()).contains(Capability.AUTH_TOKEN));
        assertTrue(!WireCapabilities.bitstring(info.getCapabilities()).contains(Capability.MPEG7_VIDEO_SIGNATURE));
        assertEquals(8, info.getAuthToken().getSessionId().length());
        long expiresIn = info.getAuthToken().getExpiration() - Instant.now().getEpochSecond();
        assertTrue(expiresIn > 29 * 60 && expiresIn <= 30 * 60, "token expires in " + expiresIn + " s");
        assertTrue(!info.hasTicketParams(), "off-chain: no ticket parameters");
    }

    private static void checkTranscoded(BridgeNode node, SegmentClient segments, OrchestratorInfo info, TranscodeResponse response)
            throws Exception {
        assertEquals(5, response.seq());
        assertEquals(1, response.renditions().size());
        String url = response.renditions().get(0).getUrl();
        assertTrue(url.startsWith(node.serviceUri() + "/stream/" + info.getAuthToken().getSessionId() + "/"), url);
        byte[] rendition = segments.download(url, Duration.ofSeconds(5));
        assertEquals(0x47, rendition[0] & 0xff, "an MPEG-TS sync byte");
        assertTrue(ResultSignature.verify(node.address().bytes(), List.of(rendition), response.signature()), "result signed by the node");
        long pixels = response.renditions().get(0).getPixels();
        long frame = (long) NodeFixture.RUNG.width() * NodeFixture.RUNG.height();
        assertTrue(pixels > 0 && pixels % frame == 0, "pixels " + pixels + " are whole 256x144 frames");
        assertEquals(info.getAuthToken(), response.freshInfo().orElseThrow().getAuthToken(), "the session keeps its token");
    }

    /** A go-livepeer-sized payment: ~1,000 tickets, over 64 KiB of header. Off-chain, so only accepted, not redeemed. */
    private static Payment bigPayment(BroadcasterIdentity broadcaster, OrchestratorInfo info) {
        Payment.Builder payment = broadcaster.paymentWithoutTickets(info).toBuilder()
                .setTicketParams(TicketParams.newBuilder().setRecipient(info.getAddress()).setFaceValue(ByteString.copyFrom(new byte[]{1})));
        for (int nonce = 1; nonce <= 1000; nonce++) {
            payment.addTicketSenderParams(TicketSenderParams.newBuilder().setSenderNonce(nonce).setSig(ByteString.copyFrom(new byte[65])));
        }
        assertTrue(HeaderCodec.encode(payment.build()).length() >= 64 << 10);
        return payment.build();
    }
}
