package dev.streamflow.core.media;

import dev.streamflow.bridge.testing.TestMedia;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecStringsTest {

    @Test
    void constrainedBaselineFromOpenh264() throws Exception {
        Path clip = TestMedia.ts(TestMedia.Spec.pattern(640, 360, 30, 2));
        TsInfo info = TsProbe.probe(MediaFixtures.bytes(clip));
        Map<String, String> video = MediaFixtures.stream(clip, "v:0", "profile,level");

        assertEquals("Constrained Baseline", video.get("profile"));
        // Constrained Baseline = profile_idc 66 with constraint_set0 and constraint_set1 (0xC0)
        String expected = String.format(Locale.ROOT, "avc1.42C0%02X", Integer.parseInt(video.get("level")));
        assertEquals(expected, CodecStrings.avc(info.parsedSps()));
        assertEquals(expected, AvcCodec.of(info.parsedSps()).toString());
        byte[] sps = info.sps().orElseThrow();
        assertEquals(String.format(Locale.ROOT, "avc1.%02X%02X%02X", sps[1], sps[2], sps[3]), expected, "SPS bytes 1-3");
    }

    @Test
    void highProfileFromOpenh264() throws Exception {
        Path clip = MediaFixtures.encode("high-1280x720", "1280x720", "30", 0.5, false,
                List.of("-profile:v", "high", "-coder", "cabac", "-b:v", "2000k", "-g", "60"));
        Sps sps = TsProbe.probe(MediaFixtures.bytes(clip)).parsedSps();
        Map<String, String> video = MediaFixtures.stream(clip, "v:0", "profile,level");

        assertEquals("High", video.get("profile"));
        assertTrue(CodecStrings.avc(sps).startsWith("avc1.64"));
        assertEquals(Integer.parseInt(video.get("level")), Integer.parseInt(CodecStrings.avc(sps).substring(9), 16));
    }

    @Test
    void aacLcFromTheAdtsHeader() throws Exception {
        Path clip = TestMedia.ts(TestMedia.Spec.pattern(256, 144, 30, 1));
        AudioConfig audio = TsProbe.probe(MediaFixtures.bytes(clip)).audio().orElseThrow();

        assertEquals("LC", MediaFixtures.stream(clip, "a:0", "profile").get("profile"));
        assertEquals("mp4a.40.2", CodecStrings.aac(audio));
    }

    @Test
    void aDeclarationCoversBothEncodersAfterAFailover() {
        AvcCodec baseline31 = AvcCodec.parse("avc1.42C01F");
        AvcCodec high30 = AvcCodec.parse("avc1.640C1E");
        AvcCodec high30Unconstrained = AvcCodec.parse("avc1.64001E");

        assertEquals("avc1.640C1F", baseline31.covering(high30).toString(), "High's flags, the higher level");
        assertEquals("avc1.640C1F", high30.covering(baseline31).toString(), "order does not matter");
        assertEquals("avc1.64001E", high30.covering(high30Unconstrained).toString(), "only the constraints both keep");
        assertTrue(baseline31.covering(high30).covers(baseline31));
        assertTrue(baseline31.covering(high30).covers(high30));
        assertFalse(baseline31.covers(high30));
        assertFalse(high30.covers(baseline31), "level 3.0 does not cover 3.1");
        assertThrows(IllegalArgumentException.class, () -> AvcCodec.parse("hvc1.1.6.L93.B0"));
    }
}
