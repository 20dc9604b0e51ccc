package dev.streamflow.core.segment;

import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.testing.FilePackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The segmenter's output fed straight into the engine, on a clip that starts 3 s before the 33-bit MPEG-TS
 * timestamp wrap: the first segment ends just before the wrap, the second spans it, the rest follow it.
 */
class SegmentThenTranscodeAcrossWrapTest {
    private static final long WRAP = 1L << 33;
    private static final List<VideoProfile> LADDER = List.of(new VideoProfile("240p", 426, 240, 30, 400));

    @TempDir
    Path tmp;

    @Test
    void everySegmentTranscodesWithItsTimestampsAndAudio() throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(TestMedia.Spec.pattern(426, 240, 30, 8.0)
                .startingAt(WRAP / 90000.0 - 3)));
        List<Segment> segments = new ArrayList<>();
        try (Segmenter segmenter = new Segmenter(new StreamKey("live", "wrap"), SegmenterSettings.DEFAULTS,
                Clock.systemUTC(), segments::add)) {
            for (MediaPacket packet : packets) {
                segmenter.accept(packet);
            }
            segmenter.finish();
        }
        assertEquals(4, segments.size(), "an 8 s clip in 2 s segments");
        assertTrue(segments.stream().anyMatch(s -> s.startPts() < WRAP && s.startPts() + s.duration() > WRAP),
                "one segment spans the wrap: " + segments.stream().map(Segment::startPts).toList());

        TranscodeEngine engine = new TranscodeEngine(EncoderChoice.detect());
        for (Segment segment : segments) {
            String which = "segment " + segment.sequence() + " (startPts " + segment.startPts() + ")";
            List<Rendition> renditions;
            try {
                renditions = engine.transcode(segment.ts(), LADDER);
            } catch (Exception e) {
                fail(which + " does not transcode: " + e.getMessage(), e);
                return;
            }
            DemuxedSegment source = DemuxedSegment.of(segment.ts(), tmp);
            assertFalse(source.audio().isEmpty(), which + ": the source segment has audio");
            for (Rendition rendition : renditions) {
                String what = which + ", " + rendition.profile().name();
                DemuxedSegment out = DemuxedSegment.of(rendition.ts(), tmp);
                assertEquals(segment.videoPackets(), rendition.frames(), what + ": frames");
                assertEquals(Math.floorMod(segment.startPts(), WRAP), firstPts33(out.video()), what + ": first video pts");
                assertFalse(out.audio().isEmpty(), what + ": no audio");
                assertEquals(segment.audioPackets(), out.audio().size(), what + ": every audio packet is copied");
                assertEquals(firstPts33(source.audio()), firstPts33(out.audio()), what + ": first audio pts");
            }
        }
    }

    /** The earliest presentation time, modulo 2^33; the demuxer's own unwrapping keeps a file's pts ordered. */
    private static long firstPts33(List<DemuxedSegment.Packet> packets) {
        long first = packets.stream().mapToLong(DemuxedSegment.Packet::pts).min().orElseThrow();
        return Math.floorMod(first, WRAP);
    }
}
