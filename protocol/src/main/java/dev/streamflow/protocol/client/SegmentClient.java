package dev.streamflow.protocol.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.Payment;
import dev.streamflow.protocol.net.SegData;
import dev.streamflow.protocol.net.TranscodeData;
import dev.streamflow.protocol.net.TranscodeResult;
import dev.streamflow.protocol.net.TranscodedSegmentData;
import dev.streamflow.protocol.wire.EthSignatures;
import dev.streamflow.protocol.wire.HeaderCodec;
import dev.streamflow.protocol.wire.SegmentProfiles;
import dev.streamflow.protocol.wire.WireCapabilities;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends segments to an orchestrator's transcoder ({@code POST {transcoder}/segment}, reference §3) and
 * downloads the renditions it names. Every answer is bounded in size and time, and every failure is an
 * {@link OrchestratorException} with its {@link FailureKind}. Thread-safe.
 */
public final class SegmentClient {
    public static final String SEGMENT_CONTENT_TYPE = "video/MP2T";
    /** go-livepeer's rendition download timeout, HTTPTimeout / 2. */
    public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofSeconds(4);

    private final BroadcasterIdentity identity;
    private final HttpTransport http;
    private final ClientLimits limits;

    public SegmentClient(BroadcasterIdentity identity, HttpTransport http, ClientLimits limits) {
        this.identity = identity;
        this.http = http;
        this.limits = limits;
    }

    /** The signed SegData of {@code job} for the session in {@code info}. */
    public SegData segData(OrchestratorInfo info, SegmentJob job) {
        SegData.Builder segData = SegData.newBuilder()
                .setManifestId(ByteString.copyFromUtf8(job.manifestId()))
                .setSeq(job.seq())
                .setHash(ByteString.copyFrom(EthSignatures.keccak256(job.ts())))
                .setProfiles(ByteString.copyFromUtf8(SegmentProfiles.LEGACY_PROFILES))
                .setDuration((int) job.duration().toMillis())
                .setCapabilities(WireCapabilities.jobCapabilities(job.profiles()))
                .setAuthToken(info.getAuthToken());
        SegmentProfiles.put(segData, job.profiles());
        return segData.setSig(identity.signSegment(segData.build())).build();
    }

    /** Sends {@code job} with the off-chain payment of this identity (no tickets). */
    public TranscodeResponse submit(OrchestratorInfo info, SegmentJob job, SegmentTimeouts timeouts) throws OrchestratorException {
        return submit(info, job, identity.paymentWithoutTickets(info), timeouts);
    }

    public TranscodeResponse submit(OrchestratorInfo info, SegmentJob job, Payment payment, SegmentTimeouts timeouts)
            throws OrchestratorException {
        URI uri = segmentUri(info);
        String call = "POST " + uri + " (" + job.manifestId() + " seq " + job.seq() + ")";
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeouts.total())
                .header(HeaderCodec.SEGMENT_HEADER, HeaderCodec.encode(segData(info, job)))
                .header(HeaderCodec.PAYMENT_HEADER, HeaderCodec.encode(payment))
                .header("Content-Type", SEGMENT_CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(job.ts()))
                .build();
        BoundedExchange.Answer answer = new BoundedExchange(http.clientFor(uri), call, limits)
                .run(request, "the TranscodeResult", limits.maxTranscodeResultBytes(), timeouts.upload(), timeouts.total());
        if (answer.status() != 200) {
            String text = answer.text();
            throw new OrchestratorException(FailureClassifier.ofSegmentStatus(answer.status(), text),
                    call + " answered HTTP " + answer.status() + ": " + text);
        }
        return parseResult(call, answer.body(), job);
    }

    /** Downloads one rendition: HTTP 200 and at most {@link ClientLimits#maxRenditionBytes()} within {@code timeout}. */
    public byte[] download(String url, Duration timeout) throws OrchestratorException {
        URI uri = renditionUri(url);
        String call = "GET " + uri;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        BoundedExchange.Answer answer = new BoundedExchange(http.clientFor(uri), call, limits)
                .run(request, "the rendition", limits.maxRenditionBytes(), timeout, timeout);
        if (answer.status() != 200) {
            throw new OrchestratorException(FailureKind.RETRYABLE, call + " answered HTTP " + answer.status() + ": " + answer.text());
        }
        return answer.body();
    }

    private static URI segmentUri(OrchestratorInfo info) throws OrchestratorException {
        Optional<String> problem = OrchestratorInfoCheck.problem(info);
        if (problem.isPresent()) {
            throw new OrchestratorException(FailureKind.RETRYABLE, "cannot send a segment to orchestrator '"
                    + info.getTranscoder() + "': " + problem.get());
        }
        return URI.create(OrchestratorInfoCheck.transcoderUri(info) + "/segment");
    }

    private static URI renditionUri(String url) throws OrchestratorException {
        try {
            URI uri = new URI(url);
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new OrchestratorException(FailureKind.RETRYABLE, "rendition URL '" + abbreviate(url) + "' is not an absolute http(s) URL");
    }

    private static TranscodeResponse parseResult(String call, byte[] body, SegmentJob job) throws OrchestratorException {
        TranscodeResult result;
        try {
            result = TranscodeResult.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new OrchestratorException(FailureKind.RETRYABLE, call + " returned " + body.length
                    + " bytes that are not a TranscodeResult: " + e.getMessage(), e);
        }
        if (result.getResultCase() == TranscodeResult.ResultCase.ERROR) {
            throw new OrchestratorException(FailureClassifier.ofTranscodeError(result.getError()),
                    call + " failed on the orchestrator: " + result.getError());
        }
        if (result.getResultCase() != TranscodeResult.ResultCase.DATA) {
            throw new OrchestratorException(FailureKind.RETRYABLE, call + " returned a TranscodeResult with neither data nor error ("
                    + body.length + " bytes)");
        }
        if (result.getSeq() != job.seq()) {
            throw new OrchestratorException(FailureKind.RETRYABLE, call + " returned the result of seq " + result.getSeq());
        }
        checkRenditions(call, result.getData(), job);
        return new TranscodeResponse(result.getSeq(), result.getData().getSegmentsList(), result.getData().getSig().toByteArray(),
                result.hasInfo() ? Optional.of(result.getInfo()) : Optional.empty());
    }

    private static void checkRenditions(String call, TranscodeData data, SegmentJob job) throws OrchestratorException {
        if (data.getSegmentsCount() != job.profiles().size()) {
            throw new OrchestratorException(FailureKind.RETRYABLE, call + " returned " + data.getSegmentsCount()
                    + " renditions for " + job.profiles().size() + " profiles");
        }
        for (int i = 0; i < data.getSegmentsCount(); i++) {
            TranscodedSegmentData rendition = data.getSegments(i);
            renditionUri(rendition.getUrl());
            if (rendition.getPixels() < 0) {
                throw new OrchestratorException(FailureKind.RETRYABLE, call + " returned negative pixels for rendition " + i);
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
