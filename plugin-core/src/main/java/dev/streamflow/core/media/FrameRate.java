package dev.streamflow.core.media;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Frame rate from presentation timestamps. The SPS cannot be trusted for this: x264 with a 1/90000 time base
 * writes VUI timing that claims 90000 fps, and openh264 writes none.
 */
public final class FrameRate {
    private static final long WRAP = 1L << 33;
    /** Rates players and encoders actually use; a measurement this close to one of them is that rate. */
    private static final double[] NOMINAL = {
            24000 / 1001.0, 24, 25, 30000 / 1001.0, 30, 48, 50, 60000 / 1001.0, 60, 90, 100, 120};
    private static final double SNAP_TOLERANCE = 0.005;

    private FrameRate() {
    }

    /**
     * Frames per second from the steps between distinct PTS (which may be in decode order and may wrap at 2^33
     * once), snapped to a nominal rate within 0.5 %. Two estimates, because each fails somewhere: the median
     * step survives a dropped frame but not RTMP's millisecond timestamps (at 30 fps the steps are 33, 33 and
     * 34 ms, so the median says 30.3); the mean step over the span is the reverse.
     */
    public static OptionalDouble fromPts(List<Long> pts) {
        long[] distinct = Arrays.stream(unwrap(pts)).sorted().distinct().toArray();
        if (distinct.length < 2) {
            return OptionalDouble.empty();
        }
        double byMedian = 90_000.0 / medianStep(distinct);
        double byMean = 90_000.0 * (distinct.length - 1) / (distinct[distinct.length - 1] - distinct[0]);
        return OptionalDouble.of(nominal(byMedian).orElse(nominal(byMean).orElse(byMedian)));
    }

    private static double medianStep(long[] sorted) {
        long[] steps = new long[sorted.length - 1];
        for (int i = 1; i < sorted.length; i++) {
            steps[i - 1] = sorted[i] - sorted[i - 1];
        }
        Arrays.sort(steps);
        int n = steps.length;
        return n % 2 == 1 ? steps[n / 2] : (steps[n / 2 - 1] + steps[n / 2]) / 2.0;
    }

    /** The nearest nominal rate within the tolerance (29.97 and 30 are both in range of each other). */
    private static OptionalDouble nominal(double measured) {
        return Arrays.stream(NOMINAL)
                .filter(nominal -> Math.abs(measured - nominal) <= nominal * SNAP_TOLERANCE)
                .boxed()
                .min(java.util.Comparator.comparingDouble(nominal -> Math.abs(measured - nominal)))
                .map(OptionalDouble::of)
                .orElse(OptionalDouble.empty());
    }

    /** Each PTS as a signed offset from the first one, modulo 2^33. */
    private static long[] unwrap(List<Long> pts) {
        if (pts.isEmpty()) {
            return new long[0];
        }
        long first = pts.get(0);
        long[] out = new long[pts.size()];
        for (int i = 0; i < out.length; i++) {
            long delta = Math.floorMod(pts.get(i) - first, WRAP);
            out[i] = delta >= WRAP / 2 ? delta - WRAP : delta;
        }
        return out;
    }
}
