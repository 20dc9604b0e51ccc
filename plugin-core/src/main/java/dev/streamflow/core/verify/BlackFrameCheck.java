package dev.streamflow.core.verify;

import java.util.Optional;

/**
 * No sampled frame is black where the source's is not. Judged against the source, so a dark or faded-out source
 * never trips it (implementation notes §10).
 */
final class BlackFrameCheck extends DeepCheck {
    /** Limited-range black is 16; a black frame has almost no texture. */
    private static final double BLACK_MEAN = 24;
    private static final double BLACK_DEVIATION = 3;
    /** The source frame is clearly not black. */
    private static final double LIT_MEAN = 32;
    private static final double TEXTURED_DEVIATION = 8;

    @Override
    public String name() {
        return "black";
    }

    @Override
    Optional<String> problem(DeepSample sample, DeepSample.RenditionSample r) {
        for (int k = 0; k < r.rendition().size(); k++) {
            Luma.Stats frame = Luma.stats(r.rendition().get(k));
            if (frame.mean() > BLACK_MEAN || frame.deviation() > BLACK_DEVIATION) {
                continue;
            }
            Luma.Stats source = Luma.stats(r.source().get(k));
            if (source.mean() >= LIT_MEAN || source.deviation() >= TEXTURED_DEVIATION) {
                return Optional.of(String.format("frame at %.3f s is black (mean luma %.1f) where the source's is not (%.1f)",
                        sample.times().get(k), frame.mean(), source.mean()));
            }
        }
        return Optional.empty();
    }
}
