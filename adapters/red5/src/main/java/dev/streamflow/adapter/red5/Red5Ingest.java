package dev.streamflow.adapter.red5;

import dev.streamflow.core.ingest.IngestHook;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import org.red5.server.api.stream.IBroadcastStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Red5 glue: attaches a listener to every broadcast stream when it starts and ends it when the
 * broadcast closes. Only API that Red5 1.3 and 2.0 share is used (IBroadcastStream, IStreamListener,
 * IStreamPacket), so an application adapter and a server-wide plugin can both delegate here.
 */
public final class Red5Ingest {
    private static final Logger log = LoggerFactory.getLogger(Red5Ingest.class);

    private final IngestHook hook;
    private final Map<IBroadcastStream, StreamIngestListener> active = new ConcurrentHashMap<>();

    public Red5Ingest(IngestHook hook) {
        this.hook = hook;
    }

    /** Called when a publisher starts broadcasting; never throws into Red5. */
    public void broadcastStarted(IBroadcastStream stream) {
        try {
            StreamKey key = keyOf(stream);
            StreamHandle handle = hook.open(key);
            StreamIngestListener listener = new StreamIngestListener(key, handle);
            StreamIngestListener previous = active.put(stream, listener);
            if (previous != null) {
                previous.publisherStopped();
            }
            stream.addStreamListener(listener);
            log.debug("Stream {}: publisher started; handed to Streamflow", key);
        } catch (RuntimeException | LinkageError e) {
            log.warn("Stream '{}': Streamflow does not ingest it: {}", describe(stream), e.getMessage());
        }
    }

    /**
     * Called when the broadcast closes, whether the publisher stopped or disconnected (on Red5 1.3 only once
     * {@link PublisherDuty} has marked the publishing connection).
     */
    public void broadcastClosed(IBroadcastStream stream) {
        StreamIngestListener listener = active.remove(stream);
        if (listener != null) {
            stream.removeStreamListener(listener);
            listener.publisherStopped();
        }
    }

    /** Ends every stream being ingested (server shutdown): their outputs are flushed and closed. */
    public void closeAll() {
        active.forEach((stream, listener) -> {
            if (active.remove(stream, listener)) {
                stream.removeStreamListener(listener);
                listener.publisherStopped();
            }
        });
    }

    /** The streams being ingested right now, sorted by app and name. */
    public List<StreamKey> activeStreams() {
        return active.values().stream().filter(l -> !l.isEnded()).map(StreamIngestListener::key)
                .sorted(Comparator.comparing(StreamKey::app).thenComparing(StreamKey::stream))
                .toList();
    }

    private static StreamKey keyOf(IBroadcastStream stream) {
        String app = stream.getScope() == null ? null : stream.getScope().getName();
        return new StreamKey(app, stream.getPublishedName());
    }

    private static String describe(IBroadcastStream stream) {
        String app = stream.getScope() == null ? "?" : stream.getScope().getName();
        return app + "/" + stream.getPublishedName();
    }
}
