package dev.streamflow.core.media;

import dev.streamflow.bridge.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.streamflow.core.media.TsProbeTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpsParserTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1920,1080,1088", "1280,720,720", "854,480,480", "640,360,368", "426,240,240"})
    void agreesWithFfprobeOnOpenh264Clips(int width, int height, int codedHeight) throws Exception {
        Path clip = TestMedia.ts(TestMedia.Spec.pattern(width, height, 30, 0.5).withoutAudio());
        Sps sps = TsProbe.probe(MediaFixtures.bytes(clip)).parsedSps();
        Map<String, String> ffprobe = MediaFixtures.stream(clip, "v:0", "width,height,profile,level");

        assertEquals(Integer.parseInt(ffprobe.get("width")), sps.width());
        assertEquals(Integer.parseInt(ffprobe.get("height")), sps.height());
        assertEquals(Integer.parseInt(ffprobe.get("level")), sps.levelIdc());
        assertEquals("Constrained Baseline", ffprobe.get("profile"));
        assertEquals(66, sps.profileIdc());
        assertTrue(sps.constrainedBaseline());
        assertEquals((width + 15) / 16 * 16, sps.codedWidth(), "coded in whole macroblocks, cropped to the picture");
        assertEquals(codedHeight, sps.codedHeight());
        assertTrue(sps.frameMbsOnly());
    }

    @Test
    void readsHighProfileWithCropping() throws Exception {
        Sps sps = TsProbe.probe(MediaFixtures.bytes(highProfile1080())).parsedSps();
        Map<String, String> ffprobe = MediaFixtures.stream(highProfile1080(), "v:0", "width,height,profile,level");

        assertEquals("High", ffprobe.get("profile"));
        assertEquals(100, sps.profileIdc());
        assertEquals(Integer.parseInt(ffprobe.get("level")), sps.levelIdc());
        assertEquals(1, sps.chromaFormatIdc());
        assertEquals(8, sps.bitDepthLuma());
        assertEquals(1920, sps.width());
        assertEquals(1080, sps.height());
        assertEquals(1088, sps.codedHeight());
    }

    /**
     * No encoder at hand writes scaling matrices, so the High SPS is rewritten with some (lists present, absent,
     * and one falling back to the default matrix). ffprobe, reading the stream with the new SPS, is the referee.
     */
    @Test
    void skipsScalingListsLikeFfmpeg() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-media", "core"));
        Path raw = dir.resolve("high-1920x1080.h264");
        MediaFixtures.tools().run(List.of("-loglevel", "error", "-y", "-i", highProfile1080().toString(),
                "-map", "0:v", "-c", "copy", "-f", "h264", raw.toString()));
        byte[] original = TsProbe.probe(MediaFixtures.bytes(highProfile1080())).sps().orElseThrow();
        byte[] rewritten = withScalingLists(original);
        Path scaled = dir.resolve("high-1920x1080-scaling.h264");
        Files.write(scaled, replaceSps(Files.readAllBytes(raw), rewritten));

        Sps sps = SpsParser.parse(rewritten);
        Map<String, String> ffprobe = MediaFixtures.stream(scaled, "v:0", "width,height,profile,level");

        assertTrue(rewritten.length > original.length + 20, "precondition: lists were added");
        assertEquals(Integer.parseInt(ffprobe.get("width")), sps.width());
        assertEquals(Integer.parseInt(ffprobe.get("height")), sps.height());
        assertEquals(1920, sps.width());
        assertEquals(1080, sps.height());
        assertEquals(Integer.parseInt(ffprobe.get("level")), sps.levelIdc());
    }

    @Test
    void readsFieldCoding444WithTwelveScalingListsAndPocType1() {
        BitWriter w = new BitWriter().u(8, 244).u(8, 0).u(8, 40).ue(0)
                .ue(3).flag(false) // 4:4:4, colour planes coded together
                .ue(2).ue(2).flag(false) // 10-bit
                .flag(true);
        for (int i = 0; i < 12; i++) {
            w.flag(true);
            writeList(w, i < 6 ? 16 : 64, i);
        }
        w.ue(0).ue(1).flag(false).se(-2).se(3).ue(3).se(1).se(-1).se(5) // frame_num, POC type 1 and its cycle
                .ue(4).flag(false)
                .ue(119).ue(33) // 120 MBs wide, 34 map units (field pairs) high
                .flag(false).flag(true).flag(true) // frame_mbs_only 0, mbaff, direct_8x8
                .flag(true).ue(0).ue(0).ue(0).ue(4) // crop bottom 4 units of 2 lines (4:4:4 field)
                .flag(false);
        Sps sps = SpsParser.parse(nal(w.finish()));

        assertEquals(3, sps.chromaFormatIdc());
        assertEquals(10, sps.bitDepthLuma());
        assertFalse(sps.frameMbsOnly());
        assertEquals(1920, sps.width());
        assertEquals(1088, sps.codedHeight());
        assertEquals(1080, sps.height());
    }

    @Test
    void appliesChromaDependentCropUnits() {
        // 4:2:0 field coding: a crop unit is 2 × 2 = 4 lines
        assertEquals(1080, SpsParser.parse(nal(highSps(1, false, 0, 2))).height());
        // monochrome, progressive: crop units are single pixels
        Sps mono = SpsParser.parse(nal(highSps(0, true, 3, 8)));
        assertEquals(1920 - 3, mono.width());
        assertEquals(1088 - 8, mono.height());
        // 4:2:2 progressive: 2 pixels across, 1 line down
        Sps s422 = SpsParser.parse(nal(highSps(2, true, 3, 8)));
        assertEquals(1920 - 6, s422.width());
        assertEquals(1088 - 8, s422.height());
    }

    @Test
    void removesEmulationPrevention() {
        // offset_for_non_ref_pic = 2^23 is 24 zero bits, 1, 24 zero bits: the NAL unit needs 00 00 03 escapes
        byte[] rbsp = new BitWriter().u(8, 66).u(8, 0xC0).u(8, 30).ue(0).ue(0)
                .ue(1).flag(false).se(1 << 23).se(0).ue(0) // POC type 1, empty cycle
                .ue(1).flag(false).ue(39).ue(29).flag(true).flag(true).flag(false).flag(false).finish();
        byte[] escaped = nal(rbsp);
        assertTrue(contains(escaped, new byte[]{0, 0, 3, 2}) && contains(escaped, new byte[]{0, 0, 3, 1}),
                "precondition: the SPS carries emulation prevention bytes");

        Sps sps = SpsParser.parse(escaped);
        assertEquals(640, sps.width());
        assertEquals(480, sps.height());
    }

    @Test
    void rejectsBrokenParameterSets() {
        byte[] good = nal(highSps(1, true, 0, 4));
        assertMessage("SPS ends early", () -> SpsParser.parse(Arrays.copyOf(good, 6)));
        assertMessage("not an SPS: NAL unit type 8", () -> SpsParser.parse(new byte[]{0x68, 1, 2, 3}));
        assertMessage("too short", () -> SpsParser.parse(new byte[]{0x67}));
        assertMessage("Exp-Golomb code longer than 32 bits", () -> SpsParser.parse(new byte[]{0x67, 66, 0, 30, 0, 0, 0, 0, 0, 1}));
        assertMessage("leaves no picture", () -> SpsParser.parse(nal(highSps(1, true, 960, 0))));
        assertMessage("chroma_format_idc = 7 exceeds 3", () -> SpsParser.parse(nal(new BitWriter().u(8, 100).u(8, 0).u(8, 40)
                .ue(0).ue(7).finish())));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Path highProfile1080() throws Exception {
        return MediaFixtures.encode("high-1920x1080", "1920x1080", "30", 0.5, false,
                List.of("-profile:v", "high", "-coder", "cabac", "-b:v", "4000k", "-g", "60"));
    }

    /** A progressive or field High SPS, 1920x1088 coded, with the given chroma format and crop (right, bottom). */
    private static byte[] highSps(int chroma, boolean frameMbsOnly, int cropRight, int cropBottom) {
        BitWriter w = new BitWriter().u(8, 100).u(8, 0).u(8, 40).ue(0).ue(chroma);
        w.ue(0).ue(0).flag(false).flag(false) // 8-bit, no scaling matrix
                .ue(0).ue(0).ue(0) // frame_num, POC type 0 and its lsb size
                .ue(1).flag(false).ue(119).ue(frameMbsOnly ? 67 : 33).flag(frameMbsOnly);
        if (!frameMbsOnly) {
            w.flag(false);
        }
        return w.flag(true).flag(true).ue(0).ue(cropRight).ue(0).ue(cropBottom).flag(false).finish();
    }

    /** A scaling_list() with a few non-zero deltas; list 3 ends at once (next scale 0: use the default). */
    private static void writeList(BitWriter w, int size, int index) {
        if (index == 3) {
            w.se(-8);
            return;
        }
        for (int j = 0; j < size; j++) {
            w.se(j % 5 == 0 ? 1 : 0);
        }
    }

    private static byte[] withScalingLists(byte[] sps) {
        byte[] rbsp = NalUnits.unescape(sps, 1, sps.length);
        BitReader in = new BitReader(rbsp, "test");
        in.u(24);
        in.ue();
        assertEquals(1, in.ue(), "precondition: 4:2:0");
        in.ue();
        in.ue();
        in.flag();
        long flagAt = in.position();
        assertFalse(in.flag(), "precondition: no scaling matrix yet");

        BitWriter out = new BitWriter();
        copyBits(rbsp, 0, flagAt, out);
        out.flag(true);
        for (int i = 0; i < 8; i++) {
            boolean present = i == 0 || i == 3 || i == 6 || i == 7;
            out.flag(present);
            if (present) {
                writeList(out, i < 6 ? 16 : 64, i);
            }
        }
        copyBits(rbsp, flagAt + 1, stopBit(rbsp), out);
        return nal(out.finish());
    }

    private static void copyBits(byte[] data, long from, long to, BitWriter out) {
        for (long p = from; p < to; p++) {
            out.bit((data[(int) (p >>> 3)] >> (7 - (int) (p & 7))) & 1);
        }
    }

    /** Position of rbsp_stop_one_bit: the last 1 bit. */
    private static long stopBit(byte[] rbsp) {
        int last = rbsp.length - 1;
        while (rbsp[last] == 0) {
            last--;
        }
        return last * 8L + 7 - Integer.numberOfTrailingZeros(rbsp[last] & 0xFF);
    }

    private static byte[] replaceSps(byte[] annexB, byte[] sps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] replaced = {0};
        NalUnits.forEach(annexB, 0, annexB.length, (data, start, end) -> {
            out.writeBytes(new byte[]{0, 0, 0, 1});
            if (NalUnits.type(data[start]) == NalUnits.SPS) {
                out.writeBytes(sps);
                replaced[0]++;
            } else {
                out.write(data, start, end - start);
            }
        });
        assertNotEquals(0, replaced[0], "precondition: the stream carries an SPS");
        return out.toByteArray();
    }

    private static byte[] nal(byte[] rbsp) {
        byte[] escaped = BitWriter.escape(rbsp);
        byte[] nal = new byte[escaped.length + 1];
        nal[0] = 0x67;
        System.arraycopy(escaped, 0, nal, 1, escaped.length);
        return nal;
    }

    private static boolean contains(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
