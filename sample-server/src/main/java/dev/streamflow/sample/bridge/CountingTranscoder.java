package dev.streamflow.sample.bridge;

import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.node.SegmentTranscoder;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the segments another transcoder has transcoded. */
final class CountingTranscoder implements SegmentTranscoder {
    private final SegmentTranscoder transcoder;
    private final AtomicLong segments = new AtomicLong();

    CountingTranscoder(SegmentTranscoder transcoder) {
        this.transcoder = transcoder;
    }

    @Override
    public List<Output> transcode(byte[] sourceTs, List<VideoProfile> profiles, long durationMillis) throws TranscodeException {
        List<Output> outputs = transcoder.transcode(sourceTs, profiles, durationMillis);
        segments.incrementAndGet();
        return outputs;
    }

    long segments() {
        return segments.get();
    }
}
