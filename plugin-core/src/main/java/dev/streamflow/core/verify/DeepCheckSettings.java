package dev.streamflow.core.verify;

import dev.streamflow.core.verify.decode.DecodeRequest;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a deep check decodes.
 *
 * @param frames           frames compared per rendition (3–5 is enough: implementation notes §6)
 * @param windowSeconds    the frames are spread over the first this-many seconds of the segment (at most all of it);
 *                         decoding stops after the last one, so a shorter window costs less CPU
 * @param timeout          wall time one check's decoding may take before its worker is killed
 * @param memoryLimitBytes address space a decode worker may map ({@code ulimit -v}); its JVM alone needs about 0.6 GiB
 * @param workDir          where the segment and renditions are staged for the worker
 * @param workers          decode worker processes at most, each decoding one check at a time
 * @param startupTimeout   how long a new worker may take to start its JVM and load FFmpeg
 */
public record DeepCheckSettings(int frames, double windowSeconds, Duration timeout, long memoryLimitBytes, Path workDir, int workers,
                                Duration startupTimeout) {

    public DeepCheckSettings {
        if (frames < 2 || frames > DecodeRequest.MAX_TIMES) {
            throw new IllegalArgumentException("frames " + frames + " is outside 2.." + DecodeRequest.MAX_TIMES);
        }
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("window " + windowSeconds + " s must be positive");
        }
        requirePositive(timeout, "timeout");
        requirePositive(startupTimeout, "startup timeout");
        if (memoryLimitBytes < 64L << 20) {
            throw new IllegalArgumentException("memory limit " + memoryLimitBytes + " is below 64 MiB");
        }
        if (workers < 1 || workers > 16) {
            throw new IllegalArgumentException("workers " + workers + " is outside 1..16");
        }
    }

    /**
     * 4 frames over the first 0.8 s (one from each fifth of a second: 24 frames decoded at 30 fps, which keeps a 1080p
     * deep check within 15 % of the ladder's CPU, BENCHMARKS.md), 10 s, 1.5 GiB, the JVM's temporary directory, 2
     * workers that may take 60 s to start.
     */
    public static DeepCheckSettings defaults() {
        return new DeepCheckSettings(4, 0.8, Duration.ofSeconds(10), 3L << 29, Path.of(System.getProperty("java.io.tmpdir")), 2,
                Duration.ofSeconds(60));
    }

    public DeepCheckSettings withTimeout(Duration newTimeout) {
        return new DeepCheckSettings(frames, windowSeconds, newTimeout, memoryLimitBytes, workDir, workers, startupTimeout);
    }

    public DeepCheckSettings withMemoryLimit(long bytes) {
        return new DeepCheckSettings(frames, windowSeconds, timeout, bytes, workDir, workers, startupTimeout);
    }

    public DeepCheckSettings withWindow(int newFrames, double seconds) {
        return new DeepCheckSettings(newFrames, seconds, timeout, memoryLimitBytes, workDir, workers, startupTimeout);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
