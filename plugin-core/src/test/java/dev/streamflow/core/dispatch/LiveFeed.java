package dev.streamflow.core.dispatch;

import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.TimeBase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A publisher in real time: each packet is handed over when its source timestamp is due. Records when every video
 * keyframe went in, since a segment is complete (cut) when the next keyframe arrives.
 */
final class LiveFeed implements Runnable {
    private final List<MediaPacket> packets;
    private final StreamHandle handle;
    private final boolean paced;
    private final List<Instant> keyframes = new ArrayList<>();
    private volatile Instant closedAt;
    private volatile Throwable failure;

    LiveFeed(List<MediaPacket> packets, StreamHandle handle, boolean paced) {
        this.packets = packets;
        this.handle = handle;
        this.paced = paced;
    }

    @Override
    public void run() {
        try {
            long startNanos = System.nanoTime();
            long firstMillis = -1;
            for (MediaPacket p : packets) {
                long millis = p.timeBase().rescale(p.dts(), TimeBase.MILLIS);
                if (firstMillis < 0 && !p.config()) {
                    firstMillis = millis;
                }
                if (paced && firstMillis >= 0) {
                    long due = startNanos + TimeUnit.MILLISECONDS.toNanos(millis - firstMillis);
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                handle.packet(p);
                if (p.isVideo() && p.keyframe() && !p.config()) {
                    synchronized (keyframes) {
                        keyframes.add(Instant.now());
                    }
                }
            }
            handle.close();
            closedAt = Instant.now();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** When segment {@code n} was complete: the next keyframe went in, or the stream closed. */
    Instant cut(int n) {
        synchronized (keyframes) {
            return n + 1 < keyframes.size() ? keyframes.get(n + 1) : closedAt;
        }
    }

    Throwable failure() {
        return failure;
    }
}
