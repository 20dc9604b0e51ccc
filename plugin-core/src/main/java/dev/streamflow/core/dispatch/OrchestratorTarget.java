package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.discovery.Offer;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.pm.sender.PaymentException;
import dev.streamflow.pm.sender.PixelEstimate;
import dev.streamflow.protocol.client.FailureKind;
import dev.streamflow.protocol.client.OrchestratorException;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.client.SegmentJob;
import dev.streamflow.protocol.client.SegmentTimeouts;
import dev.streamflow.protocol.client.TranscodeResponse;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.TranscodedSegmentData;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;

/**
 * One remote attempt: this stream's session with the orchestrator, its payment (tickets on chain; a refused or
 * expiring payment refreshes the ticket params and is retried once), {@code POST /segment}, then every rendition
 * downloaded and probed. Runs on its own worker thread; cancelling the future interrupts it, which aborts the HTTP
 * exchange in flight. The attempt's body deadline is 1.2 segment durations (at least 2 s), per implementation
 * notes §6, and never past the segment's own deadline.
 */
final class OrchestratorTarget implements TranscodeTarget {
    private static final Logger log = LoggerFactory.getLogger(OrchestratorTarget.class);
    private static final Duration MIN_TOTAL = Duration.ofSeconds(2);
    private static final Duration MIN_UPLOAD = Duration.ofSeconds(1);
    private static final Duration MAX_DOWNLOAD = SegmentClient.DEFAULT_DOWNLOAD_TIMEOUT;

    private final Offer offer;
    private final SessionBook sessions;
    private final SegmentClient segments;
    private final SegmentPayments payments;
    private final ExecutorService workers;
    private final Duration budget;

    /** @param budget time left before the segment's deadline */
    OrchestratorTarget(Offer offer, SessionBook sessions, SegmentClient segments, SegmentPayments payments, ExecutorService workers,
                       Duration budget) {
        this.offer = offer;
        this.sessions = sessions;
        this.segments = segments;
        this.payments = payments;
        this.workers = workers;
        this.budget = budget;
    }

    URI orchestrator() {
        return offer.uri();
    }

    @Override
    public String name() {
        return offer.uri().toString();
    }

    @Override
    public CompletableFuture<Transcoded> transcode(Segment segment, List<VideoProfile> ladder) {
        CompletableFuture<Transcoded> result = new CompletableFuture<>();
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                result.complete(run(segment, ladder));
            } catch (OrchestratorException | RuntimeException e) {
                result.completeExceptionally(e);
            }
            return null;
        });
        result.whenComplete((r, e) -> task.cancel(true)); // a no-op once the task has run
        workers.execute(task);
        return result;
    }

    private Transcoded run(Segment segment, List<VideoProfile> ladder) throws OrchestratorException {
        long start = System.nanoTime();
        OrchestratorInfo session = sessions.session(segment.stream(), offer.uri());
        SegmentJob job = job(segment, ladder);
        long estimated = estimatedPixels(ladder, job.duration());
        TranscodeResponse response;
        try {
            response = submitPaid(session, job, estimated, segment, start);
        } catch (OrchestratorException e) {
            if (!refreshable(e)) {
                sessions.forget(segment.stream(), offer.uri());
                throw e;
            }
            // go-livepeer refreshes the ticket params (a new GetOrchestrator) when they expire or are refused; once.
            log.info("{} segment {}: payment to {} refused ({}); refreshing the ticket params and retrying once", segment.stream(),
                    segment.sequence(), offer.uri(), e.getMessage());
            try {
                session = sessions.refresh(segment.stream(), offer.uri());
                response = submitPaid(session, job, estimated, segment, start);
            } catch (OrchestratorException again) {
                sessions.forget(segment.stream(), offer.uri());
                throw again;
            }
        }
        response.freshInfo().ifPresent(info -> sessions.renewed(segment.stream(), offer.uri(), info));
        List<Rendition> renditions = download(ladder, response, start);
        List<Long> pixels = response.renditions().stream().map(TranscodedSegmentData::getPixels).toList();
        byte[] address = session.getAddress().toByteArray();
        return new Transcoded(name(), renditions, Optional.of(new RemoteProof(offer.uri(), address, response.signature(), pixels)));
    }

    /** Pays for the segment, sends it, and settles the payment session with what the orchestrator did. */
    private TranscodeResponse submitPaid(OrchestratorInfo session, SegmentJob job, long pixels, Segment segment, long start)
            throws OrchestratorException {
        SegmentPayments.Pending payment;
        try {
            payment = payments.pay(offer.uri(), session, pixels);
        } catch (PaymentException.TicketParamsExpired e) {
            throw new OrchestratorException(FailureKind.PAYMENT, "ticket params of " + offer.uri() + " expire: " + e.getMessage(), e);
        } catch (PaymentException e) {
            throw new UnpayableException("cannot pay " + offer.uri() + ": " + e.getMessage(), e);
        }
        TranscodeResponse response;
        try {
            response = segments.submit(session, job, payment.wire(), timeouts(segment, start));
        } catch (OrchestratorException e) {
            payment.spent();
            throw e;
        }
        payment.settle(response.renditions().stream().mapToLong(TranscodedSegmentData::getPixels).sum());
        return response;
    }

    /** A payment failure that new ticket params may cure: the orchestrator's refusal, or params about to expire. */
    private boolean refreshable(OrchestratorException e) {
        return payments.onchain() && e.kind() == FailureKind.PAYMENT && !(e instanceof UnpayableException);
    }

    /** Our own side cannot pay this orchestrator (sender funds, unlock, guards): new params will not help. */
    static final class UnpayableException extends OrchestratorException {
        UnpayableException(String message, Throwable cause) {
            super(FailureKind.PAYMENT, message, cause);
        }
    }

    /** go-livepeer's estimate: Σ width × height × fps × ceil(seconds), 60 fps for passthrough. */
    static long estimatedPixels(List<VideoProfile> ladder, Duration duration) {
        return PixelEstimate.estimate(ladder.stream()
                .map(p -> new PixelEstimate.Rung(p.width(), p.height(), p.fps(), 0)).toList(), duration.toMillis());
    }

    private List<Rendition> download(List<VideoProfile> ladder, TranscodeResponse response, long start)
            throws OrchestratorException {
        List<Rendition> renditions = new ArrayList<>(ladder.size());
        for (int i = 0; i < ladder.size(); i++) {
            byte[] ts = segments.download(response.renditions().get(i).getUrl(), min(MAX_DOWNLOAD, left(start)));
            renditions.add(RemoteRenditions.wrap(ladder.get(i), ts));
        }
        return renditions;
    }

    private SegmentTimeouts timeouts(Segment segment, long start) {
        Duration duration = Duration.ofMillis(Math.round(segment.durationSeconds() * 1000));
        Duration total = min(max(MIN_TOTAL, duration.multipliedBy(6).dividedBy(5)), left(start));
        Duration upload = min(total, max(MIN_UPLOAD, duration.dividedBy(2)));
        return new SegmentTimeouts(upload, total);
    }

    private Duration left(long start) {
        Duration left = budget.minusNanos(System.nanoTime() - start);
        return left.toMillis() < 1 ? Duration.ofMillis(1) : left;
    }

    private static SegmentJob job(Segment segment, List<VideoProfile> ladder) {
        List<dev.streamflow.protocol.net.VideoProfile> profiles = WireLadder.profiles(ladder);
        Duration duration = Duration.ofMillis(Math.round(segment.durationSeconds() * 1000));
        return new SegmentJob(segment.stream().toString(), segment.sequence(), segment.ts(), duration, profiles);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
