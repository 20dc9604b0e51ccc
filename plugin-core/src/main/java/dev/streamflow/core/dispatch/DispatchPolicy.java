package dev.streamflow.core.dispatch;

import dev.streamflow.pm.money.Fraction;

import java.util.Optional;

/**
 * A channel's terms for its segments.
 *
 * @param redundancy       orchestrators each segment goes to at once; the first good result wins
 * @param maxPricePerPixel the most it pays, wei per pixel; empty for no limit
 */
public record DispatchPolicy(int redundancy, Optional<Fraction> maxPricePerPixel) {

    public DispatchPolicy {
        if (redundancy < 1) {
            throw new IllegalArgumentException("redundancy must be at least 1, was " + redundancy);
        }
    }

    public static DispatchPolicy single() {
        return new DispatchPolicy(1, Optional.empty());
    }
}
