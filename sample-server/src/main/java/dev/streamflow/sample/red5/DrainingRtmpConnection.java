package dev.streamflow.sample.red5;

import org.red5.server.net.rtmp.RTMPMinaConnection;

import java.util.concurrent.TimeUnit;

/**
 * An RTMP connection that handles what it has already received before it closes. Red5 1.3 decodes on the
 * I/O thread and handles messages on a receive thread; when the publisher disconnects, close() ran on the
 * I/O thread and the receive loop cleared its queue, dropping the publisher's last packets. Waiting (a
 * bounded time) for that queue to empty keeps them.
 */
public class DrainingRtmpConnection extends RTMPMinaConnection {
    static final long MAX_DRAIN_MILLIS = 500;

    @Override
    public void close() {
        if (!onReceiveThread()) {
            awaitReceivedPacketsHandled();
        }
        super.close();
    }

    /** The receive thread closes the connection itself on some commands; it cannot wait for its own queue. */
    private boolean onReceiveThread() {
        return Thread.currentThread().getName().equals("RTMPRecv@" + getSessionId());
    }

    private void awaitReceivedPacketsHandled() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_DRAIN_MILLIS);
        while (!receivedPacketQueue.isEmpty() && receivedPacketFuture != null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
