package dev.streamflow.adapter.red5;

import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.ingest.flv.FlvTagException;
import dev.streamflow.core.ingest.flv.FlvTags;
import org.red5.server.api.stream.IBroadcastStream;
import org.red5.server.api.stream.IStreamListener;
import org.red5.server.api.stream.IStreamPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Feeds one Red5 broadcast stream into its {@link StreamHandle}. Packets arrive in order, one at a time, on
 * Red5's dispatch threads; the close can come from another thread, hence the lock. Nothing is ever thrown
 * back into Red5: a tag we cannot parse ends our side of the stream with one log line. A listener attached after
 * the broadcast began first passes on the codec configurations it missed.
 */
final class StreamIngestListener implements IStreamListener {
    private static final Logger log = LoggerFactory.getLogger(StreamIngestListener.class);

    private final StreamKey key;
    private final StreamHandle handle;
    private volatile boolean ended;
    private volatile long lastPacketNanos = System.nanoTime();
    private boolean started;

    StreamIngestListener(StreamKey key, StreamHandle handle) {
        this.key = key;
        this.handle = handle;
    }

    StreamKey key() {
        return key;
    }

    boolean isEnded() {
        return ended;
    }

    @Override
    public synchronized void packetReceived(IBroadcastStream stream, IStreamPacket packet) {
        if (ended) {
            return;
        }
        lastPacketNanos = System.nanoTime();
        try {
            if (!started) {
                started = true;
                MissedConfigs.before(stream, packet).forEach(handle::packet);
            }
            Optional<MediaPacket> parsed = FlvTags.parse(packet.getDataType(),
                    Integer.toUnsignedLong(packet.getTimestamp()), HostBuffers.copyBody(packet.getData()));
            parsed.ifPresent(handle::packet);
        } catch (FlvTagException e) {
            fail(stream, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a Red5 version whose API differs from the one we were built against.
            log.debug("Stream {}: unexpected failure", key, e);
            fail(stream, e.toString());
        }
    }

    /** Nanoseconds ({@link System#nanoTime()}) since the last packet arrived, or since the stream started. */
    long silentNanos(long nowNanos) {
        return nowNanos - lastPacketNanos;
    }

    /** The publisher stopped: flush and end the stream's output. */
    synchronized void publisherStopped() {
        if (!ended) {
            log.info("Stream {}: publisher stopped, ending its Streamflow output", key);
            end();
        }
    }

    private void fail(IBroadcastStream stream, String reason) {
        log.warn("Stream {}: Streamflow stops ingesting it: {}", key, reason);
        end();
        stream.removeStreamListener(this);
    }

    private void end() {
        ended = true;
        try {
            handle.close();
        } catch (RuntimeException e) {
            log.warn("Stream {}: closing its Streamflow handle failed: {}", key, e.toString());
        }
    }
}
