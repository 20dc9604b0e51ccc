package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.segment.Segment;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Something that turns a segment and a ladder into renditions, one per profile and in the ladder's order:
 * the local engine, or (with the protocol) a remote orchestrator session. The future fails with a
 * {@link dev.streamflow.bridge.engine.TranscodeException} that says what went wrong.
 */
public interface TranscodeTarget {

    /** A short name for logs and metrics. */
    String name();

    CompletableFuture<List<Rendition>> transcode(Segment segment, List<VideoProfile> ladder);
}
