package dev.streamflow.core.verify;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rendition shows the source: per-frame SSIM against the source scaled to its size, judged by its minimum and
 * median, and, where that is unconvincing and the source moves, better against the aligned source frames than
 * against shifted ones.
 */
final class ContentCheck extends DeepCheck {
    /**
     * Honest renditions score far above this (BENCHMARKS.md), and there the aligned-versus-shifted comparison adds
     * nothing but CPU; below it, a rendition that matches shifted frames as well as aligned ones is not the source.
     */
    static final double RELATIVE_TEST_BELOW = 0.9;
    /** Mean absolute luma difference between sample frames above which the source clearly moves. */
    static final double SOURCE_MOVES = 2.0;
    private final ContentThresholds thresholds;

    ContentCheck(ContentThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return "content";
    }

    @Override
    Optional<String> problem(DeepSample sample, DeepSample.RenditionSample r) {
        SsimScores scores = SsimScores.of(r);
        if (scores.min() < thresholds.minFrameSsim() || scores.median() < thresholds.minMedianSsim()) {
            return Optional.of(String.format("SSIM against the source min %.3f / median %.3f is below %.2f / %.2f: not the source's "
                    + "picture", scores.min(), scores.median(), thresholds.minFrameSsim(), thresholds.minMedianSsim()));
        }
        if (scores.median() < RELATIVE_TEST_BELOW && sourceMoves(r)) {
            double shifted = SsimScores.shiftedMedian(r);
            if (scores.median() - shifted < thresholds.minAdvantage()) {
                return Optional.of(String.format("matches shifted source frames (median SSIM %.3f) as well as the aligned ones (%.3f)",
                        shifted, scores.median()));
            }
        }
        return Optional.empty();
    }

    /** The source's neighbouring sample frames differ clearly, so aligned frames must match better than shifted ones. */
    static boolean sourceMoves(DeepSample.RenditionSample r) {
        for (int k = 0; k + 1 < r.source().size(); k++) {
            if (Luma.meanAbsoluteDifference(r.source().get(k), r.source().get(k + 1)) >= SOURCE_MOVES) {
                return true;
            }
        }
        return false;
    }

    /** Per-frame SSIM of the rendition against the aligned source frames. */
    record SsimScores(double[] aligned) {

        static SsimScores of(DeepSample.RenditionSample r) {
            double[] aligned = new double[r.source().size()];
            for (int k = 0; k < aligned.length; k++) {
                aligned[k] = Luma.ssim(r.rendition().get(k), r.source().get(k), r.width(), r.height());
            }
            return new SsimScores(aligned);
        }

        /** The median SSIM of each rendition frame against the source's next sample frame (the previous for the last). */
        static double shiftedMedian(DeepSample.RenditionSample r) {
            int n = r.source().size();
            double[] shifted = new double[n];
            for (int k = 0; k < n; k++) {
                shifted[k] = Luma.ssim(r.rendition().get(k), r.source().get(k + 1 < n ? k + 1 : k - 1), r.width(), r.height());
            }
            return median(shifted);
        }

        double min() {
            return Arrays.stream(aligned).min().orElse(0);
        }

        double median() {
            return median(aligned);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
