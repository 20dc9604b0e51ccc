package dev.streamflow.core.verify;

import dev.streamflow.bridge.engine.VideoProfile;

/**
 * The frame size a rendition of a {@code sourceWidth x sourceHeight} source should have: the engine's rule
 * (fit inside the profile's box, aspect kept, never upscaled, even sides). Other encoders round differently,
 * so a rendition matches when each side is within {@link #TOLERANCE} pixels.
 */
record FittedSize(int width, int height) {
    static final int TOLERANCE = 2;

    static FittedSize of(int sourceWidth, int sourceHeight, VideoProfile profile) {
        double scale = Math.min(1.0, Math.min((double) profile.width() / sourceWidth, (double) profile.height() / sourceHeight));
        return new FittedSize(even(sourceWidth * scale, Math.min(profile.width(), sourceWidth)),
                even(sourceHeight * scale, Math.min(profile.height(), sourceHeight)));
    }

    boolean matches(int actualWidth, int actualHeight) {
        return Math.abs(actualWidth - width) <= TOLERANCE && Math.abs(actualHeight - height) <= TOLERANCE;
    }

    private static int even(double exact, int limit) {
        int nearestEven = 2 * (int) Math.round(exact / 2);
        return Math.max(2, Math.min(nearestEven, limit & ~1));
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
