package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.discovery.Offer;
import dev.streamflow.core.segment.Segment;
import dev.streamflow.protocol.client.OrchestratorException;
import dev.streamflow.protocol.client.SegmentClient;
import dev.streamflow.protocol.client.SegmentJob;
import dev.streamflow.protocol.client.SegmentTimeouts;
import dev.streamflow.protocol.client.TranscodeResponse;
import dev.streamflow.protocol.net.OrchestratorInfo;
import dev.streamflow.protocol.net.TranscodedSegmentData;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;

/**
 * One remote attempt: this stream's session with the orchestrator, {@code POST /segment}, then every rendition
 * downloaded and probed. Runs on its own worker thread; cancelling the future interrupts it, which aborts the HTTP
 * exchange in flight. The attempt's body deadline is 1.2 segment durations (at least 2 s), per implementation
 * notes §6, and never past the segment's own deadline.
 */
final class OrchestratorTarget implements TranscodeTarget {
    private static final Duration MIN_TOTAL = Duration.ofSeconds(2);
    private static final Duration MIN_UPLOAD = Duration.ofSeconds(1);
    private static final Duration MAX_DOWNLOAD = SegmentClient.DEFAULT_DOWNLOAD_TIMEOUT;

    private final Offer offer;
    private final SessionBook sessions;
    private final SegmentClient segments;
    private final ExecutorService workers;
    private final Duration budget;

    /** @param budget time left before the segment's deadline */
    OrchestratorTarget(Offer offer, SessionBook sessions, SegmentClient segments, ExecutorService workers, Duration budget) {
        this.offer = offer;
        this.sessions = sessions;
        this.segments = segments;
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
        TranscodeResponse response;
        try {
            response = segments.submit(session, job, timeouts(segment, start));
        } catch (OrchestratorException e) {
            sessions.forget(segment.stream(), offer.uri());
            throw e;
        }
        response.freshInfo().ifPresent(info -> sessions.renewed(segment.stream(), offer.uri(), info));
        List<Rendition> renditions = download(segment, ladder, response, start);
        List<Long> pixels = response.renditions().stream().map(TranscodedSegmentData::getPixels).toList();
        byte[] address = session.getAddress().toByteArray();
        return new Transcoded(name(), renditions, Optional.of(new RemoteProof(offer.uri(), address, response.signature(), pixels)));
    }

    private List<Rendition> download(Segment segment, List<VideoProfile> ladder, TranscodeResponse response, long start)
            throws OrchestratorException {
        List<Rendition> renditions = new ArrayList<>(ladder.size());
        for (int i = 0; i < ladder.size(); i++) {
            byte[] ts = segments.download(response.renditions().get(i).getUrl(), min(MAX_DOWNLOAD, left(start)));
            renditions.add(RemoteRenditions.wrap(name(), segment.sequence(), ladder.get(i), ts));
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
