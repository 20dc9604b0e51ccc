package dev.streamflow.bridge.engine;

/**
 * The frame size of one rendition: the source scaled to fit inside the profile's box with its aspect ratio
 * kept, never larger than the source, and with even sides (4:2:0 chroma needs them).
 */
record OutputSize(int width, int height) {

    static OutputSize fit(int sourceWidth, int sourceHeight, VideoProfile profile) {
        double scale = Math.min(1.0, Math.min((double) profile.width() / sourceWidth, (double) profile.height() / sourceHeight));
        return new OutputSize(
                evenAtMost(sourceWidth * scale, Math.min(profile.width(), sourceWidth)),
                evenAtMost(sourceHeight * scale, Math.min(profile.height(), sourceHeight)));
    }

    /** The nearest even number to {@code exact}, but not above {@code limit} (rounded down to even) and at least 2. */
    private static int evenAtMost(double exact, int limit) {
        int nearestEven = 2 * (int) Math.round(exact / 2);
        return Math.max(2, Math.min(nearestEven, limit & ~1));
    }
}
