package dev.streamflow.pm.sender;

import java.util.List;

/**
 * The pixels a broadcaster pays for up front: Σ width × height × ceil(fps/fpsDen) × ceil(seconds),
 * with 60 fps assumed for passthrough (fps 0), as go-livepeer's {@code estimateFee}.
 */
public final class PixelEstimate {
    static final int PASSTHROUGH_FPS = 60;

    /** One output rung: size and frame rate as a fraction (fpsDen 0 means 1; fps 0 means passthrough). */
    public record Rung(int width, int height, int fps, int fpsDen) {
        public Rung {
            if (width <= 0 || height <= 0 || fps < 0 || fpsDen < 0) {
                throw new IllegalArgumentException("invalid rung " + width + "x" + height + " @" + fps + "/" + fpsDen);
            }
        }
    }

    private PixelEstimate() {
    }

    public static long estimate(List<Rung> rungs, long durationMillis) {
        if (durationMillis < 0) {
            throw new IllegalArgumentException("negative duration: " + durationMillis);
        }
        long seconds = ceilDiv(durationMillis, 1000);
        long total = 0;
        for (Rung rung : rungs) {
            long framesPerSecond = rung.fps() == 0 ? PASSTHROUGH_FPS : ceilDiv(rung.fps(), rung.fpsDen() == 0 ? 1 : rung.fpsDen());
            total = Math.addExact(total, Math.multiplyExact(Math.multiplyExact((long) rung.width() * rung.height(),
                    framesPerSecond), seconds));
        }
        return total;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
