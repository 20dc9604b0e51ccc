package dev.streamflow.sample.red5;

import org.red5.server.api.event.IEvent;
import org.red5.server.stream.ClientBroadcastStream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A broadcast stream that lets the publisher's last packets through before it closes. Red5 1.3 handles a
 * disconnect or deleteStream on one thread but hands audio and video to another executor, so the stream used
 * to close while the final packets were still queued, and Red5 dropped them. This closes only once nothing
 * has arrived for a quiet period after the close was requested (at most {@link #MAX_WAIT_MILLIS} later).
 */
public class DrainingBroadcastStream extends ClientBroadcastStream {
    static final long QUIET_MILLIS = 150;
    static final long MAX_WAIT_MILLIS = 2000;
    private static final Executor LATER = CompletableFuture.delayedExecutor(QUIET_MILLIS / 3, TimeUnit.MILLISECONDS);

    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private volatile long lastEventNanos = System.nanoTime();

    @Override
    public void dispatchEvent(IEvent event) {
        lastEventNanos = System.nanoTime();
        super.dispatchEvent(event);
    }

    @Override
    public void close() {
        if (closeRequested.compareAndSet(false, true)) {
            long requested = System.nanoTime();
            LATER.execute(() -> closeWhenQuiet(requested));
        }
    }

    private void closeWhenQuiet(long requestedNanos) {
        long now = System.nanoTime();
        long lastActivity = Math.max(lastEventNanos, requestedNanos);
        boolean quiet = now - lastActivity >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        boolean waitedEnough = now - requestedNanos >= TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        if (quiet || waitedEnough) {
            super.close();
        } else {
            LATER.execute(() -> closeWhenQuiet(requestedNanos));
        }
    }
}
