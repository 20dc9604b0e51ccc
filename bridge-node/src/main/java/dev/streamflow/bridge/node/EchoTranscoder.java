package dev.streamflow.bridge.node;

import dev.streamflow.bridge.engine.VideoProfile;

import java.util.List;

/**
 * Benchmark-only stand-in for transcoding (implementation-notes clarification (e)): every "rendition" is the
 * source segment itself, and its pixel count is what the profile would hold over the segment's duration, since
 * nothing is decoded. Lets the broadcaster's own per-segment cost be measured without transcoding on the
 * same cores. Never the default; the node announces it loudly.
 */
public final class EchoTranscoder implements SegmentTranscoder {

    @Override
    public List<Output> transcode(byte[] sourceTs, List<VideoProfile> profiles, long durationMillis) {
        return profiles.stream().map(p -> new Output(sourceTs, estimatedPixels(p, durationMillis))).toList();
    }

    private static long estimatedPixels(VideoProfile profile, long durationMillis) {
        long frames = Math.max(1, Math.round(profile.fps() * durationMillis / 1000.0));
        return (long) profile.width() * profile.height() * frames;
    }
}
