package dev.streamflow.core.verify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deep checks on synthetic luma planes, where each case is exactly what it claims: a moving texture as the
 * source, and renditions that are faithful but noisy, a frame late, frozen or black.
 */
class DeepChecksTest {
    private static final int WIDTH = 160;
    private static final int HEIGHT = 96;
    private static final int FRAMES = 4;
    private static final List<Double> TIMES = List.of(0.0, 0.2, 0.4, 0.6);

    private final ContentCheck content = new ContentCheck(ContentThresholds.calibrated());

    @Test
    void aNoisyButFaithfulRenditionInTheGreyZonePassesTheRelativeTest() {
        DeepSample.RenditionSample r = rendition(moving(2), k -> noisy(texture(k, 2), k));
        double median = ContentCheck.SsimScores.of(r).median();

        assertTrue(median < ContentCheck.RELATIVE_TEST_BELOW && median > 0.65, "grey zone, median " + median);
        assertEquals(Optional.empty(), content.problem(sample(r), r));
    }

    @Test
    void aRenditionOneSampleLateIsNotTheSource() {
        // Each frame shows the source's next sample frame: the right picture at the wrong time, close enough to pass
        // the absolute SSIM cuts.
        DeepSample.RenditionSample r = rendition(moving(1), k -> noisy(texture(k + 1, 1), k));
        double median = ContentCheck.SsimScores.of(r).median();

        assertTrue(median < ContentCheck.RELATIVE_TEST_BELOW && median > 0.65, "grey zone, median " + median);
        Optional<String> problem = content.problem(sample(r), r);
        assertTrue(problem.orElse("").startsWith("matches neighbouring source frames"), problem.toString());
    }

    @Test
    void aFrozenRenditionOfAMovingSourceFails() {
        DeepSample.RenditionSample r = rendition(moving(), k -> texture(0, 8));

        Optional<String> problem = new FrozenVideoCheck().problem(sample(r), r);
        assertTrue(problem.orElse("").startsWith("stands still between 0.000 s and 0.200 s"), problem.toString());
    }

    @Test
    void aStillSourceMayHaveAStillRendition() {
        List<byte[]> still = frames(k -> texture(0, 8));
        DeepSample.RenditionSample r = rendition(still, k -> texture(0, 8));

        assertEquals(Optional.empty(), new FrozenVideoCheck().problem(sample(r), r));
    }

    @Test
    void blackIsWrongOnlyWhereTheSourceIsNotBlack() {
        DeepSample.RenditionSample overLitSource = rendition(moving(), k -> flat(16));
        DeepSample.RenditionSample overDarkSource = rendition(frames(k -> flat(18)), k -> flat(16));

        assertTrue(new BlackFrameCheck().problem(sample(overLitSource), overLitSource).orElse("").contains("is black"));
        assertEquals(Optional.empty(), new BlackFrameCheck().problem(sample(overDarkSource), overDarkSource));
    }

    private static List<byte[]> moving() {
        return moving(8);
    }

    private static List<byte[]> moving(int step) {
        return frames(k -> texture(k, step));
    }

    private static List<byte[]> frames(IntFunction<byte[]> frame) {
        List<byte[]> frames = new ArrayList<>();
        for (int k = 0; k < FRAMES; k++) {
            frames.add(frame.apply(k));
        }
        return frames;
    }

    private static DeepSample.RenditionSample rendition(List<byte[]> source, IntFunction<byte[]> frame) {
        return new DeepSample.RenditionSample(WIDTH, HEIGHT, source, frames(frame), Optional.empty(), true);
    }

    private static DeepSample sample(DeepSample.RenditionSample r) {
        return new DeepSample(TIMES, List.of(r), Optional.empty());
    }

    /** A textured pattern that moves {@code step} pixels right per sample frame. */
    private static byte[] texture(int frame, int step) {
        byte[] plane = new byte[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double u = x - frame * step;
                plane[y * WIDTH + x] = (byte) (128 + 50 * Math.sin(u / 3.0) * Math.cos(y / 4.0) + 30 * Math.sin((u + y) / 11.0));
            }
        }
        return plane;
    }

    private static byte[] noisy(byte[] plane, int seed) {
        Random random = new Random(seed);
        byte[] out = plane.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, (out[i] & 0xFF) + (int) (random.nextGaussian() * 18)));
        }
        return out;
    }

    private static byte[] flat(int value) {
        byte[] plane = new byte[WIDTH * HEIGHT];
        java.util.Arrays.fill(plane, (byte) value);
        return plane;
    }
}
