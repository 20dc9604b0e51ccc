package dev.streamflow.core.hls;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.media.MediaFixtures;
import dev.streamflow.core.segment.Segment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A three-rung ladder of real renditions: 28 s openh264 + AAC clips at 640x360, 426x240 and 256x144, each cut
 * into fourteen 2 s MPEG-TS segments at the same key frames, as an engine that keeps source timestamps would
 * return them. The 360p segments double as the source segments; their timing comes from ffprobe.
 */
final class Ladder {
    static final StreamKey STREAM = new StreamKey("live", "demo");
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    static final int SEGMENTS = 14;
    static final int SECONDS = 2 * SEGMENTS;
    static final List<String> NAMES = List.of("360p30", "240p30", "144p30");
    private static final int[][] SIZES = {{640, 360}, {426, 240}, {256, 144}};

    private static Ladder cached;

    private final List<List<byte[]>> segments;
    private final List<Long> starts;
    private final List<Long> durations;

    private Ladder(List<List<byte[]>> segments, List<Long> starts, List<Long> durations) {
        this.segments = segments;
        this.starts = starts;
        this.durations = durations;
    }

    static synchronized Ladder get() throws IOException, InterruptedException {
        if (cached == null) {
            List<List<byte[]>> rungs = new ArrayList<>();
            List<Path> sourceFiles = null;
            for (int[] size : SIZES) {
                List<Path> files = MediaFixtures.segments(TestMedia.Spec.pattern(size[0], size[1], 30, SECONDS));
                if (files.size() != SEGMENTS) {
                    throw new IllegalStateException("expected " + SEGMENTS + " segments, got " + files.size());
                }
                sourceFiles = sourceFiles == null ? files : sourceFiles;
                rungs.add(files.stream().map(MediaFixtures::bytes).toList());
            }
            List<Long> starts = new ArrayList<>();
            List<Long> durations = new ArrayList<>();
            for (Path file : sourceFiles) {
                List<Long> pts = MediaFixtures.packetPts(file, "v:0");
                starts.add(pts.get(0));
                durations.add(pts.size() * 3000L); // 30 fps: the next segment starts one frame after the last
            }
            cached = new Ladder(rungs, starts, durations);
        }
        return cached;
    }

    /** A ladder with these bitrates (kbps) for 360p, 240p and 144p. */
    static List<VideoProfile> profiles(int kbps360, int kbps240, int kbps144) {
        return List.of(new VideoProfile(NAMES.get(0), 640, 360, 30, kbps360),
                new VideoProfile(NAMES.get(1), 426, 240, 30, kbps240),
                new VideoProfile(NAMES.get(2), 256, 144, 30, kbps144));
    }

    /** Source segment {@code index} published as source sequence {@code index}. */
    Segment segment(int index) {
        return segment(index, index, false);
    }

    Segment segment(int index, long sequence, boolean discontinuity) {
        return new Segment(STREAM, sequence, starts.get(index), durations.get(index), ingestedAt(sequence),
                discontinuity, 60, 94, segments.get(0).get(index));
    }

    static Instant ingestedAt(long sequence) {
        return T0.plus(Duration.ofSeconds(2 * sequence));
    }

    long duration(int index) {
        return durations.get(index);
    }

    byte[] ts(int rung, int index) {
        return segments.get(rung).get(index);
    }

    List<Rendition> renditions(List<VideoProfile> ladder, int index) {
        List<Rendition> out = new ArrayList<>();
        for (int rung = 0; rung < ladder.size(); rung++) {
            out.add(rendition(ladder.get(rung), ts(rung, index)));
        }
        return out;
    }

    static Rendition rendition(VideoProfile profile, byte[] ts) {
        return new Rendition(profile, profile.width(), profile.height(), 60, ts);
    }
}
