package dev.streamflow.core.segment;

import dev.streamflow.core.ingest.IngestException;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.ingest.TimeBase;
import dev.streamflow.core.testing.FilePackets;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared steps of the segmenter tests: run packets through a segmenter, read segments back, compare payloads. */
final class Fixtures {
    static final StreamKey FOO = new StreamKey("live", "foo");
    static final long SECOND = Segment.CLOCK_HZ;

    private Fixtures() {
    }

    /** Everything a run produced: segments, and what the segmenter said it dropped. */
    record Run(List<Segment> segments, long droppedVideo, long droppedAudio) {
    }

    /** Feeds all packets, then {@code finish()}; the clock reads each packet's dts (as ms after the epoch) on arrival. */
    static Run segment(List<MediaPacket> packets, SegmenterSettings settings) throws IngestException {
        ManualClock clock = new ManualClock();
        List<Segment> out = new ArrayList<>();
        try (Segmenter segmenter = new Segmenter(FOO, settings, clock, out::add)) {
            for (MediaPacket p : packets) {
                clock.set(arrival(p));
                segmenter.accept(p);
            }
            segmenter.finish();
            return new Run(out, segmenter.droppedVideoPackets(), segmenter.droppedAudioPackets());
        }
    }

    static Run segment(List<MediaPacket> packets) throws IngestException {
        return segment(packets, SegmenterSettings.DEFAULTS);
    }

    static Instant arrival(MediaPacket p) {
        return Instant.EPOCH.plusMillis(p.timeBase().rescale(p.dts(), TimeBase.MILLIS));
    }

    static long pts90k(MediaPacket p) {
        return p.timeBase().rescale(p.pts(), TimeBase.MPEG_TS);
    }

    static List<MediaPacket> media(List<MediaPacket> packets, Predicate<MediaPacket> which) {
        return packets.stream().filter(p -> !p.config()).filter(which).toList();
    }

    /** Video and audio packets that arrive at or after the first video keyframe: what a segmenter must keep. */
    static List<MediaPacket> fromFirstKeyframe(List<MediaPacket> packets) {
        int first = 0;
        while (!(packets.get(first).isVideo() && packets.get(first).keyframe() && !packets.get(first).config())) {
            first++;
        }
        return packets.subList(first, packets.size()).stream().filter(p -> !p.config()).toList();
    }

    static List<Long> startPts(List<Segment> segments) {
        return segments.stream().map(Segment::startPts).toList();
    }

    /**
     * The coded picture data of a stream: its NAL units except parameter sets (7, 8) and access unit
     * delimiters (9), which the muxer and h264_mp4toannexb add; one list entry per NAL unit.
     */
    static List<ByteBuffer> pictureNals(List<byte[]> nals) {
        List<ByteBuffer> out = new ArrayList<>();
        for (byte[] nal : nals) {
            int type = nal[0] & 0x1f;
            if (type != 7 && type != 8 && type != 9) {
                out.add(ByteBuffer.wrap(nal));
            }
        }
        return out;
    }

    static List<ByteBuffer> sourcePictureNals(List<MediaPacket> video) {
        List<ByteBuffer> out = new ArrayList<>();
        for (MediaPacket p : video) {
            List<byte[]> nals = p.format() == MediaPacket.BitstreamFormat.AVCC
                    ? FilePackets.nalUnitsOfAvcc(p.data()) : FilePackets.nalUnitsOfAnnexB(p.data());
            out.addAll(pictureNals(nals));
        }
        return out;
    }

    static List<ByteBuffer> segmentPictureNals(List<DemuxedSegment> segments) {
        List<ByteBuffer> out = new ArrayList<>();
        for (DemuxedSegment s : segments) {
            for (DemuxedSegment.Packet p : s.video()) {
                out.addAll(pictureNals(FilePackets.nalUnitsOfAnnexB(p.data())));
            }
        }
        return out;
    }

    static List<DemuxedSegment> demux(List<Segment> segments, Path dir) throws Exception {
        List<DemuxedSegment> out = new ArrayList<>();
        for (Segment s : segments) {
            out.add(DemuxedSegment.of(s.ts(), dir));
        }
        return out;
    }

    /** Each segment starts with a keyframe at its startPts and holds the packets it says it holds. */
    static void assertWellFormed(List<Segment> segments, List<DemuxedSegment> demuxed) {
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            DemuxedSegment d = demuxed.get(i);
            assertTrue(d.video().get(0).keyframe(), "segment " + i + " starts with a keyframe");
            assertEquals(s.startPts() & DemuxedSegment.PTS_MASK, d.video().get(0).pts33(), "segment " + i + " first pts");
            assertEquals(s.videoPackets(), d.video().size(), "segment " + i + " video packets");
            assertEquals(s.audioPackets(), d.audio().size(), "segment " + i + " audio packets");
        }
    }

    /** The bundled ffprobe decodes every frame of every segment and prints nothing at -v error. */
    static void assertDecodesCleanly(List<Segment> segments, Path dir) throws Exception {
        for (Segment s : segments) {
            Decode decode = Decode.of(s.ts(), dir);
            assertEquals("", decode.errors(), "decoding segment " + s.sequence());
            assertEquals(s.videoPackets(), decode.frames("video"), "decoded video frames of segment " + s.sequence());
            if (s.audioPackets() > 0) {
                assertEquals(s.audioPackets(), decode.frames("audio"), "decoded audio frames of segment " + s.sequence());
            }
        }
    }

    static MediaPacket shifted(MediaPacket p, long ticks) {
        return new MediaPacket(p.kind(), p.codec(), p.format(), p.config(), p.keyframe(), p.pts() + ticks,
                p.dts() + ticks, p.timeBase(), p.data());
    }
}
