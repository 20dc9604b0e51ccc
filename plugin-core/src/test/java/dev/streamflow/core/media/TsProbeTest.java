package dev.streamflow.core.media;

import com.sun.management.ThreadMXBean;
import dev.streamflow.bridge.testing.TestMedia;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsProbeTest {
    private static final long WRAP = 1L << 33;

    @Test
    void findsWhatFfprobeFindsInARealClip() throws Exception {
        Path clip = TestMedia.ts(TestMedia.Spec.pattern(640, 360, 30, 2));
        TsInfo info = TsProbe.probe(MediaFixtures.bytes(clip));

        List<Long> ffprobePts = MediaFixtures.packetPts(clip, "v:0");
        assertEquals(60, ffprobePts.size(), "precondition: 2 s at 30 fps");
        assertEquals(ffprobePts, info.videoPts());
        assertEquals(60, info.accessUnits());
        assertTrue(info.startsWithIdr());
        assertTrue(MediaFixtures.firstPacketIsKey(clip), "ffprobe agrees that the first packet is a key frame");
        assertEquals(NalUnits.SPS, NalUnits.type(info.sps().orElseThrow()[0]));
        assertEquals(NalUnits.PPS, NalUnits.type(info.pps().orElseThrow()[0]));

        Map<String, String> audio = MediaFixtures.stream(clip, "a:0", "profile,sample_rate,channels");
        AudioConfig config = info.audio().orElseThrow();
        assertEquals("LC", audio.get("profile"));
        assertEquals(2, config.objectType(), "AAC-LC is audio object type 2");
        assertEquals(Integer.parseInt(audio.get("sample_rate")), config.sampleRate());
        assertEquals(3, config.samplingFrequencyIndex(), "48 kHz is index 3");
        assertEquals(Integer.parseInt(audio.get("channels")), config.channelConfiguration());
        assertEquals(MediaFixtures.packetPts(clip, "a:0").get(0), info.firstAudioPts().orElseThrow());
    }

    @Test
    void countsPicturesNotPesPacketsAndSeesANonIdrStart() throws Exception {
        // 4 s GOP cut every second without waiting for key frames: later pieces start with P pictures
        Path clip = MediaFixtures.encode("gop4-640x360", "640x360", "30", 4, true, List.of("-b:v", "600k", "-g", "120"));
        Path cut = MediaFixtures.remux(clip, "gop4-640x360-from-1s", List.of("-ss", "1", "-copyinkf", "-c", "copy", "-map", "0"));
        TsInfo info = TsProbe.probe(MediaFixtures.bytes(cut));
        int ffprobeFrames = MediaFixtures.packetPts(cut, "v:0").size();

        assertFalse(MediaFixtures.firstPacketIsKey(cut), "precondition: ffprobe sees no key frame first");
        assertFalse(info.startsWithIdr());
        assertEquals(ffprobeFrames, info.accessUnits());
        assertEquals(ffprobeFrames, info.videoPts().size());
    }

    @Test
    void reportsPtsAsStoredAcrossThe33BitWrap() throws Exception {
        // ffmpeg adds its 1.4 s mux delay, so the first PTS is about 1.6 s below 2^33 ticks (26.5 h)
        double start = WRAP / 90_000.0 - 3.0;
        Path clip = TestMedia.ts(TestMedia.Spec.pattern(256, 144, 30, 3).startingAt(start));
        TsInfo info = TsProbe.probe(MediaFixtures.bytes(clip));
        List<Long> ffprobe = MediaFixtures.packetPts(clip, "v:0");

        assertEquals(ffprobe.size(), info.videoPts().size());
        for (int i = 0; i < ffprobe.size(); i++) {
            assertEquals(Math.floorMod(ffprobe.get(i), WRAP), info.videoPts().get(i), "PTS " + i);
        }
        assertTrue(info.videoPts().stream().allMatch(p -> p >= 0 && p < WRAP));
        assertTrue(info.videoPts().get(0) > WRAP - 3 * 90_000, "precondition: starts just below 2^33");
        assertTrue(info.videoPts().stream().anyMatch(p -> p < 90_000), "precondition: wraps inside the clip");
        assertEquals(30.0, info.frameRate().orElseThrow(), 1e-9);
    }

    @Test
    void rejectsEmptyAndTruncatedInput() throws Exception {
        byte[] real = MediaFixtures.bytes(TestMedia.ts(TestMedia.Spec.pattern(256, 144, 30, 2)));

        assertMessage("empty", () -> TsProbe.probe(new byte[0]));
        assertMessage("empty", () -> TsProbe.probe(null));
        assertMessage("truncated", () -> TsProbe.probe(Arrays.copyOf(real, 1000)));
        int firstVideoPacket = packetOfPid(real, 0x100); // ffmpeg's first elementary stream PID
        assertMessage("no coded pictures", () -> TsProbe.probe(Arrays.copyOf(real, firstVideoPacket)));
    }

    @Test
    void rejectsBytesThatAreNotMpegTs() {
        byte[] random = new byte[TsProbe.PACKET_SIZE * 50];
        new Random(1).nextBytes(random);
        random[0] = 0x12;
        assertMessage("no sync byte at offset 0", () -> TsProbe.probe(random));

        // sync bytes in place but garbage behind them
        for (int i = 0; i < random.length; i += TsProbe.PACKET_SIZE) {
            random[i] = 0x47;
        }
        assertThrows(MalformedMediaException.class, () -> TsProbe.probe(random));
    }

    @Test
    void namesTheFirstBrokenThing() throws Exception {
        Path clip = TestMedia.ts(TestMedia.Spec.pattern(256, 144, 30, 2));
        byte[] lostSync = MediaFixtures.bytes(clip);
        lostSync[10 * TsProbe.PACKET_SIZE] = 0x00;
        assertMessage("no sync byte at offset 1880 (packet 10)", () -> TsProbe.probe(lostSync));

        byte[] badPat = MediaFixtures.bytes(clip);
        int pat = packetOfPid(badPat, 0);
        badPat[pat + 10] ^= 0x01; // inside the section: the CRC no longer matches
        assertMessage("PAT: CRC mismatch", () -> TsProbe.probe(badPat));

        Path audioOnly = MediaFixtures.remux(clip, "audio-only-256x144", List.of("-map", "0:a", "-c", "copy"));
        assertMessage("no H.264 video stream (stream type 0x1B); PMT stream types: [0x0F]",
                () -> TsProbe.probe(MediaFixtures.bytes(audioOnly)));
    }

    @Test
    void survivesCorruptionWithoutHangingOrUnexpectedErrors() throws Exception {
        byte[] real = MediaFixtures.bytes(MediaFixtures.segments(TestMedia.Spec.pattern(256, 144, 30, 4)).get(0));
        Random random = new Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 300; round++) {
                byte[] damaged = real.clone();
                int flips = 1 + random.nextInt(40);
                for (int i = 0; i < flips; i++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                try {
                    TsProbe.probe(damaged);
                } catch (MalformedMediaException expected) {
                    // the only acceptable failure
                }
            }
        });
    }

    @Test
    void allocatesAboutTheInputSize() throws Exception {
        byte[] real = MediaFixtures.bytes(TestMedia.ts(TestMedia.Spec.pattern(640, 360, 30, 4)));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        TsProbe.probe(real); // warm up class loading
        long before = threads.getCurrentThreadAllocatedBytes();
        TsProbe.probe(real);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < 2L * real.length, "allocated " + allocated + " bytes for " + real.length + " bytes of input");
    }

    private static int packetOfPid(byte[] ts, int pid) {
        for (int i = 0; i < ts.length; i += TsProbe.PACKET_SIZE) {
            if ((((ts[i + 1] & 0x1F) << 8) | (ts[i + 2] & 0xFF)) == pid) {
                return i;
            }
        }
        throw new AssertionError("no packet of PID " + pid);
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        MalformedMediaException e = assertThrows(MalformedMediaException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
