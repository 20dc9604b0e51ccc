package dev.streamflow.protocol.client;

import com.google.protobuf.ByteString;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.net.AuthToken;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.PriceInfo;
import dev.streamflow.protocol.net.TranscodeData;
import dev.streamflow.protocol.net.TranscodeResult;
import dev.streamflow.protocol.net.TranscodedSegmentData;
import dev.streamflow.protocol.net.Capabilities;
import dev.streamflow.protocol.wire.SegmentProfiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against orchestrators that answer badly: every failure is classified and names what went wrong. */
class MisbehavingOrchestratorTest {
    private static final HttpTransport HTTP = HttpTransport.create();
    private static final ClientLimits LIMITS = new ClientLimits(64 << 10, 64 << 10, 256 << 10, 256);
    private static final SegmentClient CLIENT = new SegmentClient(BroadcasterIdentity.of(EthereumKey.generate(new SecureRandom())), HTTP, LIMITS);
    private static final SegmentTimeouts QUICK = new SegmentTimeouts(Duration.ofMillis(400), Duration.ofMillis(1200));
    private static final SegmentJob JOB = new SegmentJob("stream", 3, new byte[188 * 10], Duration.ofSeconds(2),
            List.of(SegmentProfiles.profile("P240p30fps16x9", 426, 240, 600_000, 30)));

    @Test
    void garbageBodyIsNotATranscodeResult() throws Exception {
        OrchestratorException e = submitTo(ok("<html><body>502 Bad Gateway</body></html>".getBytes()));
        assertEquals(FailureKind.RETRYABLE, e.kind());
        assertTrue(e.getMessage().contains("not a TranscodeResult"), e.getMessage());
    }

    @Test
    void truncatedProtobufIsNotATranscodeResult() throws Exception {
        byte[] whole = validResult(3, 1).toByteArray();
        OrchestratorException e = submitTo(ok(Arrays.copyOf(whole, whole.length / 2)));
        assertEquals(FailureKind.RETRYABLE, e.kind());
        assertTrue(e.getMessage().contains("not a TranscodeResult") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void connectionClosedBeforeTheDeclaredLength() throws Exception {
        OrchestratorException e = submitTo((out, server) -> {
            ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n");
            out.write(new byte[100]);
            out.flush();
        });
        assertEquals(FailureKind.RETRYABLE, e.kind());
        assertTrue(e.getMessage().contains("while reading the TranscodeResult after HTTP 200"), e.getMessage());
    }

    @Test
    void declaredOversizedResultIsRefusedAtOnce() throws Exception {
        OrchestratorException e = submitTo((out, server) -> {
            ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + (10 << 20) + "\r\n\r\n");
            server.stall();
        });
        assertEquals(FailureKind.RETRYABLE, e.kind());
        assertTrue(e.getMessage().contains("declares 10485760 bytes, over the limit of 65536"), e.getMessage());
    }

    @Test
    void streamedOversizedResultIsCutOff() throws Exception {
        OrchestratorException e = submitTo((out, server) -> {
            ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[16 << 10];
            for (int i = 0; i < 64; i++) {
                ScriptedHttpServer.write(out, Integer.toHexString(chunk.length) + "\r\n");
                out.write(chunk);
                ScriptedHttpServer.write(out, "\r\n");
            }
            server.stall();
        });
        assertEquals(FailureKind.RETRYABLE, e.kind());
        assertTrue(e.getMessage().contains("over the limit of 65536 bytes"), e.getMessage());
    }

    @Test
    void noResponseHeadersWithinTheUploadTimeout() throws Exception {
        long start = System.nanoTime();
        OrchestratorException e = submitTo((out, server) -> server.stall());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(FailureKind.RETRYABLE, e.kind());
        assertTrue(e.getMessage().contains("no response headers within 400 ms"), e.getMessage());
        assertTrue(tookMillis < 1100, "gave up after " + tookMillis + " ms, not at the upload timeout");
    }

    @Test
    void earlyOkButNoResultWithinTheTotalTimeout() throws Exception {
        OrchestratorException e = submitTo((out, server) -> {
            ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n");
            server.stall();
        });
        assertEquals(FailureKind.RETRYABLE, e.kind());
        assertTrue(e.getMessage().contains("HTTP 200 but the TranscodeResult was not complete within 1200 ms"), e.getMessage());
    }

    @Test
    void refusalsKeepTheOrchestratorsTextAndKind() throws Exception {
        OrchestratorException sig = submitTo(status(403, "ErrSegSig"));
        assertEquals(FailureKind.NON_RETRYABLE, sig.kind());
        assertTrue(sig.getMessage().endsWith("answered HTTP 403: ErrSegSig"), sig.getMessage());
        assertEquals(FailureKind.PAYMENT, submitTo(status(402, "base64 decode error: illegal base64 data")).kind());
        assertEquals(FailureKind.RETRYABLE, submitTo(status(403, "OrchestratorCapped")).kind());
    }

    @Test
    void resultsOfTheWrongShapeAreRefused() throws Exception {
        assertTrue(submitTo(ok(validResult(4, 1).toByteArray())).getMessage().contains("the result of seq 4"));
        assertTrue(submitTo(ok(validResult(3, 2).toByteArray())).getMessage().contains("2 renditions for 1 profiles"));
        TranscodeResult badUrl = TranscodeResult.newBuilder().setSeq(3).setData(TranscodeData.newBuilder()
                .addSegments(TranscodedSegmentData.newBuilder().setUrl("file:///etc/passwd"))).build();
        assertTrue(submitTo(ok(badUrl.toByteArray())).getMessage().contains("is not an absolute http(s) URL"));
        TranscodeResult inputError = TranscodeResult.newBuilder().setSeq(3).setError("No keyframes in input").build();
        OrchestratorException e = submitTo(ok(inputError.toByteArray()));
        assertEquals(FailureKind.NON_RETRYABLE, e.kind());
        assertTrue(e.getMessage().endsWith("failed on the orchestrator: No keyframes in input"), e.getMessage());
    }

    @Test
    void aWellFormedResultIsAccepted() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(ok(validResult(3, 1).toByteArray()))) {
            TranscodeResponse response = CLIENT.submit(info(server.baseUri()), JOB, QUICK);
            assertEquals(3, response.seq());
            assertEquals("http://127.0.0.1:1/r.ts", response.renditions().get(0).getUrl());
        }
    }

    @Test
    void downloadsAreBoundedAndNeed200() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(status(404, "gone"))) {
            OrchestratorException e = assertThrows(OrchestratorException.class, () -> CLIENT.download(server.baseUri() + "/r.ts", Duration.ofSeconds(1)));
            assertTrue(e.getMessage().endsWith("answered HTTP 404: gone"), e.getMessage());
        }
        try (ScriptedHttpServer server = new ScriptedHttpServer(ok(new byte[300 << 10]))) {
            OrchestratorException e = assertThrows(OrchestratorException.class, () -> CLIENT.download(server.baseUri() + "/r.ts", Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("the rendition declares 307200 bytes, over the limit of 262144"), e.getMessage());
        }
        try (ScriptedHttpServer server = new ScriptedHttpServer(ok(new byte[1000]))) {
            assertEquals(1000, CLIENT.download(server.baseUri() + "/r.ts", Duration.ofSeconds(1)).length);
        }
    }

    @Test
    void refusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        OrchestratorException e = assertThrows(OrchestratorException.class,
                () -> CLIENT.submit(info("http://127.0.0.1:" + closedPort), JOB, QUICK));
        assertEquals(FailureKind.RETRYABLE, e.kind());
        assertTrue(e.getMessage().contains("could not connect"), e.getMessage());
    }

    @Test
    void silentGrpcPeerHitsTheDeadline() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((out, s) -> s.stall());
             OrchestratorClient client = new OrchestratorClient(URI.create(server.baseUri()), BroadcasterIdentity.anonymous(), LIMITS)) {
            OrchestratorException e = assertThrows(OrchestratorException.class,
                    () -> client.getOrchestrator(Capabilities.getDefaultInstance(), Duration.ofMillis(500)));
            assertEquals(FailureKind.RETRYABLE, e.kind());
            assertTrue(e.getMessage().contains("GetOrchestrator") && e.getMessage().contains("DEADLINE_EXCEEDED"), e.getMessage());
        }
    }

    @Test
    void unusableOfferIsRefusedBeforeSending() {
        OrchestratorInfo noToken = info("http://127.0.0.1:1").toBuilder().clearAuthToken().build();
        OrchestratorException e = assertThrows(OrchestratorException.class, () -> CLIENT.submit(noToken, JOB, QUICK));
        assertTrue(e.getMessage().contains("it has no auth token"), e.getMessage());
        OrchestratorInfo freePixels = info("http://127.0.0.1:1").toBuilder().setPriceInfo(PriceInfo.newBuilder().setPricePerUnit(1)).build();
        assertTrue(assertThrows(OrchestratorException.class, () -> CLIENT.submit(freePixels, JOB, QUICK)).getMessage().contains("pixelsPerUnit"));
    }

    private static OrchestratorException submitTo(ScriptedHttpServer.Script script) throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer(script)) {
            return assertThrows(OrchestratorException.class, () -> CLIENT.submit(info(server.baseUri()), JOB, QUICK));
        }
    }

    private static ScriptedHttpServer.Script ok(byte[] body) {
        return (out, server) -> {
            ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n");
            out.write(body);
            out.flush();
        };
    }

    private static ScriptedHttpServer.Script status(int status, String text) {
        return (OutputStream out, ScriptedHttpServer server) -> {
            byte[] body = (text + "\n").getBytes();
            ScriptedHttpServer.write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n");
            out.write(body);
            out.flush();
        };
    }

    private static TranscodeResult validResult(long seq, int renditions) {
        TranscodeData.Builder data = TranscodeData.newBuilder().setSig(ByteString.copyFrom(new byte[65]));
        for (int i = 0; i < renditions; i++) {
            data.addSegments(TranscodedSegmentData.newBuilder().setUrl("http://127.0.0.1:1/r.ts").setPixels(426 * 240 * 60));
        }
        return TranscodeResult.newBuilder().setSeq(seq).setData(data).build();
    }

    private static OrchestratorInfo info(String transcoder) {
        return OrchestratorInfo.newBuilder().setTranscoder(transcoder)
                .setPriceInfo(PriceInfo.newBuilder().setPricePerUnit(0).setPixelsPerUnit(1))
                .setAuthToken(AuthToken.newBuilder().setSessionId("abcd1234").setToken(ByteString.copyFrom(new byte[32])).setExpiration(1))
                .build();
    }
}
