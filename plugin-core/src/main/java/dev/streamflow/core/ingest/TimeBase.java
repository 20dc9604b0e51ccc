package dev.streamflow.core.ingest;

/** The unit of a timestamp, as a fraction of a second (RTMP: 1/1000, MPEG-TS: 1/90000). */
public record TimeBase(int num, int den) {
    public static final TimeBase MILLIS = new TimeBase(1, 1000);
    public static final TimeBase MPEG_TS = new TimeBase(1, 90_000);

    public TimeBase {
        if (num <= 0 || den <= 0) {
            throw new IllegalArgumentException("time base " + num + "/" + den + " must be positive");
        }
    }

    /** Converts {@code value} in this time base to {@code target}, rounding half up. */
    public long rescale(long value, TimeBase target) {
        long numerator = Math.multiplyExact(value, Math.multiplyExact((long) num, target.den));
        long denominator = (long) den * target.num;
        return Math.floorDiv(numerator + denominator / 2, denominator);
    }
}
