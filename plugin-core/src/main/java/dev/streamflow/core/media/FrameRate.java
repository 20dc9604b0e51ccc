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

    private FrameRate() {
    }

    /**
     * 90 kHz divided by the median step between consecutive distinct PTS in presentation order. PTS may be in
     * decode order and may wrap at 2^33 once within the list.
     */
    public static OptionalDouble fromPts(List<Long> pts) {
        if (pts.size() < 2) {
            return OptionalDouble.empty();
        }
        long[] unwrapped = unwrap(pts);
        Arrays.sort(unwrapped);
        long[] steps = new long[unwrapped.length - 1];
        int count = 0;
        for (int i = 1; i < unwrapped.length; i++) {
            long step = unwrapped[i] - unwrapped[i - 1];
            if (step > 0) {
                steps[count++] = step;
            }
        }
        if (count == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(steps, 0, count);
        double median = count % 2 == 1 ? steps[count / 2] : (steps[count / 2 - 1] + steps[count / 2]) / 2.0;
        return OptionalDouble.of(90_000.0 / median);
    }

    /** Each PTS as a signed offset from the first one, modulo 2^33. */
    private static long[] unwrap(List<Long> pts) {
        long first = pts.get(0);
        long[] out = new long[pts.size()];
        for (int i = 0; i < out.length; i++) {
            long delta = Math.floorMod(pts.get(i) - first, WRAP);
            out[i] = delta >= WRAP / 2 ? delta - WRAP : delta;
        }
        return out;
    }
}
