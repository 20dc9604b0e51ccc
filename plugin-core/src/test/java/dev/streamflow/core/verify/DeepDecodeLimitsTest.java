package dev.streamflow.core.verify;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.bridge.testing.TestMedia.Content;
import dev.streamflow.core.segment.Segment;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deep decode runs in a subprocess that is killed at its timeout and held to its memory limit. */
class DeepDecodeLimitsTest {

    @Test
    void aDecodeThatOutrunsTheTimeoutIsKilledAndFailsTheOrchestrator() throws Exception {
        // Pathological for its size: 1080p noise, every frame of four seconds sampled, so the decoder needs seconds.
        Segment segment = VerifyFixtures.segments(TestMedia.Spec.pattern(1920, 1080, 30, 4.0).withContent(Content.NOISY)
                .withKeyframeSeconds(4.0)).get(0);
        // The source itself stands in for the rendition: the sampler decodes whatever it is given.
        VerificationInput input = new VerificationInput(segment, List.of(dev.streamflow.bridge.engine.VideoProfile.DEFAULT_LADDER.get(0)),
                List.of(segment.ts()), "test", java.util.Optional.empty(), java.util.Optional.empty(), false, 1);
        DeepCheckSettings settings = DeepCheckSettings.defaults().withWindow(30, 4.0).withTimeout(Duration.ofMillis(300));
        long start = System.nanoTime();
        DeepCheckException e = assertThrows(DeepCheckException.class,
                () -> new FfmpegFrameSampler(TestMedia.tools(), settings, new SecureRandom()).sample(new Subject(input, null)));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("longer than 300 ms"), e.getMessage());
        assertTrue(e.orchestratorsFault());
        assertTrue(elapsedMs < 3_000, "returned after " + elapsedMs + " ms");
    }

    @Test
    void aDecoderOverItsMemoryLimitFailsCleanly() throws Exception {
        Segment segment = VerifyFixtures.segments(VerifyFixtures.clip(Content.PATTERN, 426, 240, 2.0)).get(0);
        VerificationInput input = VerifyFixtures.honest(segment, VerifyFixtures.LADDER);
        DeepCheckSettings settings = DeepCheckSettings.defaults().withMemoryLimit(24L << 20);
        DeepCheckException e = assertThrows(DeepCheckException.class,
                () -> new FfmpegFrameSampler(TestMedia.tools(), settings, new SecureRandom()).sample(new Subject(input, null)));
        assertTrue(e.getMessage().contains("exited with"), e.getMessage());
    }

    @Test
    void theDefaultLimitsLeaveRoomForAn1080pLadder() throws Exception {
        Segment segment = VerifyFixtures.segments(TestMedia.Spec.pattern(1920, 1080, 30, 2.0)).get(0);
        VerificationInput input = VerifyFixtures.honest(segment, dev.streamflow.bridge.engine.VideoProfile.DEFAULT_LADDER);
        DeepSample sample = new FfmpegFrameSampler(TestMedia.tools(), DeepCheckSettings.defaults(), new SecureRandom())
                .sample(new Subject(input, null));
        assertTrue(sample.renditions().size() == 3 && sample.times().size() == 4, sample.times().toString());
    }
}
