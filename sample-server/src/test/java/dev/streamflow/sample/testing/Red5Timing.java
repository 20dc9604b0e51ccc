package dev.streamflow.sample.testing;

import java.time.Duration;

/** How long tests give embedded Red5 for things that depend on its own timers. */
public final class Red5Timing {
    /**
     * Red5 1.3 notices a publisher that closed its socket without an RTMP goodbye (a killed ffmpeg, a client
     * that just stops) only at its 60 s connection timeout; a clean stop is seen at once.
     */
    public static final Duration NOTICES_DISCONNECT = Duration.ofSeconds(75);

    private Red5Timing() {
    }
}
