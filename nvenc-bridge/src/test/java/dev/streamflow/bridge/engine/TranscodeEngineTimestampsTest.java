package dev.streamflow.bridge.engine;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Spec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renditions of consecutive segments must play as one stream, also across the 33-bit MPEG-TS timestamp wrap. */
class TranscodeEngineTimestampsTest {
    private static final long WRAP = 1L << 33;
    private static final double WRAP_SECONDS = WRAP / 90000.0;
    /** How far after its nominal start TestMedia's first video timestamp lands (the mpegts muxer's default delay). */
    private static final double MUXER_DELAY = 1.4;

    private static TranscodeEngine engine;

    @BeforeAll
    static void pickEncoder() {
        engine = new TranscodeEngine(EncoderChoice.detect());
    }

    @Test
    void renditionsOfConsecutiveSegmentsConcatenate() throws Exception {
        List<byte[]> segments = Clips.segments(TestMedia.ts(Spec.pattern(640, 360, 60, 4)), 2);
        assertEquals(2, segments.size(), "test source");
        ProbedTs first = ProbedTs.of(segments.get(0));
        ProbedTs second = ProbedTs.of(segments.get(1));
        assertContinues(first.videoPts(), second.videoPts(), 1500, "source segments");

        List<VideoProfile> ladder = List.of(new VideoProfile("360p60", 640, 360, 60, 1200), new VideoProfile("240p30", 426, 240, 30, 400));
        List<Rendition> before = engine.transcode(segments.get(0), ladder);
        List<Rendition> after = engine.transcode(segments.get(1), ladder);

        ProbedTs fullBefore = RenditionAssertions.assertFaithful(first, before.get(0), 640, 360);
        ProbedTs fullAfter = RenditionAssertions.assertFaithful(second, after.get(0), 640, 360);
        assertContinues(fullBefore.videoPts(), fullAfter.videoPts(), 1500, "360p60");

        ProbedTs halfBefore = ProbedTs.of(before.get(1).ts());
        ProbedTs halfAfter = ProbedTs.of(after.get(1).ts());
        assertContinues(halfBefore.videoPts(), halfAfter.videoPts(), 3000, "240p30");
        assertEquals(first.video().decodedFrames() / 2 + second.video().decodedFrames() / 2,
                halfBefore.video().decodedFrames() + halfAfter.video().decodedFrames(), "240p30 frames in both segments");
        RenditionAssertions.assertSameAudio(second, halfAfter, "240p30");
    }

    @Test
    void sourceStartingAtZeroGivesNoNegativeTimestamps() throws Exception {
        byte[] source = Clips.startingAtZero(TestMedia.ts(Spec.pattern(320, 240, 30, 1)));
        ProbedTs probed = ProbedTs.of(source);
        assertEquals(0, Math.min(probed.videoPts()[0], probed.audioPackets().get(0).pts()), "test source start");
        Rendition rendition = engine.transcode(source, List.of(new VideoProfile("240p", 320, 240, 30, 300))).get(0);
        ProbedTs out = RenditionAssertions.assertFaithful(probed, rendition, 320, 240);
        assertTrue(out.packets().stream().allMatch(p -> p.dts() >= 0 && p.pts() >= 0), "negative timestamps: " + out.packets());
        assertClockAdvances(rendition);
    }

    @Test
    void sourceWithBFramesGivesRenditionsInPresentationOrderWithoutBFrames() throws Exception {
        byte[] source = Clips.withBFrames(TestMedia.ts(Spec.pattern(640, 360, 30, 1)));
        ProbedTs probed = ProbedTs.of(source);
        assertTrue(probed.videoPackets().stream().anyMatch(p -> p.dts() < p.pts()), "test source has no B-frames");
        List<Rendition> renditions = engine.transcode(source, List.of(new VideoProfile("360p", 640, 360, 30, 800),
                new VideoProfile("240p", 426, 240, 30, 400)));
        RenditionAssertions.assertFaithful(probed, renditions.get(0), 640, 360);
        RenditionAssertions.assertFaithful(probed, renditions.get(1), 426, 240);
        assertArrayEquals(probed.videoPts(), ProbedTs.of(renditions.get(1).ts()).videoPts());
    }

    @Test
    void sourceStartingTenSecondsBeforeTheWrapKeepsItsTimestamps() throws Exception {
        byte[] source = Clips.bytes(Spec.pattern(320, 240, 30, 2).startingAt(WRAP_SECONDS - 10 - MUXER_DELAY));
        ProbedTs probed = ProbedTs.of(source);
        Rendition rendition = engine.transcode(source, List.of(new VideoProfile("240p", 320, 240, 30, 300))).get(0);
        ProbedTs out = ProbedTs.of(rendition.ts());
        assertEquals("", out.errors());
        assertEquals(probed.video().decodedFrames(), out.video().decodedFrames());
        assertSamePtsModuloWrap(probed, out);
        assertClockAdvances(rendition);
    }

    @Test
    void segmentsAcrossTheWrapKeepTheirTimestampsAndConcatenate() throws Exception {
        // The first segment's video runs from 1 s before the wrap to 1 s after it; the second follows it.
        Spec straddling = Spec.pattern(320, 240, 30, 2).startingAt(WRAP_SECONDS - 1 - MUXER_DELAY);
        Spec following = Spec.pattern(320, 240, 30, 2).startingAt(WRAP_SECONDS + 1 - MUXER_DELAY);
        byte[] first = Clips.bytes(straddling);
        byte[] second = Clips.bytes(following);
        ProbedTs firstSource = ProbedTs.of(first);
        ProbedTs secondSource = ProbedTs.of(second);
        long[] firstPts = wrapped(firstSource.videoPts());
        assertTrue(firstPts[0] > WRAP - 2 * 90000 && firstPts[firstPts.length - 1] < 2 * 90000,
                "test source does not straddle the wrap: " + firstPts[0] + " .. " + firstPts[firstPts.length - 1]);
        assertContinues(firstSource.videoPts(), secondSource.videoPts(), 3000, "source segments");

        List<VideoProfile> ladder = List.of(new VideoProfile("240p", 320, 240, 30, 300), new VideoProfile("144p", 256, 144, 30, 200));
        List<Rendition> before = engine.transcode(first, ladder);
        List<Rendition> after = engine.transcode(second, ladder);
        for (int rung = 0; rung < ladder.size(); rung++) {
            ProbedTs outBefore = ProbedTs.of(before.get(rung).ts());
            ProbedTs outAfter = ProbedTs.of(after.get(rung).ts());
            assertEquals("", outBefore.errors() + outAfter.errors());
            assertEquals(firstSource.video().decodedFrames(), outBefore.video().decodedFrames());
            assertSamePtsModuloWrap(firstSource, outBefore);
            assertSamePtsModuloWrap(secondSource, outAfter);
            assertContinues(outBefore.videoPts(), outAfter.videoPts(), 3000, ladder.get(rung).name());
            assertEquals(wrapped(firstSource.audioPackets().get(0).pts()), wrapped(outBefore.audioPackets().get(0).pts()), "first audio pts");
            RenditionAssertions.assertOpensWithIdr(before.get(rung));
            assertClockAdvances(before.get(rung));
        }
    }

    /** The program clock must run forward in small steps (modulo 2^33) through the whole rendition. */
    private static void assertClockAdvances(Rendition rendition) {
        List<Long> pcr = TsPcr.bases(rendition.ts());
        assertTrue(pcr.size() >= rendition.frames() / 2, rendition.profile().name() + ": only " + pcr.size() + " PCRs");
        for (int i = 1; i < pcr.size(); i++) {
            long step = Math.floorMod(pcr.get(i) - pcr.get(i - 1), WRAP);
            assertTrue(step > 0 && step <= 45000, rendition.profile().name() + ": PCR jumps by " + step + " ticks at " + i + ": " + pcr);
        }
    }

    /** The next segment's first frame comes exactly one frame (± 2 ticks) after the previous segment's last, modulo 2^33. */
    private static void assertContinues(long[] previous, long[] next, long frameTicks, String what) {
        long gap = Math.floorMod(next[0] - previous[previous.length - 1], WRAP);
        assertTrue(Math.abs(gap - frameTicks) <= 2, what + ": gap of " + gap + " ticks between segments, expected " + frameTicks);
    }

    private static void assertSamePtsModuloWrap(ProbedTs source, ProbedTs out) {
        assertArrayEquals(wrapped(source.videoPts()), wrapped(out.videoPts()), "video pts modulo 2^33");
    }

    private static long[] wrapped(long[] pts) {
        return Arrays.stream(pts).map(TranscodeEngineTimestampsTest::wrapped).toArray();
    }

    private static long wrapped(long pts) {
        return Math.floorMod(pts, WRAP);
    }
}
