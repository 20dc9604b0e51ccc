package dev.streamflow.bridge.engine;

import ch.qos.logback.classic.Level;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Spec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.streamflow.bridge.engine.RenditionAssertions.assertFaithful;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscodeEngineTest {
    private static final VideoProfile P480 = new VideoProfile("480p", 854, 480, 30, 1200);
    private static final VideoProfile P360 = new VideoProfile("360p", 640, 360, 30, 800);
    private static final VideoProfile P240 = new VideoProfile("240p", 426, 240, 30, 400);
    private static final List<VideoProfile> SMALL_LADDER = List.of(P480, P360, P240);

    private static TranscodeEngine engine;

    @BeforeAll
    static void pickEncoder() {
        engine = new TranscodeEngine(EncoderChoice.detect());
    }

    @Test
    void everyRungHasTheSourceFramesTimestampsAndAudio() throws Exception {
        byte[] source = Clips.bytes(Spec.pattern(854, 480, 30, 2));
        ProbedTs probed = ProbedTs.of(source);
        List<Rendition> renditions;
        try (LogCapture writerLog = new LogCapture(RenditionWriter.class)) {
            renditions = engine.transcode(source, SMALL_LADDER);
            assertEquals(List.of(), writerLog.at(Level.WARN), "an encoder ignored some of its options");
        }
        assertEquals(SMALL_LADDER, renditions.stream().map(Rendition::profile).toList());
        assertFaithful(probed, renditions.get(0), 854, 480);
        assertFaithful(probed, renditions.get(1), 640, 360);
        assertFaithful(probed, renditions.get(2), 426, 240);
    }

    @Test
    void defaultLadderOnA1080pSegment() throws Exception {
        byte[] source = Clips.bytes(Spec.pattern(1920, 1080, 30, 2));
        ProbedTs probed = ProbedTs.of(source);
        List<Rendition> renditions = engine.transcode(source, VideoProfile.DEFAULT_LADDER);
        assertFaithful(probed, renditions.get(0), 1280, 720);
        assertFaithful(probed, renditions.get(1), 854, 480);
        assertFaithful(probed, renditions.get(2), 640, 360);
    }

    @Test
    void fitsTheSourceAspectRatioInsideEachProfile() throws Exception {
        byte[] source = Clips.bytes(Spec.pattern(640, 480, 30, 1));
        List<Rendition> renditions = engine.transcode(source, SMALL_LADDER);
        ProbedTs probed = ProbedTs.of(source);
        assertFaithful(probed, renditions.get(0), 640, 480);
        assertFaithful(probed, renditions.get(1), 480, 360);
        assertFaithful(probed, renditions.get(2), 320, 240);
    }

    @Test
    void neverUpscalesASmallSource() throws Exception {
        byte[] source = Clips.bytes(Spec.pattern(426, 240, 30, 1));
        VideoProfile p720 = VideoProfile.livepeer("P720p30fps16x9").orElseThrow();
        VideoProfile p240 = VideoProfile.livepeer("p240p30fps16x9").orElseThrow();
        List<Rendition> renditions = engine.transcode(source, List.of(p720, p240));
        ProbedTs probed = ProbedTs.of(source);
        assertFaithful(probed, renditions.get(0), 426, 240);
        assertFaithful(probed, renditions.get(1), 426, 240);
    }

    @Test
    void dropsFramesEvenlyDownToTheProfileRate() throws Exception {
        byte[] source = Clips.bytes(Spec.pattern(640, 360, 60, 2));
        ProbedTs probed = ProbedTs.of(source);
        VideoProfile full = new VideoProfile("360p60", 640, 360, 60, 1200);
        VideoProfile half = new VideoProfile("360p30", 640, 360, 30, 800);
        List<Rendition> renditions = engine.transcode(source, List.of(full, half));

        assertFaithful(probed, renditions.get(0), 640, 360);
        ProbedTs reduced = ProbedTs.of(renditions.get(1).ts());
        assertEquals("", reduced.errors());
        assertEquals(probed.video().decodedFrames() / 2, reduced.video().decodedFrames());
        long[] pts = reduced.videoPts();
        long firstOffset = pts[0] - probed.videoPts()[0];
        assertTrue(firstOffset == 0 || firstOffset == 90000 / 60, "starts " + firstOffset + " ticks after the source");
        for (int i = 1; i < pts.length; i++) {
            assertEquals(90000 / 30, pts[i] - pts[i - 1], "frame interval at frame " + i);
        }
        RenditionAssertions.assertSameAudio(probed, reduced, "360p30");
    }

    @Test
    void videoOnlySourceGivesVideoOnlyRenditions() throws Exception {
        byte[] source = Clips.bytes(Spec.pattern(640, 360, 30, 1).withoutAudio());
        List<Rendition> renditions = engine.transcode(source, List.of(P360, P240));
        for (Rendition rendition : renditions) {
            ProbedTs out = ProbedTs.of(rendition.ts());
            assertEquals("", out.errors());
            assertTrue(out.audio().isEmpty(), rendition.profile().name() + " has audio");
            assertEquals(ProbedTs.of(source).video().decodedFrames(), out.video().decodedFrames());
        }
    }

    @Test
    void nonAacAudioIsDroppedWithOneWarning() throws Exception {
        byte[] source = Clips.withMp2Audio(TestMedia.ts(Spec.pattern(640, 360, 30, 1)));
        assertEquals("mp2", ProbedTs.of(source).audio().orElseThrow().codec(), "test source");
        TranscodeEngine fresh = new TranscodeEngine(engine.encoder());
        try (LogCapture log = new LogCapture(TranscodeEngine.class)) {
            List<Rendition> first = fresh.transcode(source, List.of(P240));
            List<Rendition> second = fresh.transcode(source, List.of(P240));
            for (Rendition rendition : List.of(first.get(0), second.get(0))) {
                ProbedTs out = ProbedTs.of(rendition.ts());
                assertTrue(out.audio().isEmpty(), "mp2 audio was kept");
                assertEquals(ProbedTs.of(source).video().decodedFrames(), out.video().decodedFrames());
            }
            List<String> warnings = log.at(Level.WARN);
            assertEquals(1, warnings.size(), "warnings: " + warnings);
            assertTrue(warnings.get(0).contains("mp2") && warnings.get(0).contains("not AAC"), warnings.get(0));
        }
    }

    @Test
    void concurrentSegmentsComeOutAsIfTranscodedOneAtATime() throws Exception {
        byte[] pattern = Clips.bytes(Spec.pattern(640, 360, 30, 1));
        byte[] noisy = Clips.bytes(Spec.pattern(640, 360, 30, 1).withContent(TestMedia.Content.NOISY));
        List<VideoProfile> ladder = List.of(P360, P240);
        List<Rendition> patternAlone = engine.transcode(pattern, ladder);
        List<Rendition> noisyAlone = engine.transcode(noisy, ladder);

        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Rendition>>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(callers.submit(() -> engine.transcode(pattern, ladder)));
                results.add(callers.submit(() -> engine.transcode(noisy, ladder)));
            }
            for (int i = 0; i < results.size(); i++) {
                List<Rendition> alone = i % 2 == 0 ? patternAlone : noisyAlone;
                List<Rendition> together = results.get(i).get();
                for (int rung = 0; rung < ladder.size(); rung++) {
                    assertSameRendition(alone.get(rung), together.get(rung), "call " + i + " rung " + rung);
                }
            }
        } finally {
            callers.shutdown();
        }
    }

    /**
     * Same size, frames, timestamps and audio; byte for byte too with openh264. x264's VBV rate control
     * with frame threads depends on thread timing, so its bytes differ from run to run even alone.
     */
    private static void assertSameRendition(Rendition expected, Rendition actual, String what) throws Exception {
        ProbedTs expectedProbe = ProbedTs.of(expected.ts());
        ProbedTs actualProbe = ProbedTs.of(actual.ts());
        assertEquals("", actualProbe.errors(), what);
        assertEquals(expectedProbe.video(), actualProbe.video(), what);
        assertArrayEquals(expectedProbe.videoPts(), actualProbe.videoPts(), what);
        assertEquals(expectedProbe.audioPackets(), actualProbe.audioPackets(), what);
        if (engine.encoder().encoder() == H264Encoder.OPENH264) {
            assertArrayEquals(expected.ts(), actual.ts(), what);
        }
    }
}
