package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.segment.Segment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends each segment to orchestrators (when any are configured) and to the local engine when none can do it,
 * under a per-segment deadline, so that a dead, full, slow or frozen orchestrator never stalls publication. See
 * {@link SegmentRun} for the attempts, hedging and redundancy. Every result passes the shape check and the
 * {@link ResultCheck} before it may be published. With no orchestrators the local engine is the only target.
 */
public final class Dispatcher {
    private final TranscodeTarget local;
    private final Optional<RemoteOrchestrators> remote;
    private final ResultCheck check;
    private final DispatchPolicy defaults;
    private final Duration deadline;
    private final FallbackNotice notice = new FallbackNotice();

    /** Local engine only, every result accepted. */
    public Dispatcher(TranscodeTarget local, Duration deadline) {
        this(local, Optional.empty(), ResultCheck.ACCEPT_ALL, DispatchPolicy.single(), deadline);
    }

    public Dispatcher(TranscodeTarget local, Optional<RemoteOrchestrators> remote, ResultCheck check, DispatchPolicy defaults,
                      Duration deadline) {
        this.local = local;
        this.remote = remote;
        this.check = check;
        this.defaults = defaults;
        this.deadline = deadline;
    }

    /** Renditions in ladder order, or a failure ({@link java.util.concurrent.TimeoutException} past the deadline). */
    public CompletableFuture<List<Rendition>> dispatch(Segment segment, List<VideoProfile> ladder) {
        return dispatch(segment, ladder, defaults);
    }

    /** As {@link #dispatch(Segment, List)}, on a channel's own terms. */
    public CompletableFuture<List<Rendition>> dispatch(Segment segment, List<VideoProfile> ladder, DispatchPolicy policy) {
        if (segment.sequence() == 0) { // a new stream under this key: exclusions end with the stream they were earned on
            remote.ifPresent(r -> r.selector().streamStarted(segment.stream()));
        }
        SegmentRun run = new SegmentRun(segment, ladder, policy, remote, local, check, deadline);
        CompletableFuture<Transcoded> result = run.start();
        if (remote.isPresent()) {
            result.thenAccept(transcoded -> tell(transcoded, run));
        }
        return result.thenApply(Transcoded::renditions);
    }

    private void tell(Transcoded transcoded, SegmentRun run) {
        if (transcoded.proof().isPresent()) {
            notice.transcodedRemotely(transcoded.target());
        } else {
            notice.transcodedLocally(run.whyLocal());
        }
    }
}
