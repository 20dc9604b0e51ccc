package dev.streamflow.core.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The rendition shows the source: per-frame SSIM against the source scaled to its size, judged by its minimum and
 * median, and, where that is unconvincing, better against the aligned source frames than against neighbouring ones
 * wherever the source moves between them.
 */
final class ContentCheck extends DeepCheck {
    /**
     * Honest renditions score far above this (BENCHMARKS.md), and there the aligned-versus-neighbour comparison adds
     * nothing but CPU; below it, a rendition that matches neighbouring frames as well as aligned ones is not the source.
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
        if (scores.median() < RELATIVE_TEST_BELOW) {
            OptionalDouble advantage = scores.advantageWhereTheSourceMoves(r);
            if (advantage.isPresent() && advantage.getAsDouble() < thresholds.minAdvantage()) {
                return Optional.of(String.format("matches neighbouring source frames as well as the aligned ones (median advantage %.3f, "
                        + "below %.2f)", advantage.getAsDouble(), thresholds.minAdvantage()));
            }
        }
        return Optional.empty();
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

        /**
         * Where the source clearly changes between a sample frame and its neighbour (the next, or the previous for the
         * last), how much better the rendition frame matches the aligned source frame than the neighbour: the median
         * over those frames, or empty when the source does not move. Frames where the source stands still would
         * match both equally and say nothing.
         */
        OptionalDouble advantageWhereTheSourceMoves(DeepSample.RenditionSample r) {
            int n = r.source().size();
            List<Double> advantages = new ArrayList<>();
            for (int k = 0; k < n && n > 1; k++) {
                byte[] neighbour = r.source().get(k + 1 < n ? k + 1 : k - 1);
                if (Luma.meanAbsoluteDifference(r.source().get(k), neighbour) >= SOURCE_MOVES) {
                    advantages.add(aligned[k] - Luma.ssim(r.rendition().get(k), neighbour, r.width(), r.height()));
                }
            }
            return advantages.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(median(advantages.stream().mapToDouble(Double::doubleValue).toArray()));
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
