package dev.streamflow.core.dispatch;

import dev.streamflow.pm.money.Fraction;

import java.util.Optional;

/**
 * A channel's terms for its segments.
 *
 * @param redundancy       orchestrators each segment goes to at once; the first good result wins
 * @param maxPricePerPixel the most it pays, wei per pixel; empty for no limit
 * @param deepCheckOneIn   one remote result in this many also gets the deep check (0: never)
 */
public record DispatchPolicy(int redundancy, Optional<Fraction> maxPricePerPixel, int deepCheckOneIn) {

    public DispatchPolicy {
        if (redundancy < 1) {
            throw new IllegalArgumentException("redundancy must be at least 1, was " + redundancy);
        }
        if (deepCheckOneIn < 0) {
            throw new IllegalArgumentException("deepCheckOneIn must not be negative, was " + deepCheckOneIn);
        }
    }

    public static DispatchPolicy single() {
        return new DispatchPolicy(1, Optional.empty(), 10);
    }

    /** "verification-rate = 0.1" means one segment in ten; 0 means never. */
    public static int oneIn(double verificationRate) {
        if (!(verificationRate >= 0 && verificationRate <= 1)) {
            throw new IllegalArgumentException("verification-rate must be between 0 and 1, was " + verificationRate);
        }
        return verificationRate == 0 ? 0 : (int) Math.round(1 / verificationRate);
    }
}
