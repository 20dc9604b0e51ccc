package dev.streamflow.bridge.engine;

import java.time.Duration;

/** The wall-clock limit of one transcode; checked between packets and frames. */
record Deadline(long startNanos, Duration limit) {

    static Deadline startingNow(Duration limit) {
        return new Deadline(System.nanoTime(), limit);
    }

    long remainingNanos() {
        return limit.toNanos() - (System.nanoTime() - startNanos);
    }

    void check(String where) throws TranscodeException {
        if (System.nanoTime() - startNanos > limit.toNanos()) {
            throw new TranscodeException("transcoding took longer than the limit of " + limit.toMillis() + " ms (" + where + ")");
        }
    }
}
