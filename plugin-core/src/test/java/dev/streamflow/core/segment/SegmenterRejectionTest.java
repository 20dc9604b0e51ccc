package dev.streamflow.core.segment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Spec;
import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.IngestException;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.MediaPacket.Kind;
import dev.streamflow.core.ingest.TimeBase;
import dev.streamflow.core.segment.Fixtures.Run;
import dev.streamflow.core.testing.FilePackets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static dev.streamflow.core.segment.Fixtures.FOO;
import static dev.streamflow.core.segment.Fixtures.SECOND;
import static dev.streamflow.core.segment.Fixtures.assertDecodesCleanly;
import static dev.streamflow.core.segment.Fixtures.assertWellFormed;
import static dev.streamflow.core.segment.Fixtures.demux;
import static dev.streamflow.core.segment.Fixtures.media;
import static dev.streamflow.core.segment.Fixtures.pts90k;
import static dev.streamflow.core.segment.Fixtures.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the segmenter refuses or drops, and what it tells the admin about it. */
class SegmenterRejectionTest {
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger segmenterLog = (Logger) LoggerFactory.getLogger(Segmenter.class);
    private final List<Segment> published = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeEach
    void captureLogs() {
        logs.start();
        segmenterLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        segmenterLog.detachAppender(logs);
    }

    @Test
    void rejectsAStreamWithoutAKeyframeForMaxDuration() throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(Spec.pattern(320, 180, 30, 12.0)
                .withKeyframeSeconds(12).withoutAudio()));
        long start = pts90k(media(packets, MediaPacket::isVideo).get(0));
        Segmenter segmenter = newSegmenter();

        MediaPacket culprit = null;
        IngestException e = null;
        for (MediaPacket p : packets) {
            try {
                segmenter.accept(p);
            } catch (IngestException thrown) {
                culprit = p;
                e = thrown;
                break;
            }
        }

        assertTrue(e != null, "the stream was rejected");
        assertEquals("no keyframe for 10.0 s on live/foo; set the encoder's keyframe interval to 2 s", e.getMessage());
        long at = pts90k(culprit) - start;
        assertTrue(at > 10 * SECOND && at <= 10 * SECOND + SECOND / 30 + 90, "rejected at the first frame past 10 s, not " + at);
        assertEquals(List.of(), published, "nothing is published from the rejected stream");
        MediaPacket next = culprit;
        assertThrows(IllegalStateException.class, () -> segmenter.accept(next), "a rejected stream takes no more packets");
        segmenter.close();
    }

    @Test
    void rejectsVideoThatIsNotH264ByName() {
        Segmenter segmenter = newSegmenter();
        MediaPacket hevc = new MediaPacket(Kind.VIDEO, new Codec("HEVC"), BitstreamFormat.OPAQUE, false, true, 0, 0,
                TimeBase.MILLIS, new byte[]{0, 0, 0, 1, 0x40, 1});

        IngestException e = assertThrows(IngestException.class, () -> segmenter.accept(hevc));

        assertEquals("live/foo: video codec HEVC is not supported; Streamflow transcodes H.264 (AVC) video", e.getMessage());
        segmenter.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "SPS length past the end, 0164001fffe17fff6764001f, Invalid data found when processing input",
            "too short for FFmpeg, 016400, Invalid data found when processing input",
            "Annex B bytes labelled avcC, 000000016764001fac, not an AVCDecoderConfigurationRecord",
            "no PPS, 0164001fffe100046764001f00, not an AVCDecoderConfigurationRecord"})
    void rejectsAGarbageAvccWithFfmpegsReason(String what, String hex, String reason) {
        Segmenter segmenter = newSegmenter();
        MediaPacket config = new MediaPacket(Kind.VIDEO, Codec.H264, BitstreamFormat.AVCC, true, false, 0, 0,
                TimeBase.MILLIS, HexFormat.of().parseHex(hex));

        IngestException e = assertThrows(IngestException.class, () -> segmenter.accept(config));

        assertTrue(e.getMessage().startsWith("live/foo: the H.264 configuration from the publisher"), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        segmenter.close();
    }

    @Test
    void rejectsAGarbageAudioSpecificConfig() {
        Segmenter segmenter = newSegmenter();
        MediaPacket config = new MediaPacket(Kind.AUDIO, Codec.AAC, BitstreamFormat.AAC_RAW, true, false, 0, 0,
                TimeBase.MILLIS, new byte[]{0x07, (byte) 0x80}); // object type 0, frequency index 15 with no rate

        IngestException e = assertThrows(IngestException.class, () -> segmenter.accept(config));

        assertTrue(e.getMessage().startsWith("live/foo: the AAC configuration"), e.getMessage());
        segmenter.close();
    }

    @Test
    void dropsAudioThatIsNotAacAndKeepsTheVideo() throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(Spec.pattern(320, 180, 30, 6.0)));
        List<MediaPacket> mp3 = packets.stream().map(p -> p.isAudio()
                ? new MediaPacket(p.kind(), new Codec("MP3"), BitstreamFormat.OPAQUE, p.config(), p.keyframe(), p.pts(),
                p.dts(), p.timeBase(), p.data())
                : p).toList();

        Run run = segment(mp3);

        assertEquals(media(packets, MediaPacket::isVideo).size(), run.segments().stream().mapToInt(Segment::videoPackets).sum());
        assertTrue(run.segments().stream().allMatch(s -> s.audioPackets() == 0));
        assertEquals(mp3.stream().filter(MediaPacket::isAudio).count(), run.droppedAudio());
        List<DemuxedSegment> demuxed = demux(run.segments(), tmp);
        assertTrue(demuxed.stream().allMatch(d -> d.audio().isEmpty()), "no audio stream in the segments");
        assertWellFormed(run.segments(), demuxed);
        List<ILoggingEvent> warnings = logs.list.stream().filter(l -> l.getLevel() == Level.WARN).toList();
        assertEquals(1, warnings.size(), "one warning for the stream");
        assertTrue(warnings.get(0).getFormattedMessage().contains("live/foo: audio codec MP3 is not supported"),
                warnings.get(0).getFormattedMessage());
    }

    @Test
    void dropsWhatArrivesBeforeTheFirstKeyframeAndSaysSoOnce() throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(Spec.pattern(320, 180, 30, 6.0)));
        List<MediaPacket> joinedLate = packets.stream().filter(p -> p.config() || p.dts() >= 1000).toList();
        int firstKey = indexOfFirstKeyframe(joinedLate);
        long videoBefore = joinedLate.subList(0, firstKey).stream().filter(p -> p.isVideo() && !p.config()).count();
        long audioBefore = joinedLate.subList(0, firstKey).stream().filter(p -> p.isAudio() && !p.config()).count();

        Run run = segment(joinedLate);

        assertEquals(30, videoBefore, "the clip starts a second into a 2 s GOP");
        assertEquals(videoBefore, run.droppedVideo());
        assertEquals(audioBefore, run.droppedAudio());
        assertEquals(pts90k(joinedLate.get(firstKey)), run.segments().get(0).startPts());
        List<String> info = logs.list.stream().filter(l -> l.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of("live/foo: segmenting from the keyframe at 2.021 s; dropped " + videoBefore + " video and "
                + audioBefore + " audio packets before it"), info);
        assertDecodesCleanly(run.segments(), tmp);
    }

    @Test
    void rejectsAPacketOver16MiB() {
        Segmenter segmenter = newSegmenter();
        MediaPacket huge = new MediaPacket(Kind.VIDEO, Codec.H264, BitstreamFormat.AVCC, false, true, 0, 0,
                TimeBase.MILLIS, new byte[(16 << 20) + 1]);

        IngestException e = assertThrows(IngestException.class, () -> segmenter.accept(huge));

        assertEquals("live/foo: a video packet of 16,777,217 bytes is over the 16 MiB limit", e.getMessage());
        segmenter.close();
    }

    @Test
    void rejectsASegmentOver64MiB() throws Exception {
        List<MediaPacket> packets = FilePackets.read(TestMedia.flv(Spec.pattern(320, 180, 30, 2.0).withoutAudio()));
        MediaPacket keyframe = media(packets, MediaPacket::isVideo).get(0);
        Segmenter segmenter = newSegmenter();
        segmenter.accept(packets.get(0));
        segmenter.accept(keyframe);

        IngestException e = null;
        int sent = 0;
        for (long ms = keyframe.dts() + 33; e == null && sent < 20; ms += 33, sent++) {
            try {
                segmenter.accept(bigSlice(ms));
            } catch (IngestException thrown) {
                e = thrown;
            }
        }

        assertTrue(e != null, "the segment was refused");
        assertEquals(8, sent, "at the 8th 8 MiB frame");
        long expected = keyframe.data().length + 8L * bigSlice(0).data().length;
        assertEquals(String.format("live/foo: segment 0 would grow to %,d bytes, over the 64 MiB limit; "
                + "lower the bitrate or the keyframe interval", expected), e.getMessage());
        segmenter.close();
    }

    @Test
    void settingsMustBePositiveWithMaxAboveTarget() {
        assertEquals(new SegmenterSettings(Duration.ofSeconds(2), Duration.ofSeconds(10)), SegmenterSettings.DEFAULTS);
        assertThrows(IllegalArgumentException.class, () -> new SegmenterSettings(Duration.ZERO, Duration.ofSeconds(10)));
        assertThrows(IllegalArgumentException.class, () -> new SegmenterSettings(Duration.ofSeconds(-1), Duration.ofSeconds(10)));
        assertThrows(IllegalArgumentException.class, () -> new SegmenterSettings(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThrows(NullPointerException.class, () -> new SegmenterSettings(null, Duration.ofSeconds(2)));
    }

    /** A well-formed 8 MiB non-IDR slice NAL unit in AVCC framing: muxed without complaint, just big. */
    private static MediaPacket bigSlice(long ms) {
        byte[] data = new byte[8 << 20];
        Arrays.fill(data, (byte) 0x55);
        int nalLength = data.length - 4;
        data[0] = (byte) (nalLength >>> 24);
        data[1] = (byte) (nalLength >> 16);
        data[2] = (byte) (nalLength >> 8);
        data[3] = (byte) nalLength;
        data[4] = 0x41;
        return new MediaPacket(Kind.VIDEO, Codec.H264, BitstreamFormat.AVCC, false, false, ms, ms, TimeBase.MILLIS, data);
    }

    private static int indexOfFirstKeyframe(List<MediaPacket> packets) {
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).isVideo() && packets.get(i).keyframe() && !packets.get(i).config()) {
                return i;
            }
        }
        throw new AssertionError("no keyframe");
    }

    private Segmenter newSegmenter() {
        return new Segmenter(FOO, SegmenterSettings.DEFAULTS, Clock.systemUTC(), published::add);
    }
}
