package dev.streamflow.sample.testing;

import dev.streamflow.core.ingest.IngestHook;
import dev.streamflow.sample.Pipeline;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A pipeline that records what it is fed and serves whatever HLS files a test puts in its directory. */
public final class RecordingPipeline implements Pipeline {
    public final RecordingHook hook = new RecordingHook();
    public final AtomicInteger closes = new AtomicInteger();
    private final Path hlsDirectory;

    public RecordingPipeline(Path hlsDirectory) {
        this.hlsDirectory = hlsDirectory;
    }

    @Override
    public IngestHook ingest() {
        return hook;
    }

    @Override
    public Path hlsDirectory() {
        return hlsDirectory;
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
