package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.segment.Segment;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * The in-process engine as a target. Work queues on a small pool sized for the machine; a segment whose
 * future was cancelled (its deadline passed) before a worker reached it is not transcoded at all.
 */
public final class LocalEngineTarget implements TranscodeTarget {
    private final TranscodeEngine engine;
    private final ExecutorService workers;

    public LocalEngineTarget(TranscodeEngine engine, ExecutorService workers) {
        this.engine = engine;
        this.workers = workers;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public CompletableFuture<Transcoded> transcode(Segment segment, List<VideoProfile> ladder) {
        CompletableFuture<Transcoded> result = new CompletableFuture<>();
        workers.execute(() -> {
            if (result.isDone()) {
                return;
            }
            try {
                result.complete(Transcoded.local(engine.transcode(segment.ts(), ladder)));
            } catch (TranscodeException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(new CompletionException(
                        new TranscodeException("local engine failed on segment " + segment.sequence() + ": " + e, e)));
            }
        });
        return result;
    }
}
