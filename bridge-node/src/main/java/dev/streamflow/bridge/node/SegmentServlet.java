package dev.streamflow.bridge.node;

import com.google.protobuf.ByteString;
import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.sender.PixelEstimate;
import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.net.SegData;
import dev.streamflow.protocol.net.TranscodeData;
import dev.streamflow.protocol.net.TranscodeResult;
import dev.streamflow.protocol.net.TranscodedSegmentData;
import dev.streamflow.protocol.wire.EthSignatures;
import dev.streamflow.protocol.wire.HeaderCodec;
import dev.streamflow.protocol.wire.ProtocolErrors;
import dev.streamflow.protocol.wire.SegmentProfiles;
import dev.streamflow.protocol.wire.SegmentSignature;
import dev.streamflow.protocol.wire.WireCapabilities;
import dev.streamflow.protocol.wire.WireFormatException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /segment} (reference §3.4): the headers are checked in go-livepeer's order with its status codes
 * and texts, the body is read (bounded) and its hash checked, then 200 is sent at once and the TranscodeResult
 * follows when the renditions are ready. Off-chain the payment is not checked; on chain it is validated and
 * credited before the body is read (step 8), and the session's balance must cover the segment (step 9).
 */
final class SegmentServlet extends HttpServlet {
    static final String URI_BODY_TYPE = "application/vnd+livepeer.uri";
    private static final Logger log = LoggerFactory.getLogger(SegmentServlet.class);
    private static final long MAX_DURATION_MILLIS = 5 * 60 * 1000;
    private static final int DEFAULT_DURATION_MILLIS = 2000;

    private final NodeParts node;

    SegmentServlet(NodeParts node) {
        this.node = node;
    }

    /** A segment past every check before the 200. */
    private record Accepted(SegData segData, List<VideoProfile> profiles, long durationMillis, byte[] body, boolean busy,
                            byte[] sender) {
        String sessionId() {
            return segData.getAuthToken().getSessionId();
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Accepted accepted;
        try {
            accepted = accept(request);
        } catch (Refusal refusal) {
            BoundedReader.drain(request.getInputStream(), node.limits().maxSegmentBytes(), node.limits().bodyReadTimeout());
            log.debug("segment refused with {}: {}", refusal.status(), refusal.getMessage());
            sendText(response, refusal.status(), refusal.getMessage());
            return;
        }
        try {
            respond(accepted, response);
        } finally {
            if (!accepted.busy()) {
                node.sessions().release(accepted.sessionId());
            }
        }
    }

    private Accepted accept(HttpServletRequest request) throws Refusal, IOException {
        Payment payment = payment(request);
        SegData segData = segData(request);
        List<dev.streamflow.protocol.net.VideoProfile> wireProfiles = wireProfiles(segData);
        long durationMillis = duration(segData);
        byte[] sender = sender(payment, segData);
        checkCapabilities(segData);
        checkToken(segData, sender);
        List<VideoProfile> profiles = engineProfiles(wireProfiles);
        String sessionId = segData.getAuthToken().getSessionId();
        if (node.sessions().wouldCap(sessionId)) {
            throw new Refusal(403, ProtocolErrors.ORCHESTRATOR_CAPPED);
        }
        node.payments().admit(payment, sender, sessionId, estimatedPixels(wireProfiles, durationMillis));
        byte[] body = body(request, segData);
        // A session starts with its first accepted segment, so a refused one never takes a place.
        Sessions.Admission admission = node.sessions().admit(sessionId, sender);
        if (admission == Sessions.Admission.CAPPED) {
            throw new Refusal(403, ProtocolErrors.ORCHESTRATOR_CAPPED);
        }
        return new Accepted(segData, profiles, durationMillis, body, admission == Sessions.Admission.BUSY, sender);
    }

    /** What the broadcaster pays for up front (go-livepeer's estimate): the segment must be covered before work starts. */
    private static long estimatedPixels(List<dev.streamflow.protocol.net.VideoProfile> profiles, long durationMillis) throws Refusal {
        try {
            return PixelEstimate.estimate(profiles.stream()
                    .map(p -> new PixelEstimate.Rung(p.getWidth(), p.getHeight(), p.getFps(), p.getFpsDen())).toList(), durationMillis);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new Refusal(403, e.getMessage());
        }
    }

    private static Payment payment(HttpServletRequest request) throws Refusal {
        try {
            Payment payment = HeaderCodec.decodePayment(request.getHeader(HeaderCodec.PAYMENT_HEADER));
            return payment;
        } catch (WireFormatException e) {
            throw new Refusal(402, e.getMessage());
        }
    }

    private static SegData segData(HttpServletRequest request) throws Refusal {
        String header = request.getHeader(HeaderCodec.SEGMENT_HEADER);
        if (header == null || header.isEmpty()) {
            throw new Refusal(403, ProtocolErrors.SEGMENT_ENCODING + ": no " + HeaderCodec.SEGMENT_HEADER + " header");
        }
        try {
            SegData segData = HeaderCodec.decodeSegData(header);
            if (segData.getHash().size() != 32) {
                throw new Refusal(403, ProtocolErrors.SEGMENT_ENCODING + ": the segment hash has " + segData.getHash().size() + " bytes, not 32");
            }
            return segData;
        } catch (WireFormatException e) {
            throw new Refusal(403, ProtocolErrors.SEGMENT_ENCODING + ": " + e.getMessage());
        }
    }

    private List<dev.streamflow.protocol.net.VideoProfile> wireProfiles(SegData segData) throws Refusal {
        List<dev.streamflow.protocol.net.VideoProfile> profiles = SegmentProfiles.read(segData);
        for (dev.streamflow.protocol.net.VideoProfile profile : profiles) {
            if (profile.getFormat() == dev.streamflow.protocol.net.VideoProfile.Format.UNRECOGNIZED) {
                throw new Refusal(403, ProtocolErrors.UNRECOGNIZED_FORMAT);
            }
            if (profile.getProfile() == dev.streamflow.protocol.net.VideoProfile.Profile.UNRECOGNIZED) {
                throw new Refusal(403, ProtocolErrors.UNRECOGNIZED_PROFILE);
            }
            if (profile.getEncoder() == dev.streamflow.protocol.net.VideoProfile.VideoCodec.UNRECOGNIZED) {
                throw new Refusal(403, ProtocolErrors.UNRECOGNIZED_CODEC);
            }
        }
        if (profiles.isEmpty() || profiles.size() > node.limits().maxProfiles()) {
            throw new Refusal(403, "the segment asks for " + profiles.size() + " renditions; this node makes 1 to "
                    + node.limits().maxProfiles());
        }
        return profiles;
    }

    private static long duration(SegData segData) throws Refusal {
        long millis = segData.getDuration();
        if (millis < 0 || millis > MAX_DURATION_MILLIS) {
            throw new Refusal(403, ProtocolErrors.INVALID_DURATION);
        }
        return millis == 0 ? DEFAULT_DURATION_MILLIS : millis;
    }

    /**
     * The sender is {@code Payment.sender}, as in go-livepeer. A named sender must have signed the segment;
     * an anonymous one (go-livepeer's off-chain broadcaster) cannot, and may only use an anonymous token.
     */
    private static byte[] sender(Payment payment, SegData segData) throws Refusal {
        byte[] sender = OrchestratorService.holder(payment.getSender());
        if (sender == null) {
            throw new Refusal(403, ProtocolErrors.SEGMENT_SIGNATURE + ": the payment's sender has " + payment.getSender().size() + " bytes");
        }
        if (!OrchestratorService.isAnonymous(sender) && !SegmentSignature.verify(segData, sender)) {
            throw new Refusal(403, ProtocolErrors.SEGMENT_SIGNATURE);
        }
        return sender;
    }

    private void checkCapabilities(SegData segData) throws Refusal {
        Optional<String> problem;
        try {
            problem = WireCapabilities.incompatibility(segData.getCapabilities(), node.offers().capabilities());
        } catch (IllegalArgumentException e) {
            problem = Optional.of(e.getMessage());
        }
        if (problem.isPresent()) {
            log.debug("incompatible segment: {}", problem.get());
            throw new Refusal(403, ProtocolErrors.INCOMPATIBLE_CAPABILITIES);
        }
    }

    private void checkToken(SegData segData, byte[] sender) throws Refusal {
        if (!segData.hasAuthToken()) {
            throw new Refusal(403, ProtocolErrors.MISSING_AUTH_TOKEN);
        }
        Optional<String> problem = node.tokens().problem(segData.getAuthToken(), sender);
        if (problem.isPresent()) {
            throw new Refusal(403, problem.get());
        }
    }

    private static List<VideoProfile> engineProfiles(List<dev.streamflow.protocol.net.VideoProfile> wire) throws Refusal {
        try {
            return wire.stream().map(WireProfiles::fromWire).toList();
        } catch (IllegalArgumentException e) {
            throw new Refusal(403, e.getMessage());
        }
    }

    private byte[] body(HttpServletRequest request, SegData segData) throws Refusal, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(URI_BODY_TYPE)) {
            throw new Refusal(400, "BadRequest: this node advertises no storage, so segments must come as bytes, not URIs");
        }
        byte[] body = BoundedReader.read(request.getInputStream(), request.getContentLengthLong(),
                node.limits().maxSegmentBytes(), node.limits().bodyReadTimeout());
        if (!Arrays.equals(EthSignatures.keccak256(body), segData.getHash().toByteArray())) {
            throw new Refusal(403, ProtocolErrors.FORBIDDEN);
        }
        return body;
    }

    private void respond(Accepted accepted, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/octet-stream");
        response.flushBuffer();
        TranscodeResult result = accepted.busy()
                ? result(accepted).setError(ProtocolErrors.ORCHESTRATOR_BUSY).build()
                : transcode(accepted);
        try {
            response.getOutputStream().write(result.toByteArray());
        } catch (IOException e) {
            log.debug("broadcaster left before the result of seq {} was written: {}", accepted.segData().getSeq(), e.getMessage());
        }
    }

    private TranscodeResult transcode(Accepted accepted) {
        List<SegmentTranscoder.Output> outputs;
        try {
            outputs = node.transcoder().transcode(accepted.body(), accepted.profiles(), accepted.durationMillis());
        } catch (TranscodeException e) {
            log.info("seq {} of session {} not transcoded: {}", accepted.segData().getSeq(), accepted.sessionId(), e.getMessage());
            return result(accepted).setError(e.getMessage()).build();
        } catch (RuntimeException e) {
            log.error("seq {} of session {}: transcoder failed", accepted.segData().getSeq(), accepted.sessionId(), e);
            return result(accepted).setError("transcoder failed: " + e).build();
        }
        if (outputs.size() != accepted.profiles().size()) {
            return result(accepted).setError(ProtocolErrors.MISMATCHED_SEGMENTS).build();
        }
        node.payments().charge(accepted.sessionId(), outputs.stream().mapToLong(SegmentTranscoder.Output::pixels).sum());
        return result(accepted).setData(publish(accepted, outputs)).build();
    }

    private TranscodeData publish(Accepted accepted, List<SegmentTranscoder.Output> outputs) {
        TranscodeData.Builder data = TranscodeData.newBuilder();
        List<byte[]> renditions = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            SegmentTranscoder.Output output = outputs.get(i);
            String path = renditionPath(accepted, i);
            node.renditions().put(path, output.ts());
            renditions.add(output.ts());
            data.addSegments(TranscodedSegmentData.newBuilder().setUrl(node.serviceUri() + path).setPixels(output.pixels()));
        }
        return data.setSig(ByteString.copyFrom(node.signer().sign(node.key(), renditions))).build();
    }

    /** {@code /stream/<session>/<index>_<profile>/<seq>.ts}; the profile name is reduced to URL-safe characters. */
    private static String renditionPath(Accepted accepted, int index) {
        String name = accepted.profiles().get(index).name().replaceAll("[^A-Za-z0-9._-]", "_");
        return StreamServlet.PREFIX + "/" + accepted.sessionId() + "/" + index + "_" + name + "/" + accepted.segData().getSeq() + ".ts";
    }

    private TranscodeResult.Builder result(Accepted accepted) {
        return TranscodeResult.newBuilder().setSeq(accepted.segData().getSeq())
                .setInfo(node.offers().withToken(accepted.segData().getAuthToken(), accepted.sender()));
    }

    /** A refusal as Go's {@code http.Error} writes it: one line of plain text. */
    static void sendText(HttpServletResponse response, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Everything the servlets share. */
    record NodeParts(EthereumKey key, URI serviceUri, Offers offers, AuthTokens tokens, Sessions sessions,
                     SegmentTranscoder transcoder, ResultSigner signer, RenditionStore renditions, BridgeConfig.Limits limits,
                     NodePayments payments) {
    }
}
