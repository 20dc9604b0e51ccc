package dev.streamflow.core.segment;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Spec;
import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.TimeBase;
import dev.streamflow.core.testing.FilePackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.streamflow.core.segment.Fixtures.assertDecodesCleanly;
import static dev.streamflow.core.segment.Fixtures.media;
import static dev.streamflow.core.segment.Fixtures.segment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test utility that plays files as an RTMP adapter would deliver them, checked against ffprobe. */
class FilePacketsTest {

    @TempDir
    Path tmp;

    @Test
    void readsFlvAsRtmpDeliversIt() throws Exception {
        Path flv = TestMedia.flv(Spec.pattern(320, 180, 30, 4.0));

        List<MediaPacket> packets = FilePackets.read(flv);

        assertConfigsFirst(packets);
        assertEquals(1, packets.get(0).data()[0], "avcC configurationVersion");
        assertTrue(packets.stream().allMatch(p -> p.timeBase().equals(TimeBase.MILLIS)), "FLV time base, like RTMP");
        assertEquals(ffprobePackets(flv), describe(media(packets, p -> true)), "every packet in file order, same size and flags");
        assertFraming(packets);
    }

    @Test
    void readsMpegTsConvertedToAvccAndRawAac() throws Exception {
        Path ts = TestMedia.ts(Spec.pattern(320, 180, 30, 4.0));

        List<MediaPacket> packets = FilePackets.read(ts);

        assertConfigsFirst(packets);
        assertArrayEquals(new byte[]{0x11, (byte) 0x90}, packets.get(1).data(), "AAC LC, 48 kHz, stereo");
        assertTrue(packets.stream().allMatch(p -> p.timeBase().equals(TimeBase.MPEG_TS)));
        List<String> probed = ffprobePackets(ts);
        assertEquals(probed.size(), media(packets, p -> true).size(), "one MediaPacket per packet in the file");
        assertFraming(packets);
        assertDecodesCleanly(segment(packets).segments(), tmp);
    }

    private static void assertConfigsFirst(List<MediaPacket> packets) {
        MediaPacket video = packets.get(0);
        MediaPacket audio = packets.get(1);
        assertTrue(video.config() && video.isVideo() && video.codec().equals(Codec.H264) && video.format() == BitstreamFormat.AVCC);
        assertTrue(audio.config() && audio.isAudio() && audio.codec().equals(Codec.AAC) && audio.format() == BitstreamFormat.AAC_RAW);
        assertTrue(packets.stream().skip(2).noneMatch(MediaPacket::config), "no further configuration");
    }

    /** Video is AVCC all the way through, audio carries no ADTS header. */
    private static void assertFraming(List<MediaPacket> packets) {
        for (MediaPacket p : media(packets, MediaPacket::isVideo)) {
            int total = FilePackets.nalUnitsOfAvcc(p.data()).stream().mapToInt(n -> n.length + 4).sum();
            assertEquals(p.data().length, total, "AVCC lengths cover the packet");
        }
        for (MediaPacket p : media(packets, MediaPacket::isAudio)) {
            assertTrue(p.format() == BitstreamFormat.AAC_RAW && !((p.data()[0] & 0xff) == 0xff && (p.data()[1] & 0xf0) == 0xf0));
        }
    }

    /** "video 54 K 10366" per packet: type, pts in ms, key flag, size. */
    private static List<String> describe(List<MediaPacket> packets) {
        return packets.stream().map(p -> (p.isVideo() ? "video" : "audio") + " " + p.timeBase().rescale(p.pts(), TimeBase.MILLIS)
                + " " + (p.keyframe() ? "K" : "_") + " " + p.data().length).toList();
    }

    private static List<String> ffprobePackets(Path file) throws Exception {
        String out = TestMedia.tools().probe(List.of("-v", "error", "-show_entries", "packet=codec_type,pts_time,flags,size",
                "-of", "csv=p=0", file.toString()));
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(",");
            long ms = Math.round(Double.parseDouble(f[1]) * 1000);
            rows.add(f[0] + " " + ms + " " + (f[3].startsWith("K") ? "K" : "_") + " " + f[2]);
        }
        return rows;
    }
}
