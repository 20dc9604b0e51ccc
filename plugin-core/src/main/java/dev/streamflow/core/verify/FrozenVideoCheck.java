package dev.streamflow.core.verify;

import java.util.Optional;

/**
 * The rendition moves where the source moves: between neighbouring sample frames whose source differs clearly,
 * the rendition must not stand still. A static source never trips it (implementation notes §10).
 */
final class FrozenVideoCheck extends DeepCheck {
    /** A rendition whose frames differ by less than this share of the source's change stands still. */
    private static final double STILL_SHARE = 0.1;

    @Override
    public String name() {
        return "frozen";
    }

    @Override
    Optional<String> problem(DeepSample sample, DeepSample.RenditionSample r) {
        for (int k = 0; k + 1 < r.rendition().size(); k++) {
            double sourceChange = Luma.meanAbsoluteDifference(r.source().get(k), r.source().get(k + 1));
            if (sourceChange < ContentCheck.SOURCE_MOVES) {
                continue;
            }
            double renditionChange = Luma.meanAbsoluteDifference(r.rendition().get(k), r.rendition().get(k + 1));
            if (renditionChange < STILL_SHARE * sourceChange) {
                return Optional.of(String.format("stands still between %.3f s and %.3f s (change %.2f) while the source moves (%.2f)",
                        sample.times().get(k), sample.times().get(k + 1), renditionChange, sourceChange));
            }
        }
        return Optional.empty();
    }
}
