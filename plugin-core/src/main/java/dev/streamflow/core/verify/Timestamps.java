package dev.streamflow.core.verify;

import java.util.List;

/** 90 kHz MPEG-TS timestamps, which are 33 bits wide and wrap every 26.5 h (implementation notes §11). */
final class Timestamps {
    static final long WRAP = 1L << 33;

    private Timestamps() {
    }

    /** {@code later - earlier} modulo 2^33, as the signed value nearest to zero. */
    static long difference(long later, long earlier) {
        long delta = Math.floorMod(later - earlier, WRAP);
        return delta >= WRAP / 2 ? delta - WRAP : delta;
    }

    /** The earliest and latest of {@code pts}, as offsets from the first one (so a wrap inside the list is harmless). */
    static Span span(List<Long> pts) {
        long first = pts.get(0);
        long min = 0;
        long max = 0;
        for (long t : pts) {
            long offset = difference(t, first);
            min = Math.min(min, offset);
            max = Math.max(max, offset);
        }
        return new Span(Math.floorMod(first + min, WRAP), max - min);
    }

    /** @param start the earliest timestamp, in 0 .. 2^33 - 1; @param length latest − earliest, in ticks */
    record Span(long start, long length) {
    }
}
