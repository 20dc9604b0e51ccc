package dev.streamflow.bridge.engine;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The properties every rendition must have relative to its source segment. */
final class RenditionAssertions {
    private RenditionAssertions() {
    }

    /**
     * Asserts that {@code rendition} is {@code width x height}, decodes without a single error, has exactly
     * the source's frames at the source's timestamps (no B-frames, so dts == pts), opens with an IDR, and
     * carries the source's AAC audio unchanged in timing.
     */
    static ProbedTs assertFaithful(ProbedTs source, Rendition rendition, int width, int height) throws IOException, InterruptedException {
        String name = rendition.profile().name();
        ProbedTs out = ProbedTs.of(rendition.ts());
        assertEquals("", out.errors(), name + ": ffprobe reported decoding errors");
        assertEquals(List.of(width, height), List.of(rendition.width(), rendition.height()), name + ": reported size");
        assertEquals(List.of(width, height), List.of(out.video().width(), out.video().height()), name + ": coded size");
        assertEquals("h264", out.video().codec(), name);

        int sourceFrames = source.video().decodedFrames();
        assertEquals(sourceFrames, out.video().decodedFrames(), name + ": decoded frames");
        assertEquals(sourceFrames, rendition.frames(), name + ": frames reported by the engine");
        assertSourceTimestamps(source, out, name);
        assertOpensWithIdr(rendition);
        assertSameAudio(source, out, name);
        return out;
    }

    static void assertSourceTimestamps(ProbedTs source, ProbedTs out, String name) {
        long[] sourcePts = source.videoPts();
        long[] outPts = out.videoPts();
        assertEquals(sourcePts[0], outPts[0], name + ": first video pts");
        long frame = sourcePts[1] - sourcePts[0];
        long sourceSpan = sourcePts[sourcePts.length - 1] - sourcePts[0];
        long outSpan = outPts[outPts.length - 1] - outPts[0];
        assertTrue(Math.abs(outSpan - sourceSpan) <= frame, name + ": duration " + outSpan + " vs source " + sourceSpan + " ticks");
        long previous = Long.MIN_VALUE;
        for (ProbedTs.PacketInfo packet : out.videoPackets()) {
            assertEquals(packet.pts(), packet.dts(), name + ": dts differs from pts, so the encoder used B-frames");
            assertTrue(packet.pts() > previous, name + ": pts " + packet.pts() + " does not increase");
            previous = packet.pts();
        }
    }

    static void assertOpensWithIdr(Rendition rendition) throws IOException {
        List<Integer> nals = H264Nals.firstAccessUnit(rendition.ts());
        int idr = nals.indexOf(H264Nals.IDR_SLICE);
        int other = nals.indexOf(H264Nals.NON_IDR_SLICE);
        assertTrue(idr >= 0 && (other < 0 || other > idr), rendition.profile().name() + ": first access unit NAL types " + nals);
    }

    static void assertSameAudio(ProbedTs source, ProbedTs out, String name) {
        ProbedTs.StreamInfo audio = out.audio().orElseThrow(() -> new AssertionError(name + ": no audio stream"));
        assertEquals("aac", audio.codec(), name);
        List<ProbedTs.PacketInfo> sourceAudio = source.audioPackets();
        List<ProbedTs.PacketInfo> outAudio = out.audioPackets();
        assertEquals(sourceAudio.get(0).pts(), outAudio.get(0).pts(), name + ": first audio pts");
        assertEquals(sourceAudio.size(), outAudio.size(), name + ": audio packets");
        assertEquals(sourceAudio.get(sourceAudio.size() - 1).pts(), outAudio.get(outAudio.size() - 1).pts(), name + ": last audio pts");
    }
}
