package dev.streamflow.core.segment;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Spec;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.segment.Fixtures.Run;
import dev.streamflow.core.testing.FilePackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static dev.streamflow.core.segment.Fixtures.SECOND;
import static dev.streamflow.core.segment.Fixtures.assertDecodesCleanly;
import static dev.streamflow.core.segment.Fixtures.assertWellFormed;
import static dev.streamflow.core.segment.Fixtures.demux;
import static dev.streamflow.core.segment.Fixtures.fromFirstKeyframe;
import static dev.streamflow.core.segment.Fixtures.media;
import static dev.streamflow.core.segment.Fixtures.pts90k;
import static dev.streamflow.core.segment.Fixtures.segment;
import static dev.streamflow.core.segment.Fixtures.segmentPictureNals;
import static dev.streamflow.core.segment.Fixtures.shifted;
import static dev.streamflow.core.segment.Fixtures.sourcePictureNals;
import static dev.streamflow.core.segment.Fixtures.startPts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The segmenter on real clips made by the bundled ffmpeg, read back by raw avformat and decoded by ffprobe. */
class SegmenterTest {
    private static final long FRAME_30FPS = SECOND / 30;

    @TempDir
    Path tmp;

    @Test
    void cutsARealStreamAtItsKeyframesAndKeepsEveryPacketAndTimestamp() throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(Spec.pattern(640, 360, 30, 10.0)));
        List<MediaPacket> kept = fromFirstKeyframe(packets);
        List<MediaPacket> keyframes = media(packets, p -> p.isVideo() && p.keyframe());

        Run run = segment(packets);
        List<Segment> segments = run.segments();
        List<DemuxedSegment> demuxed = demux(segments, tmp);

        assertEquals(keyframes.stream().map(Fixtures::pts90k).toList(), startPts(segments),
                "one segment per 2 s keyframe, starting at the keyframe's pts in 90 kHz");
        assertEquals(IntStream.range(0, segments.size()).mapToObj(i -> (long) i).toList(),
                segments.stream().map(Segment::sequence).toList());
        assertTrue(segments.stream().noneMatch(Segment::discontinuity));
        assertEquals(keyframes.stream().map(Fixtures::arrival).toList(),
                segments.stream().map(Segment::ingestedAt).toList(), "ingestedAt = arrival of the segment's keyframe");
        assertDurations(segments, 2 * SECOND, lastVideoPts(packets));
        assertWellFormed(segments, demuxed);

        assertEquals(0, run.droppedVideo());
        assertEquals(packets.stream().filter(p -> !p.config()).count() - kept.size(), run.droppedAudio(),
                "only the audio ahead of the first keyframe is dropped");
        assertEquals(media(kept, MediaPacket::isVideo).size(), sum(segments, Segment::videoPackets));
        assertEquals(media(kept, MediaPacket::isAudio).size(), sum(segments, Segment::audioPackets));

        assertVideoTimestampsKept(media(kept, MediaPacket::isVideo), demuxed);
        assertFirstAudioTimestampsKept(segments, demuxed, kept);
        assertVideoPayloadKept(packets, media(kept, MediaPacket::isVideo), demuxed);
        assertAudioPayloadKept(media(kept, MediaPacket::isAudio), demuxed);
        assertDecodesCleanly(segments, tmp);
    }

    @ParameterizedTest(name = "keyframes every {0} s, target 2 s: segments start at {1} s")
    @CsvSource({"3, 0 3 6 9", "1, 0 2 4 6 8"})
    void startsASegmentAtTheFirstKeyframeAtOrAfterTheTarget(double keyframeSeconds, String starts) throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(
                Spec.pattern(320, 180, 30, 10.0).withKeyframeSeconds(keyframeSeconds).withoutAudio()));
        long first = pts90k(media(packets, MediaPacket::isVideo).get(0));

        List<Segment> segments = segment(packets).segments();

        List<Long> expected = Arrays.stream(starts.split(" ")).map(s -> first + Long.parseLong(s) * SECOND).toList();
        assertEquals(expected, startPts(segments));
        for (int i = 0; i + 1 < segments.size(); i++) {
            assertEquals(expected.get(i + 1) - expected.get(i), segments.get(i).duration(), "duration of segment " + i);
        }
        assertWellFormed(segments, demux(segments, tmp));
    }

    @Test
    void finishPublishesThePartialSegment() throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(Spec.pattern(640, 360, 30, 10.0)));
        long first = pts90k(media(packets, MediaPacket::isVideo).get(0));
        List<MediaPacket> firstPart = packets.stream().filter(p -> p.config() || pts90k(p) < first + 3 * SECOND + SECOND / 2)
                .toList();
        long lastPts = media(firstPart, MediaPacket::isVideo).stream().mapToLong(Fixtures::pts90k).max().orElseThrow();

        List<Segment> segments = segment(firstPart).segments();

        assertEquals(List.of(first, first + 2 * SECOND), startPts(segments));
        Segment partial = segments.get(1);
        assertEquals(45, partial.videoPackets(), "frames from 2 s to 3.5 s");
        assertEquals(lastPts - partial.startPts() + FRAME_30FPS, partial.duration(), 40.0,
                "to the end of the last frame (one frame estimated from the pts deltas; RTMP ms rounding)");
        assertWellFormed(segments, demux(segments, tmp));
        assertDecodesCleanly(segments, tmp);
    }

    @ParameterizedTest(name = "the publisher restarts with timestamps shifted by {0} ms")
    @ValueSource(longs = {-5000, 60_000})
    void marksTheSegmentAfterATimestampBreakAsADiscontinuity(long shiftMillis) throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(Spec.pattern(320, 180, 30, 10.0)));
        long first = pts90k(media(packets, MediaPacket::isVideo).get(0));
        List<MediaPacket> fed = new ArrayList<>(packets.stream().filter(p -> p.config() || p.dts() < 5000).toList());
        packets.forEach(p -> fed.add(shifted(p, 5000 + shiftMillis)));
        long restart = first + (5000 + shiftMillis) * 90;

        List<Segment> segments = segment(fed).segments();

        assertEquals(List.of(first, first + 2 * SECOND, first + 4 * SECOND, restart, restart + 2 * SECOND,
                restart + 4 * SECOND, restart + 6 * SECOND, restart + 8 * SECOND), startPts(segments));
        assertEquals(List.of(false, false, false, true, false, false, false, false),
                segments.stream().map(Segment::discontinuity).toList());
        assertEquals(SECOND, segments.get(2).duration(), FRAME_30FPS, "the segment cut short by the break ends at its last frame");
        assertWellFormed(segments, demux(segments, tmp));
        assertDecodesCleanly(segments, tmp);
    }

    @Test
    void newParameterSetsStartADiscontinuousSegmentThatCarriesThem() throws Exception {
        List<MediaPacket> before = FilePackets.read(TestMedia.flv(Spec.pattern(320, 180, 30, 4.0)));
        List<MediaPacket> after = FilePackets.read(TestMedia.flv(Spec.pattern(256, 144, 30, 4.0)));
        List<MediaPacket> fed = new ArrayList<>(before);
        after.forEach(p -> fed.add(shifted(p, 4000)));

        List<Segment> segments = segment(fed).segments();
        List<DemuxedSegment> demuxed = demux(segments, tmp);

        assertEquals(List.of(false, false, true, false), segments.stream().map(Segment::discontinuity).toList());
        assertEquals(List.of(320, 320, 256, 256), demuxed.stream().map(DemuxedSegment::width).toList());
        byte[] newSps = FilePackets.parameterSetsOfAvcc(after.get(0).data()).get(0);
        assertTrue(containsNal(demuxed.get(2).video().get(0).data(), newSps), "the first new segment carries the new SPS");
        assertWellFormed(segments, demuxed);
        assertDecodesCleanly(segments, tmp);
    }

    @Test
    void keepsUnwrappedTimestampsAcrossTheThirtyThreeBitWrap() throws Exception {
        double wrapSeconds = (1L << 33) / (double) Segment.CLOCK_HZ;
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(Spec.pattern(320, 180, 30, 14.0)
                .startingAt(wrapSeconds - 10)));
        List<MediaPacket> video = media(packets, MediaPacket::isVideo);

        List<Segment> segments = segment(packets).segments();
        List<DemuxedSegment> demuxed = demux(segments, tmp);

        assertEquals(media(packets, p -> p.isVideo() && p.keyframe()).stream().map(Fixtures::pts90k).toList(),
                startPts(segments));
        for (int i = 1; i < segments.size(); i++) {
            assertTrue(segments.get(i).startPts() > segments.get(i - 1).startPts(), "startPts increase at " + i);
        }
        assertTrue(segments.get(0).startPts() < 1L << 33 && segments.get(segments.size() - 1).startPts() > 1L << 33,
                "the clip crosses the wrap");
        assertTrue(segments.stream().anyMatch(s -> s.startPts() < 1L << 33 && s.startPts() + s.duration() > 1L << 33),
                "one segment spans the wrap");
        assertDurations(segments, 2 * SECOND, lastVideoPts(packets));
        assertWellFormed(segments, demuxed);
        assertVideoTimestampsKept(video, demuxed);
        assertDecodesCleanly(segments, tmp);
    }

    @Test
    void segmentsAnnexBVideoAndAdtsAudioLikeAvccAndRawAac() throws Exception {
        List<MediaPacket> avcc = FilePackets.read(TestMedia.flv(Spec.pattern(320, 180, 30, 6.0)));
        List<MediaPacket> annexB = FilePackets.toAnnexB(avcc);

        List<Segment> reference = segment(avcc).segments();
        List<Segment> segments = segment(annexB).segments();
        List<DemuxedSegment> demuxed = demux(segments, tmp);

        assertEquals(startPts(reference), startPts(segments));
        assertEquals(reference.stream().map(Segment::videoPackets).toList(), segments.stream().map(Segment::videoPackets).toList());
        assertEquals(reference.stream().map(Segment::audioPackets).toList(), segments.stream().map(Segment::audioPackets).toList());
        assertWellFormed(segments, demuxed);
        assertEquals(sourcePictureNals(media(fromFirstKeyframe(annexB), MediaPacket::isVideo)), segmentPictureNals(demuxed));
        assertDecodesCleanly(segments, tmp);
    }

    /** Every cut segment lasts until the next one starts, about the target; the last one ends after its last frame. */
    private static void assertDurations(List<Segment> segments, long target, long lastVideoPts) {
        for (int i = 0; i + 1 < segments.size(); i++) {
            Segment s = segments.get(i);
            assertEquals(segments.get(i + 1).startPts() - s.startPts(), s.duration(), "segment " + i + " ends where the next starts");
            assertEquals(target, s.duration(), FRAME_30FPS, "segment " + i + " is 2 s ± one frame");
        }
        Segment last = segments.get(segments.size() - 1);
        assertEquals(lastVideoPts - last.startPts() + FRAME_30FPS, last.duration(), 40.0, "the last segment ends after its last frame");
        assertTrue(last.duration() <= target + FRAME_30FPS, "the last segment is not longer than the target");
    }

    /** Every video packet's pts survives, in order (compared modulo 2^33, as MPEG-TS writes it). */
    private static void assertVideoTimestampsKept(List<MediaPacket> sourceVideo, List<DemuxedSegment> demuxed) {
        List<Long> expected = sourceVideo.stream().map(p -> pts90k(p) & DemuxedSegment.PTS_MASK).toList();
        List<Long> actual = demuxed.stream().flatMap(d -> d.video().stream()).map(DemuxedSegment.Packet::pts33).toList();
        assertEquals(expected, actual);
    }

    /** The muxer may merge audio frames into one PES (later frames' pts are then interpolated), so only the first is exact. */
    private static void assertFirstAudioTimestampsKept(List<Segment> segments, List<DemuxedSegment> demuxed,
                                                       List<MediaPacket> kept) {
        List<MediaPacket> audio = media(kept, MediaPacket::isAudio);
        int index = 0;
        for (int i = 0; i < segments.size(); i++) {
            assertEquals(pts90k(audio.get(index)) & DemuxedSegment.PTS_MASK, demuxed.get(i).audio().get(0).pts33(),
                    "first audio pts of segment " + i);
            index += segments.get(i).audioPackets();
        }
    }

    /**
     * AVCC → Annex B changes the framing (length prefixes become start codes) and the muxer adds access unit
     * delimiters and repeats SPS/PPS before keyframes. So: the coded picture NAL units (everything except types
     * 7, 8, 9) must come out byte for byte and in order, and every SPS/PPS that comes out must be the source's.
     */
    private static void assertVideoPayloadKept(List<MediaPacket> packets, List<MediaPacket> sourceVideo,
                                               List<DemuxedSegment> demuxed) {
        List<ByteBuffer> expected = sourcePictureNals(sourceVideo);
        List<ByteBuffer> actual = segmentPictureNals(demuxed);
        assertEquals(expected.size(), actual.size(), "picture NAL units");
        assertEquals(expected.stream().mapToLong(ByteBuffer::remaining).sum(),
                actual.stream().mapToLong(ByteBuffer::remaining).sum(), "picture payload bytes");
        assertEquals(expected, actual, "picture NAL units byte for byte");

        List<ByteBuffer> sourceParameterSets = FilePackets.parameterSetsOfAvcc(packets.get(0).data()).stream()
                .map(ByteBuffer::wrap).toList();
        for (DemuxedSegment d : demuxed) {
            for (DemuxedSegment.Packet p : d.video()) {
                FilePackets.nalUnitsOfAnnexB(p.data()).stream().filter(n -> (n[0] & 0x1f) == 7 || (n[0] & 0x1f) == 8)
                        .forEach(n -> assertTrue(sourceParameterSets.contains(ByteBuffer.wrap(n)), "SPS/PPS from the source"));
            }
            assertTrue(containsNal(d.video().get(0).data(), FilePackets.parameterSetsOfAvcc(packets.get(0).data()).get(0)),
                    "each segment's first keyframe carries the SPS");
        }
    }

    /** The muxer writes ADTS from the AudioSpecificConfig: each frame is the raw AAC frame behind a 7-byte ADTS header. */
    private static void assertAudioPayloadKept(List<MediaPacket> sourceAudio, List<DemuxedSegment> demuxed) {
        List<DemuxedSegment.Packet> out = demuxed.stream().flatMap(d -> d.audio().stream()).toList();
        assertEquals(sourceAudio.size(), out.size());
        for (int i = 0; i < out.size(); i++) {
            byte[] adts = out.get(i).data();
            assertTrue((adts[0] & 0xff) == 0xff && (adts[1] & 0xf6) == 0xf0, "ADTS sync word, MPEG-4, layer 0 at frame " + i);
            int headerLength = (adts[1] & 1) == 1 ? 7 : 9;
            assertEquals(adts.length, ((adts[3] & 3) << 11) | ((adts[4] & 0xff) << 3) | ((adts[5] & 0xff) >> 5),
                    "ADTS frame length at frame " + i);
            assertArrayEquals(sourceAudio.get(i).data(), Arrays.copyOfRange(adts, headerLength, adts.length),
                    "raw AAC frame " + i);
        }
    }

    private static boolean containsNal(byte[] annexB, byte[] nal) {
        return FilePackets.nalUnitsOfAnnexB(annexB).stream().anyMatch(n -> Arrays.equals(n, nal));
    }

    private static long lastVideoPts(List<MediaPacket> packets) {
        return media(packets, MediaPacket::isVideo).stream().mapToLong(Fixtures::pts90k).max().orElseThrow();
    }

    private static int sum(List<Segment> segments, java.util.function.ToIntFunction<Segment> count) {
        return segments.stream().mapToInt(count).sum();
    }
}
