package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.segment.Segment;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Something that turns a segment and a ladder into renditions, one per profile and in the ladder's order:
 * the local engine, or a remote orchestrator. The future fails with an exception that says what went wrong;
 * cancelling it abandons the work as far as the target can.
 */
public interface TranscodeTarget {

    /** A short name for logs and metrics. */
    String name();

    CompletableFuture<Transcoded> transcode(Segment segment, List<VideoProfile> ladder);
}
