package dev.streamflow.bridge.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits on what one segment may cost, and where the engine stages its input.
 *
 * @param maxInputBytes   largest segment accepted
 * @param timeout         wall time allowed for one segment's whole ladder
 * @param maxSourcePixels largest source frame (width × height) accepted
 * @param workDir         where each segment is written while FFmpeg demuxes it; deleted right after
 */
public record EngineSettings(long maxInputBytes, Duration timeout, long maxSourcePixels, Path workDir) {

    public EngineSettings {
        if (maxInputBytes < 188) {
            throw new IllegalArgumentException("maxInputBytes " + maxInputBytes + " is below one MPEG-TS packet");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxSourcePixels < 16 * 16) {
            throw new IllegalArgumentException("maxSourcePixels " + maxSourcePixels + " is too small");
        }
        if (workDir == null) {
            throw new IllegalArgumentException("no work directory");
        }
    }

    /** 64 MiB, 60 s, 8K frames, the JVM's temporary directory. */
    public static EngineSettings defaults() {
        return new EngineSettings(64L << 20, Duration.ofSeconds(60), 7680L * 4320, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public EngineSettings withTimeout(Duration newTimeout) {
        return new EngineSettings(maxInputBytes, newTimeout, maxSourcePixels, workDir);
    }

    public EngineSettings withMaxInputBytes(long newMax) {
        return new EngineSettings(newMax, timeout, maxSourcePixels, workDir);
    }
}
