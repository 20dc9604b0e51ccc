package dev.streamflow.core.segment;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stream is cut.
 *
 * @param target       a segment ends at the first keyframe at least this long after its start
 * @param maxDuration  a stream with no keyframe for this long is rejected (its encoder's keyframe interval is wrong)
 */
public record SegmenterSettings(Duration target, Duration maxDuration) {

    public static final SegmenterSettings DEFAULTS = new SegmenterSettings(Duration.ofSeconds(2), Duration.ofSeconds(10));

    public SegmenterSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("segment target " + target + " must be positive");
        }
        if (maxDuration.compareTo(target) <= 0) {
            throw new IllegalArgumentException("segment maxDuration " + maxDuration + " must be longer than the target " + target);
        }
    }

    long target90k() {
        return to90k(target);
    }

    long maxDuration90k() {
        return to90k(maxDuration);
    }

    private static long to90k(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), (long) Segment.CLOCK_HZ),
                d.getNano() * (long) Segment.CLOCK_HZ / 1_000_000_000L);
    }
}
