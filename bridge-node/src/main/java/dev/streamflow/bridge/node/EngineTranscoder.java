package dev.streamflow.bridge.node;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;

import java.util.List;

/** Real transcoding with the engine. */
public final class EngineTranscoder implements SegmentTranscoder {
    private final TranscodeEngine engine;

    public EngineTranscoder(TranscodeEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<Output> transcode(byte[] sourceTs, List<VideoProfile> profiles, long durationMillis) throws TranscodeException {
        return engine.transcode(sourceTs, profiles).stream().map(EngineTranscoder::output).toList();
    }

    private static Output output(Rendition rendition) {
        return new Output(rendition.ts(), (long) rendition.width() * rendition.height() * rendition.frames());
    }
}
