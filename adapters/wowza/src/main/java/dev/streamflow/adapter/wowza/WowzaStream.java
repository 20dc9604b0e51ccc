package dev.streamflow.adapter.wowza;

import dev.streamflow.core.ingest.IngestHook;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * One published Wowza stream on its way into Streamflow: the module hands over each live packet's type, timecode
 * and data. A malformed packet ends the transcoding of that stream (once, with the reason); Wowza's own handling
 * of the stream is never disturbed. Calls from Wowza's threads are serialised here.
 */
public final class WowzaStream {
    private static final Logger log = LoggerFactory.getLogger(WowzaStream.class);

    private final StreamKey key;
    private final StreamHandle handle;
    private boolean closed;

    private WowzaStream(StreamKey key, StreamHandle handle) {
        this.key = key;
        this.handle = handle;
    }

    /** Empty when the names cannot name an HLS folder (the stream is then left alone). */
    public static Optional<WowzaStream> open(IngestHook hook, String app, String stream) {
        StreamKey key;
        try {
            key = new StreamKey(app, stream);
        } catch (IllegalArgumentException e) {
            log.warn("stream '{}' of '{}' is not transcoded: {}", stream, app, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new WowzaStream(key, hook.open(key)));
    }

    public synchronized void packet(int type, long absTimecode, byte[] data) {
        if (closed) {
            return;
        }
        try {
            WowzaPackets.translate(type, absTimecode, data).ifPresent(handle::packet);
        } catch (WowzaPacketException e) {
            log.error("{}: a live packet at {} ms is malformed ({}); the stream is no longer transcoded", key, absTimecode,
                    e.getMessage());
            close();
        }
    }

    public synchronized void close() {
        if (!closed) {
            closed = true;
            handle.close();
        }
    }
}
