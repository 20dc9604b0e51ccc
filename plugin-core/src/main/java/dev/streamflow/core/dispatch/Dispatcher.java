package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.segment.Segment;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends each segment to a target under a per-segment deadline, so a stuck transcode can never hold up
 * publication. For now the target is the local engine; remote orchestrators come behind the same seam.
 */
public final class Dispatcher {
    private final TranscodeTarget target;
    private final Duration deadline;

    public Dispatcher(TranscodeTarget target, Duration deadline) {
        this.target = target;
        this.deadline = deadline;
    }

    /** Renditions in ladder order, or a failure ({@link java.util.concurrent.TimeoutException} past the deadline). */
    public CompletableFuture<List<Rendition>> dispatch(Segment segment, List<VideoProfile> ladder) {
        CompletableFuture<List<Rendition>> attempt = target.transcode(segment, ladder);
        attempt.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
        return attempt.thenApply(renditions -> requireLadderShape(segment, ladder, renditions));
    }

    private List<Rendition> requireLadderShape(Segment segment, List<VideoProfile> ladder, List<Rendition> renditions) {
        if (renditions.size() != ladder.size()) {
            throw new IllegalStateException(target.name() + " returned " + renditions.size() + " renditions for "
                    + ladder.size() + " profiles on segment " + segment.sequence());
        }
        for (int i = 0; i < ladder.size(); i++) {
            if (!renditions.get(i).profile().equals(ladder.get(i))) {
                throw new IllegalStateException(target.name() + " returned rendition " + i + " for profile "
                        + renditions.get(i).profile().name() + ", expected " + ladder.get(i).name());
            }
        }
        return renditions;
    }
}
