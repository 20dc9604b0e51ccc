package dev.streamflow.adapter.wowza;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.testing.FilePackets;
import dev.streamflow.core.testing.FlvFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wowza's live packets are FLV tag bodies with a type and a timecode: the tags of a real FLV file, translated,
 * must be the very packets FFmpeg's FLV demuxer finds in it (which the pipeline tests transcode).
 */
class WowzaPacketsTest {

    @Test
    void theTagsOfARealStreamBecomeWhatFfmpegDemuxesFromIt() throws Exception {
        Path flv = TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 4.0));
        List<MediaPacket> translated = new ArrayList<>();
        for (FlvFile.Tag tag : FlvFile.read(flv).tags()) {
            WowzaPackets.translate(tag.type(), tag.timestamp(), tag.body()).ifPresent(translated::add);
        }
        List<MediaPacket> demuxed = FilePackets.read(flv);

        for (Predicate<MediaPacket> kind : List.<Predicate<MediaPacket>>of(MediaPacket::isVideo, MediaPacket::isAudio)) {
            assertSame(only(demuxed, kind.and(MediaPacket::config)), only(translated, kind.and(MediaPacket::config)));
            assertSame(only(demuxed, kind.and(p -> !p.config())), only(translated, kind.and(p -> !p.config())));
        }
        assertTrue(translated.stream().anyMatch(p -> p.isVideo() && p.keyframe() && !p.config()));
    }

    @Test
    void otherCodecsAreNamedSoThePipelineCanSayWhatItRejects() throws Exception {
        MediaPacket vp6 = WowzaPackets.translate(WowzaPackets.VIDEO, 40, new byte[]{0x24, 0, 1, 2}).orElseThrow();
        MediaPacket hevc = WowzaPackets.translate(WowzaPackets.VIDEO, 40,
                new byte[]{(byte) 0x91, 'h', 'v', 'c', '1', 0, 0, 0}).orElseThrow();
        MediaPacket mp3 = WowzaPackets.translate(WowzaPackets.AUDIO, 40, new byte[]{0x2f, 1, 2}).orElseThrow();

        assertEquals("FLV video codec 4 (On2 VP6)", vp6.codec().name());
        assertEquals(BitstreamFormat.OPAQUE, vp6.format());
        assertEquals("Enhanced RTMP video 'hvc1'", hevc.codec().name());
        assertTrue(hevc.keyframe());
        assertEquals("FLV audio codec 2 (MP3)", mp3.codec().name());
    }

    @Test
    void nothingToTranscodeIsSkippedAndBrokenTagsAreNamed() {
        assertTrue(assertDoesNotThrow(() -> WowzaPackets.translate(0x12, 0, new byte[]{2, 0, 10})).isEmpty(), "metadata");
        assertTrue(assertDoesNotThrow(() -> WowzaPackets.translate(WowzaPackets.VIDEO, 0, new byte[]{0x17, 2, 0, 0, 0})).isEmpty(),
                "AVC end of sequence");
        assertTrue(assertDoesNotThrow(() -> WowzaPackets.translate(WowzaPackets.VIDEO, 0, new byte[0])).isEmpty());

        var e = assertThrows(WowzaPacketException.class, () -> WowzaPackets.translate(WowzaPackets.VIDEO, 0, new byte[]{0x17, 1}));
        assertEquals("AVC video tag is 2 bytes, shorter than its 5-byte header", e.getMessage());
    }

    @Test
    void compositionTimeIsSignedAndTheCallersArrayIsNotKept() throws Exception {
        byte[] body = {0x27, 1, (byte) 0xff, (byte) 0xff, (byte) 0xdf, 0, 0, 0, 1, 0x41};
        MediaPacket packet = WowzaPackets.translate(WowzaPackets.VIDEO, 1000, body).orElseThrow();
        body[9] = 0;

        assertEquals(1000 - 33, packet.pts());
        assertEquals(1000, packet.dts());
        assertArrayEquals(new byte[]{0, 0, 0, 1, 0x41}, packet.data());
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> call) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(call);
    }

    private static List<MediaPacket> only(List<MediaPacket> packets, Predicate<MediaPacket> which) {
        return packets.stream().filter(which).toList();
    }

    private static void assertSame(List<MediaPacket> expected, List<MediaPacket> actual) {
        assertEquals(expected.size(), actual.size(), "packet count");
        assertTrue(!expected.isEmpty());
        for (int i = 0; i < expected.size(); i++) {
            MediaPacket e = expected.get(i);
            MediaPacket a = actual.get(i);
            String at = "packet " + i + " (" + e.kind() + ")";
            assertEquals(List.of(e.codec(), e.format(), e.config(), e.keyframe(), e.pts(), e.dts(), e.timeBase()),
                    List.of(a.codec(), a.format(), a.config(), a.keyframe(), a.pts(), a.dts(), a.timeBase()), at);
            assertArrayEquals(e.data(), a.data(), at);
        }
    }
}
