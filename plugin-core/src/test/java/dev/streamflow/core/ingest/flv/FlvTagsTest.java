package dev.streamflow.core.ingest.flv;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.TimeBase;
import dev.streamflow.core.testing.FlvFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlvTagsTest {
    private static FlvFile clip;

    @BeforeAll
    static void makeClip() throws Exception {
        clip = FlvFile.read(TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 6.0)));
    }

    @Test
    void firstVideoTagIsTheAvcSequenceHeader() throws Exception {
        FlvFile.Tag first = clip.ofType(FlvTags.VIDEO).get(0);
        MediaPacket p = parse(first).orElseThrow();

        assertTrue(p.config());
        assertTrue(p.isVideo());
        assertEquals(Codec.H264, p.codec());
        assertEquals(BitstreamFormat.AVCC, p.format());
        assertEquals(TimeBase.MILLIS, p.timeBase());
        assertEquals(1, p.data()[0], "avcC configurationVersion");
        assertEquals(first.body().length - 5, p.data().length);
        assertArrayEquals(Arrays.copyOfRange(first.body(), 5, first.body().length), p.data());
        assertEquals(0x03, p.data()[4] & 0x03, "4-byte NAL unit lengths (lengthSizeMinusOne = 3)");
    }

    @Test
    void videoPacketsMatchWhatFfprobeReads() throws Exception {
        List<MediaPacket> video = mediaPackets(FlvTags.VIDEO);
        List<String[]> probed = probe("v");

        assertEquals(probed.size(), video.size(), "one packet per video frame");
        for (int i = 0; i < video.size(); i++) {
            MediaPacket p = video.get(i);
            String[] expected = probed.get(i);
            assertEquals(Long.parseLong(expected[0]), p.pts(), "pts of frame " + i);
            assertEquals(Long.parseLong(expected[1]), p.dts(), "dts of frame " + i);
            assertEquals(Integer.parseInt(expected[2]), p.data().length, "size of frame " + i);
            assertEquals(expected[3].startsWith("K"), p.keyframe(), "keyframe flag of frame " + i);
        }
        // 6 s at a keyframe every 2 s
        assertEquals(3, video.stream().filter(MediaPacket::keyframe).count());
        assertTrue(video.get(0).keyframe());
    }

    @Test
    void endOfSequenceTagCarriesNothing() throws Exception {
        List<FlvFile.Tag> tags = clip.ofType(FlvTags.VIDEO);
        FlvFile.Tag last = tags.get(tags.size() - 1);
        assertEquals(2, last.body()[1], "ffmpeg ends an FLV with an AVC end-of-sequence tag");

        assertEquals(Optional.empty(), parse(last));
    }

    @Test
    void compositionTimeIsSignedAndAddedToTheDecodeTime() throws Exception {
        byte[] body = clip.ofType(FlvTags.VIDEO).get(2).body().clone();
        setCompositionTime(body, 66);
        assertEquals(1066, FlvTags.parse(FlvTags.VIDEO, 1000, body).orElseThrow().pts());
        setCompositionTime(body, -33);
        MediaPacket p = FlvTags.parse(FlvTags.VIDEO, 1000, body).orElseThrow();
        assertEquals(967, p.pts());
        assertEquals(1000, p.dts());
    }

    @Test
    void timestampsAreUnsigned32Bit() throws Exception {
        byte[] body = clip.ofType(FlvTags.VIDEO).get(1).body();
        long beyondIntMax = 0xFFFF_FFF0L;
        assertEquals(beyondIntMax, FlvTags.parse(FlvTags.VIDEO, beyondIntMax, body).orElseThrow().dts());
    }

    @Test
    void firstAudioTagIsTheAudioSpecificConfig() throws Exception {
        MediaPacket p = parse(clip.ofType(FlvTags.AUDIO).get(0)).orElseThrow();

        assertTrue(p.config());
        assertTrue(p.isAudio());
        assertEquals(Codec.AAC, p.codec());
        assertEquals(BitstreamFormat.AAC_RAW, p.format());
        int objectType = (p.data()[0] & 0xff) >> 3;
        int sampleRateIndex = (p.data()[0] & 0x07) << 1 | (p.data()[1] & 0xff) >> 7;
        int channels = (p.data()[1] >> 3) & 0x0f;
        assertEquals(2, objectType, "AAC LC");
        assertEquals(3, sampleRateIndex, "48 kHz");
        assertEquals(2, channels);
    }

    @Test
    void rawAacFramesMatchWhatFfprobeReads() throws Exception {
        List<MediaPacket> audio = mediaPackets(FlvTags.AUDIO);
        List<String[]> probed = probe("a");

        assertEquals(probed.size(), audio.size());
        for (int i = 0; i < audio.size(); i++) {
            assertEquals(Long.parseLong(probed.get(i)[1]), audio.get(i).dts(), "dts of AAC frame " + i);
            assertEquals(Integer.parseInt(probed.get(i)[2]), audio.get(i).data().length, "size of AAC frame " + i);
            assertFalse(audio.get(i).config());
        }
    }

    @Test
    void otherVideoCodecsAndAudioFormatsAreCarriedByName() throws Exception {
        FlvFile legacy = encode("sorenson_mp3.flv", "-c:v", "flv1", "-c:a", "libmp3lame", "-ar", "44100");
        MediaPacket video = parse(legacy.ofType(FlvTags.VIDEO).get(0)).orElseThrow();
        MediaPacket audio = parse(legacy.ofType(FlvTags.AUDIO).get(0)).orElseThrow();

        assertEquals(new Codec("FLV video codec 2 (Sorenson H.263)"), video.codec());
        assertEquals(BitstreamFormat.OPAQUE, video.format());
        assertEquals(new Codec("FLV audio codec 2 (MP3)"), audio.codec());
        assertEquals(BitstreamFormat.OPAQUE, audio.format());
    }

    @Test
    void enhancedRtmpVideoIsRejectedByItsFourCc() throws Exception {
        FlvFile vp9 = encode("vp9.flv", "-c:v", "libvpx-vp9", "-an");
        FlvFile.Tag first = vp9.ofType(FlvTags.VIDEO).get(0);
        assertTrue((first.body()[0] & 0x80) != 0, "ffmpeg writes VP9 as Enhanced RTMP (ex-header bit)");

        MediaPacket p = parse(first).orElseThrow();
        assertEquals(new Codec("Enhanced RTMP video 'vp09'"), p.codec());
        assertEquals(BitstreamFormat.OPAQUE, p.format());
    }

    @Test
    void truncatedTagsFailNamingTheProblem() {
        byte[] video = Arrays.copyOf(clip.ofType(FlvTags.VIDEO).get(1).body(), 3);
        byte[] audio = Arrays.copyOf(clip.ofType(FlvTags.AUDIO).get(1).body(), 1);

        var v = assertThrows(FlvTagException.class, () -> FlvTags.parse(FlvTags.VIDEO, 0, video));
        var a = assertThrows(FlvTagException.class, () -> FlvTags.parse(FlvTags.AUDIO, 0, audio));
        assertEquals("AVC video tag is 3 bytes, shorter than its 5-byte header", v.getMessage());
        assertEquals("AAC audio tag is 1 bytes, shorter than its 2-byte header", a.getMessage());
    }

    @Test
    void undefinedPacketTypesFail() {
        byte[] video = clip.ofType(FlvTags.VIDEO).get(1).body().clone();
        byte[] audio = clip.ofType(FlvTags.AUDIO).get(1).body().clone();
        video[1] = 3;
        audio[1] = 7;

        var v = assertThrows(FlvTagException.class, () -> FlvTags.parse(FlvTags.VIDEO, 0, video));
        var a = assertThrows(FlvTagException.class, () -> FlvTags.parse(FlvTags.AUDIO, 0, audio));
        assertTrue(v.getMessage().startsWith("AVC video tag has AVCPacketType 3"), v.getMessage());
        assertTrue(a.getMessage().startsWith("AAC audio tag has AACPacketType 7"), a.getMessage());
    }

    @Test
    void aSequenceHeaderWithoutAnAvcCRecordFails() {
        byte[] body = clip.ofType(FlvTags.VIDEO).get(0).body().clone();
        body[5] = 0; // configurationVersion must be 1

        var e = assertThrows(FlvTagException.class, () -> FlvTags.parse(FlvTags.VIDEO, 0, body));
        assertTrue(e.getMessage().contains("avcC"), e.getMessage());
    }

    @Test
    void emptyBodiesAndScriptTagsCarryNothing() throws Exception {
        assertEquals(Optional.empty(), FlvTags.parse(FlvTags.VIDEO, 0, new byte[0]));
        assertEquals(Optional.empty(), FlvTags.parse(FlvTags.AUDIO, 0, new byte[0]));
        FlvFile.Tag script = clip.ofType(18).get(0);
        assertEquals(Optional.empty(), parse(script));
    }

    private static Optional<MediaPacket> parse(FlvFile.Tag tag) throws FlvTagException {
        return FlvTags.parse(tag.type(), tag.timestamp(), tag.body());
    }

    private static List<MediaPacket> mediaPackets(int type) throws FlvTagException {
        List<MediaPacket> out = new ArrayList<>();
        for (FlvFile.Tag tag : clip.ofType(type)) {
            parse(tag).filter(p -> !p.config()).ifPresent(out::add);
        }
        return out;
    }

    /** pts, dts, size, flags of every packet of one stream type, as the bundled ffprobe reads them. */
    private static List<String[]> probe(String streamType) throws Exception {
        Path file = TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 6.0));
        String csv = TestMedia.tools().probe(List.of("-v", "error", "-select_streams", streamType,
                "-show_entries", "packet=pts,dts,size,flags", "-of", "csv=p=0", file.toString()));
        return csv.lines().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    }

    private static FlvFile encode(String name, String... codecArgs) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-media"));
        Path out = dir.resolve(name).toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-f", "lavfi", "-i", "sine=sample_rate=44100",
                "-t", "1"));
        args.addAll(List.of(codecArgs));
        args.addAll(List.of("-f", "flv", out.toString()));
        TestMedia.tools().run(args);
        return FlvFile.read(out);
    }

    private static void setCompositionTime(byte[] body, int cts) {
        body[2] = (byte) (cts >> 16);
        body[3] = (byte) (cts >> 8);
        body[4] = (byte) cts;
    }
}
