package dev.streamflow.core.media;

import dev.streamflow.bridge.testing.TestMedia;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameRateTest {
    private static final long WRAP = 1L << 33;

    @Test
    void fromRealClipsAt30And25AndNtscRates() throws Exception {
        assertEquals(30.0, rate(TestMedia.ts(TestMedia.Spec.pattern(256, 144, 30, 1))), 1e-9);
        assertEquals(25.0, rate(TestMedia.ts(TestMedia.Spec.pattern(256, 144, 25, 1))), 1e-9);

        Path ntsc = MediaFixtures.encode("ntsc-256x144", "256x144", "30000/1001", 1, false, List.of("-b:v", "300k"));
        assertEquals("30000/1001", MediaFixtures.stream(ntsc, "v:0", "r_frame_rate").get("r_frame_rate"));
        assertEquals(30000.0 / 1001, rate(ntsc), 0.001);
    }

    @Test
    void usesPresentationOrderAndIgnoresOutliers() {
        // decode order of an IBBP stream, one frame dropped (a 2-frame step) and one duplicate PTS
        List<Long> pts = List.of(0L, 9000L, 3000L, 6000L, 18000L, 12000L, 15000L, 24000L, 24000L);
        assertEquals(30.0, FrameRate.fromPts(pts).orElseThrow(), 1e-9);
    }

    @Test
    void millisecondTimestampsFromRtmpStillSay30() {
        // 30 fps carried in whole milliseconds, as FLV/RTMP does: 0, 33, 67, 100, ... then times 90
        List<Long> pts = java.util.stream.LongStream.range(0, 60).map(i -> Math.round(i * 1000.0 / 30) * 90).boxed().toList();
        assertEquals(30.0, FrameRate.fromPts(pts).orElseThrow(), 1e-9);
    }

    @Test
    void anUncommonRateIsReportedAsMeasured() {
        List<Long> pts = java.util.stream.LongStream.range(0, 20).map(i -> i * 6000).boxed().toList();
        assertEquals(15.0, FrameRate.fromPts(pts).orElseThrow(), 1e-9);
    }

    @Test
    void unwrapsAt2To33() {
        List<Long> pts = List.of(WRAP - 3600, WRAP - 1800, 0L, 1800L, 3600L);
        assertEquals(50.0, FrameRate.fromPts(pts).orElseThrow(), 1e-9);
    }

    @Test
    void needsTwoDistinctTimestamps() {
        assertTrue(FrameRate.fromPts(List.of()).isEmpty());
        assertTrue(FrameRate.fromPts(List.of(5L)).isEmpty());
        assertTrue(FrameRate.fromPts(List.of(5L, 5L)).isEmpty());
    }

    private static double rate(Path clip) {
        return TsProbe.probe(MediaFixtures.bytes(clip)).frameRate().orElseThrow();
    }
}
