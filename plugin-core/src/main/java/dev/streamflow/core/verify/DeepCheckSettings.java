package dev.streamflow.core.verify;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a deep check decodes.
 *
 * @param frames          frames compared per rendition (3–5 is enough: implementation notes §6)
 * @param windowSeconds   the frames are spread over the first this-many seconds of the segment (at most all of it);
 *                        decoding stops after the last one, so a shorter window costs less CPU
 * @param timeout         wall time the decoder subprocess may take before it is killed
 * @param memoryLimitBytes virtual memory the decoder subprocess may map ({@code ulimit -v})
 * @param workDir         where the segment and renditions are staged for the subprocess
 */
public record DeepCheckSettings(int frames, double windowSeconds, Duration timeout, long memoryLimitBytes, Path workDir) {

    public DeepCheckSettings {
        if (frames < 2 || frames > 30) {
            throw new IllegalArgumentException("frames " + frames + " is outside 2..30");
        }
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("window " + windowSeconds + " s must be positive");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (memoryLimitBytes < 16L << 20) {
            throw new IllegalArgumentException("memory limit " + memoryLimitBytes + " is below 16 MiB");
        }
    }

    /** 4 frames over the first second, 10 s, 1 GiB, the JVM's temporary directory. */
    public static DeepCheckSettings defaults() {
        return new DeepCheckSettings(4, 1.0, Duration.ofSeconds(10), 1L << 30, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public DeepCheckSettings withTimeout(Duration newTimeout) {
        return new DeepCheckSettings(frames, windowSeconds, newTimeout, memoryLimitBytes, workDir);
    }

    public DeepCheckSettings withMemoryLimit(long bytes) {
        return new DeepCheckSettings(frames, windowSeconds, timeout, bytes, workDir);
    }

    public DeepCheckSettings withWindow(int newFrames, double seconds) {
        return new DeepCheckSettings(newFrames, seconds, timeout, memoryLimitBytes, workDir);
    }
}
